package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A ledger in one directory: {@code events.jsonl} (the log, one JSON event per line, the only
 * source of truth), {@code live-state.json} (a snapshot of the projection, a cache rebuilt from the
 * log when missing or stale) and {@code ledger.lock} (the inter-process lock).
 *
 * <p>A ledger holds one application: the one it is opened for, or, opened without one, the
 * application of its first event. It refuses to append an event of another application, and
 * ignores one found in the log with a warning naming the file and line (its sequence number still
 * counts), so two applications that once shared a directory never see each other's live state.
 *
 * <p>Appends hold an in-process lock and an exclusive {@link java.nio.channels.FileLock}, repair a
 * torn last line left by a crash, write one line and force it to disk before returning. Readers take
 * no file lock: they only ever read complete lines, and catch up with what other processes appended
 * by comparing the log's size and identity with what they have read.
 *
 * <p>This class is the facade: how the log is followed ({@link FollowedLog}, {@link SnapshotFile}),
 * appended to ({@link LogAppender}), queried ({@link IndexedHistory}), read whole ({@link LogScan})
 * and rewritten ({@link LedgerDirectory}, {@link Quarantine}) each live in their own class; what the
 * events mean lives in classes shared with {@link PostgresLedger} ({@link Projection}, {@link
 * Retention}, {@link CopyCheck}, {@link CandidateEvents}).
 *
 * <p>Open one instance per directory per JVM and share it (a second instance works, but its
 * appends contend for the file lock by polling).
 */
public final class FileLedger implements Ledger {

    /** The log's file name. */
    public static final String EVENTS = "events.jsonl";
    /** The snapshot's file name. */
    public static final String SNAPSHOT = "live-state.json";
    /** The lock file's name. */
    public static final String LOCK = "ledger.lock";
    /** Where {@link #repair} moves the lines the ledger cannot account for. */
    public static final String QUARANTINE = "events.quarantine.jsonl";

    /** Candidates whose first offset is indexed; older ones are found by a full scan. */
    public static final int DEFAULT_INDEX_CAPACITY = 10_000;
    /** Appends between two snapshot saves (the snapshot is also saved on close). */
    public static final int DEFAULT_SNAPSHOT_EVERY = 1000;

    /** The application this ledger was opened for; null when it is the application of the first event. */
    private final String bound;

    private final LedgerDirectory directory;
    private final Path log;
    private final LedgerCodec codec = new LedgerCodec();
    /** Guards everything below, and every read and write of the files by this instance. */
    private final ReentrantLock lock = new ReentrantLock();

    private final LedgerWarnings warnings = new LedgerWarnings();
    private final FollowedLog followed;
    private final LogAppender appender;
    private final IndexedHistory history;

    private FileLedger(Path dir, String application, int indexCapacity, int snapshotEvery, LedgerFiles files) {
        this.bound = application;
        this.directory = new LedgerDirectory(dir, files);
        this.log = directory.log();
        this.followed = new FollowedLog(directory, application, indexCapacity, snapshotEvery, codec, warnings);
        this.appender = new LogAppender(lock, directory, application, followed, codec, warnings);
        this.history = new IndexedHistory(lock, followed, log, codec, this::scan, this::tierOrder);
    }

    /**
     * Opens the ledger of {@code application} in {@code dir}, which need not exist yet (it is
     * created on the first append). Loads the snapshot if it matches the log and was built for
     * this application, otherwise rebuilds it from the log.
     */
    public static FileLedger open(Path dir, String application) {
        return open(dir, application, DEFAULT_INDEX_CAPACITY, DEFAULT_SNAPSHOT_EVERY);
    }

    /**
     * Opens the ledger in {@code dir} for whichever application it holds: that of its first event,
     * or, while it is empty, of the first event appended. For tools that read a ledger without
     * knowing its application; prefer {@link #open(Path, String)}.
     */
    public static FileLedger open(Path dir) {
        return open(dir, null, DEFAULT_INDEX_CAPACITY, DEFAULT_SNAPSHOT_EVERY);
    }

    /** As {@link #open(Path)}, with the index capacity and snapshot interval chosen. */
    public static FileLedger open(Path dir, int indexCapacity, int snapshotEvery) {
        return open(dir, null, indexCapacity, snapshotEvery);
    }

    /**
     * As {@link #open(Path, String)} (or, with a null {@code application}, {@link #open(Path)}),
     * with the index capacity and snapshot interval chosen.
     */
    public static FileLedger open(Path dir, String application, int indexCapacity, int snapshotEvery) {
        return open(dir, application, indexCapacity, snapshotEvery, LedgerFiles.PLATFORM);
    }

    /** As {@link #open(Path, int, int)}, writing through {@code files} (tests inject faults here). */
    static FileLedger open(Path dir, int indexCapacity, int snapshotEvery, LedgerFiles files) {
        return open(dir, null, indexCapacity, snapshotEvery, files);
    }

    static FileLedger open(Path dir, String application, int indexCapacity, int snapshotEvery, LedgerFiles files) {
        if (indexCapacity < 1 || snapshotEvery < 1) {
            throw new IllegalArgumentException("index capacity and snapshot interval must be positive");
        }
        if (application != null && application.isBlank()) {
            throw new IllegalArgumentException("application name must not be blank");
        }
        FileLedger ledger = new FileLedger(dir, application, indexCapacity, snapshotEvery, files);
        ledger.lock.lock();
        try {
            ledger.followed.load();
        } finally {
            ledger.lock.unlock();
        }
        return ledger;
    }

    /** The directory holding the ledger. */
    public Path directory() {
        return directory.dir();
    }

    /** The log file. */
    public Path logFile() {
        return log;
    }

    /**
     * The application this ledger holds: the one it was opened for, else that of its first event;
     * empty for a ledger opened without one that has no event yet.
     */
    @Override
    public Optional<String> application() {
        return underLock(() -> Optional.ofNullable(followed.projection().application));
    }

    /** Things noticed while reading (skipped lines with their numbers, repaired torn lines), newest last. */
    @Override
    public List<String> warnings() {
        lock.lock();
        try {
            return warnings.list();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LedgerEvent append(LedgerEvent event) {
        return appender.append(event);
    }

    @Override
    public LiveState liveState() {
        return underLock(followed::liveState);
    }

    /** The tier ids in order of first appearance in the ledger. */
    @Override
    public List<String> tierOrder() {
        return underLock(() -> followed.projection().tierOrder());
    }

    /** Runs {@code read} holding this process's lock, after catching up with the log. */
    private <T> T underLock(Supplier<T> read) {
        lock.lock();
        try {
            followed.refresh();
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- history

    @Override
    public List<CandidatePath> lastCandidates(int count) {
        return history.lastCandidates(count);
    }

    @Override
    public Optional<CandidatePath> candidate(String version) {
        return history.candidate(version);
    }

    @Override
    public List<CandidatePath> search(String text) {
        return history.search(text);
    }

    @Override
    public ScanResult scan(Consumer<LedgerEvent> consumer) {
        long size;
        String owner;
        lock.lock();
        try {
            followed.refresh();
            size = followed.knownSize();
            owner = followed.projection().application;
        } finally {
            lock.unlock();
        }
        if (size == 0) {
            return new ScanResult(0, List.of(), false);
        }
        return LogScan.scan(log, codec, owner, consumer);
    }

    /**
     * The lines the ledger cannot account for, as the projection knows them (the first {@value
     * Projection#UNACCOUNTED_NAMED}, each naming the file and line); empty when every line is an
     * event in order. A gate blocks while there is any.
     */
    @Override
    public List<String> unaccounted() {
        return underLock(() -> {
            Projection projection = followed.projection();
            List<String> named = new ArrayList<>();
            projection.unaccounted.forEach(u -> named.add(u.describe(log)));
            if (projection.skippedLines > named.size()) {
                named.add(log + ": and " + (projection.skippedLines - named.size()) + " more line(s) set aside");
            }
            return named;
        });
    }

    // ---------------------------------------------------------------- checking and repairing

    /**
     * Reads the whole log afresh, trusting no snapshot, and reports every line it cannot account
     * for and whether it ends in a torn line.
     */
    public LedgerCheck check() {
        lock.lock();
        try {
            return LogScan.check(log, codec);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves every line the ledger cannot account for out of the log into {@value #QUARANTINE}
     * beside it, one JSON object per line with the line's number, offset, reason, the time and the
     * line itself (as text and as base64 of its exact bytes). The quarantine file is forced before
     * the log is renamed over, so a crash in between leaves a line in both places, never in neither.
     *
     * @param now the time written with each quarantined line
     * @return what the log held before, including the lines moved; nothing is moved when it is clean
     */
    public LedgerCheck repair(Instant now) {
        return underBothLocks(() -> {
            LedgerCheck found = LogScan.check(log, codec);
            if (!found.unaccounted().isEmpty()) {
                new Quarantine(directory, codec).moveOut(found, now);
                followed.rebuild();
            }
            return found;
        });
    }

    /** Runs {@code body} holding this process's lock and the ledger's file lock, the directory made. */
    private <T> T underBothLocks(Supplier<T> body) {
        lock.lock();
        try {
            directory.create();
            return directory.withFileLock(body);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- retention

    @Override
    public CompactionResult compact(int keepCandidates) {
        Retention.checked(keepCandidates);
        return underBothLocks(() -> compactLocked(keepCandidates));
    }

    private CompactionResult compactLocked(int keepCandidates) {
        followed.refresh();
        long size = followed.knownSize();
        if (size == 0) {
            return new CompactionResult(0, 0, 0);
        }
        Projection projection = followed.projection();
        if (projection.skippedLines > 0) {
            // compaction would drop them unseen; a repair keeps them, with why, in the quarantine file
            throw new LedgerException(
                    log,
                    "cannot compact: " + projection.skippedLines + " line(s) cannot be accounted for ("
                            + projection.unaccounted.get(0).describe(log) + "); run `tiers ledger repair` first");
        }
        // first appearance order of every candidate, from a full pass
        LinkedHashMap<String, Boolean> firstSeen = new LinkedHashMap<>();
        long[] lastSeq = {0};
        try {
            LogLines.read(log, 0, size, (offset, buf, start, length) -> {
                LedgerEvent e = LogScan.quietParse(codec, buf, start, length);
                if (e != null) {
                    if (!followed.foreign(e)) {
                        firstSeen.putIfAbsent(e.version(), Boolean.TRUE);
                    }
                    lastSeq[0] = Math.max(lastSeq[0], e.seq());
                }
            });
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
        Set<String> keep =
                Retention.keptVersions(followed.liveState(), new ArrayList<>(firstSeen.keySet()), keepCandidates);
        long[] counts = {0, 0, 0}; // before, kept, corrupt
        try {
            directory.replaceLog(
                    ".compacting",
                    out -> LogLines.read(log, 0, size, (offset, buf, start, length) -> {
                        LedgerEvent e = LogScan.quietParse(codec, buf, start, length);
                        if (e == null) {
                            counts[2]++;
                            return;
                        }
                        counts[0]++;
                        // another application's events are not this one's to drop
                        if (followed.foreign(e) || Retention.keeps(e, keep, lastSeq[0])) {
                            counts[1]++;
                            LedgerDirectory.writeFully(out, line(buf, start, length));
                        }
                    }));
        } catch (IOException e) {
            throw new LedgerException(log, "cannot compact the ledger; it is unchanged", e);
        }
        followed.rebuild();
        return new CompactionResult(counts[0], counts[1], (int) counts[2]);
    }

    /** A line as read, with its newline again. */
    private static ByteBuffer line(byte[] buf, int start, int length) {
        return ByteBuffer.allocate(length + 1)
                .put(buf, start, length)
                .put((byte) '\n')
                .flip();
    }

    // ---------------------------------------------------------------- copying

    /**
     * Writes {@code source}'s events as this ledger's log, through a temporary file renamed over
     * it, under the ledger's locks. With {@code replace}, a log already here is kept beside it as
     * {@code events.jsonl.before-copy-<millis>}, never deleted.
     */
    @Override
    public long copyFrom(Ledger source, boolean replace) {
        return underBothLocks(() -> copyLocked(source, replace));
    }

    private long copyLocked(Ledger source, boolean replace) {
        followed.refresh();
        if (followed.knownSize() > 0 && !replace) {
            throw new LedgerException(
                    log,
                    "already holds " + followed.projection().lines
                            + " line(s); refusing to copy over them (replace them?)");
        }
        String owner = bound != null ? bound : source.application().orElse(null);
        CopyCheck copied = new CopyCheck(log.toString(), owner);
        try {
            directory.replaceLog(
                    ".copying",
                    out -> source.scan(e -> {
                        copied.accept(e);
                        try {
                            LedgerDirectory.writeFully(out, ByteBuffer.wrap(codec.toLine(e)));
                        } catch (IOException ex) {
                            throw new LedgerException(log, "cannot write the copy", ex);
                        }
                    }),
                    () -> {
                        if (replace && Files.exists(log)) {
                            Files.move(
                                    log,
                                    directory.dir().resolve(EVENTS + ".before-copy-" + System.currentTimeMillis()));
                        }
                    });
            Files.deleteIfExists(directory.snapshot());
        } catch (IOException e) {
            throw new LedgerException(log, "cannot copy into the ledger; it is unchanged", e);
        }
        followed.rebuild();
        return copied.copied();
    }

    // ---------------------------------------------------------------- renaming

    /**
     * Gives the ledger in {@code dir}, and every event of {@code from} in it, to application {@code
     * to}: the application of such an event, and of its verdict, becomes {@code to}; their order,
     * {@code seq} and everything else stay. For a host that names an application after something
     * renamed (the plugin's job whose application is its full name). The log is rewritten into a
     * temporary file beside it, forced to disk, and renamed over it atomically, under the ledger's
     * lock; lines it cannot read and events of other applications are copied unchanged. The
     * snapshot is removed: the next open rebuilds it for {@code to}. Nothing must have the ledger
     * open meanwhile.
     *
     * @return how many events now belong to {@code to}
     * @throws LedgerException when the log cannot be rewritten; it is then unchanged
     */
    public static long renameApplication(Path dir, String from, String to) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new IllegalArgumentException("application names must not be blank");
        }
        FileLedger ledger = open(dir, from);
        ledger.lock.lock();
        try {
            if (!Files.exists(ledger.log)) {
                return 0;
            }
            return ledger.directory.withFileLock(() -> ledger.renameLocked(from, to));
        } finally {
            ledger.lock.unlock();
        }
    }

    private long renameLocked(String from, String to) {
        followed.refresh();
        long size = followed.knownSize(); // whole lines only, as compaction reads them
        long[] renamed = {0};
        try {
            directory.replaceLog(
                    ".renaming",
                    out -> LogLines.read(log, 0, size, (offset, buf, start, length) -> {
                        LedgerEvent e = LogScan.quietParse(codec, buf, start, length);
                        if (e != null && e.application().equals(from)) {
                            renamed[0]++;
                            LedgerDirectory.writeFully(out, ByteBuffer.wrap(codec.toLine(e.withApplication(to))));
                        } else {
                            LedgerDirectory.writeFully(out, line(buf, start, length));
                        }
                    }));
            Files.deleteIfExists(directory.snapshot());
        } catch (IOException e) {
            throw new LedgerException(log, "cannot give the ledger of " + from + " to " + to + "; it is unchanged", e);
        }
        return renamed[0];
    }

    @Override
    public void close() {
        lock.lock();
        try {
            followed.saveIfAppended();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ledger " + directory.dir();
    }
}
