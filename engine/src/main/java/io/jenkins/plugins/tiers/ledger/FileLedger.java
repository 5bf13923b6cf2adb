package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 * read whole ({@link LogScan})
 * and rewritten ({@link LedgerDirectory}, {@link Quarantine}) each live in their own class; what the
 * events mean lives in classes shared with {@link PostgresLedger} ({@link Projection}, {@link
 * Retention}, {@link CopyCheck}, {@link CandidateEvents}).
 *
 * <p>Open one instance per directory per JVM and share it (a second instance works, but its
 * appends contend for the file lock by polling).
 */
public final class FileLedger implements Ledger {

    private static final Logger LOGGER = Logger.getLogger(FileLedger.class.getName());

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
    private final List<PendingAppend> pending = new ArrayList<>();

    private FileLedger(Path dir, String application, int indexCapacity, int snapshotEvery, LedgerFiles files) {
        this.bound = application;
        this.directory = new LedgerDirectory(dir, files);
        this.log = directory.log();
        this.followed = new FollowedLog(directory, application, indexCapacity, snapshotEvery, codec, warnings);
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
        Objects.requireNonNull(event, "event");
        PendingAppend mine = new PendingAppend(event);
        synchronized (pending) {
            pending.add(mine);
        }
        lock.lock();
        try {
            // Group commit: whoever holds the lock writes every append queued so far with one fsync.
            if (!mine.done) {
                List<PendingAppend> batch;
                synchronized (pending) {
                    batch = new ArrayList<>(pending);
                    pending.clear();
                }
                appendBatch(batch);
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw new LedgerException(Path.of(mine.failure.path()), stripPath(mine.failure), mine.failure);
        }
        return mine.stored;
    }

    private static String stripPath(LedgerException e) {
        String message = e.getMessage();
        return message.startsWith(e.path() + ": ") ? message.substring(e.path().length() + 2) : message;
    }

    private void appendBatch(List<PendingAppend> all) {
        // a ledger opened for an application refuses another's events before touching the disk
        List<PendingAppend> batch = bound == null ? all : ownedBy(bound, all);
        try {
            if (batch.isEmpty()) {
                return;
            }
            directory.create();
            directory.withFileLock(() -> {
                appendLocked(batch);
                return null;
            });
        } catch (LedgerException e) {
            batch.forEach(p -> p.failure = e);
        } catch (RuntimeException e) {
            LedgerException wrapped = new LedgerException(log, "cannot append to the ledger", e);
            batch.forEach(p -> p.failure = wrapped);
        } finally {
            all.forEach(p -> p.done = true);
        }
    }

    /** The appends of {@code owner}'s events; each of the others fails, saying why. */
    private List<PendingAppend> ownedBy(String owner, List<PendingAppend> batch) {
        List<PendingAppend> accepted = new ArrayList<>(batch.size());
        for (PendingAppend p : batch) {
            if (owner.equals(p.event.application())) {
                accepted.add(p);
            } else {
                p.failure = OneApplication.refusedAppend(log.toString(), p.event, owner);
            }
        }
        return accepted;
    }

    /** Writes the batch's events of this ledger's application; refuses the others, each with why. */
    private void appendLocked(List<PendingAppend> batch) {
        boolean created = !Files.exists(log);
        FileChannel channel;
        try {
            channel = directory.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LedgerException(log, "cannot open the ledger for writing", e);
        }
        try (channel) {
            followed.refresh();
            cutTornTail(channel);
            Projection projection = followed.projection();
            // an unbound ledger without events belongs to the application of the first event it takes
            String owner = projection.application != null
                    ? projection.application
                    : batch.get(0).event.application();
            List<PendingAppend> accepted = new ArrayList<>();
            Map<String, PendingAppend> firstById = new HashMap<>();
            List<PendingAppend> repeats = new ArrayList<>();
            for (PendingAppend p : ownedBy(owner, batch)) {
                String id = p.event.id();
                Long storedAt = id == null ? null : projection.recentIds.get(id);
                if (storedAt != null) {
                    p.stored = p.event.withSeq(storedAt); // a retry of an append already on disk
                } else if (id != null && firstById.putIfAbsent(id, p) != null) {
                    repeats.add(p); // the same append twice in one batch: stored once
                } else {
                    accepted.add(p);
                }
            }
            if (accepted.isEmpty()) {
                return;
            }
            List<LedgerEvent> stored = new ArrayList<>(accepted.size());
            List<byte[]> lines = new ArrayList<>(accepted.size());
            long seq = projection.nextSeq() - 1;
            for (PendingAppend p : accepted) {
                LedgerEvent s = p.event.withSeq(++seq);
                stored.add(s);
                lines.add(codec.toLine(s));
            }
            write(channel, lines);
            if (created) {
                directory.sync();
            }
            followed.appended(owner, stored, lines);
            for (int i = 0; i < accepted.size(); i++) {
                accepted.get(i).stored = stored.get(i);
            }
            repeats.forEach(p -> p.stored =
                    p.event.withSeq(firstById.get(p.event.id()).stored.seq()));
        } catch (IOException e) {
            throw new LedgerException(log, "cannot append to the ledger", e);
        }
    }

    /**
     * Under the file lock nobody else is writing: bytes after the last complete line are a line
     * torn by a crash. Cuts them off before writing after them.
     */
    private void cutTornTail(FileChannel channel) throws IOException {
        long size = channel.size();
        long known = followed.knownSize();
        if (size > known) {
            channel.truncate(known);
            channel.force(false);
            warnings.warn(log + ": repaired a torn last line (" + (size - known) + " bytes at line "
                    + (followed.projection().lines + 1) + ")");
        }
    }

    /** Writes {@code lines} after the last complete line with one {@code fsync}; removes them when that fails. */
    private void write(FileChannel channel, List<byte[]> lines) {
        int total = lines.stream().mapToInt(l -> l.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(total);
        lines.forEach(buffer::put);
        buffer.flip();
        try {
            long position = followed.knownSize();
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
        } catch (IOException e) {
            undo(channel);
            throw new LedgerException(log, "cannot append to the ledger; it is unchanged", e);
        }
    }

    private void undo(FileChannel channel) {
        try {
            channel.truncate(followed.knownSize());
            channel.force(false);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, log + ": could not remove a partly written line; it will be repaired", e);
        }
    }
    /** One caller's append, completed by whichever thread writes its batch. Fields guarded by the ledger's lock. */
    private static final class PendingAppend {
        final LedgerEvent event;
        boolean done;
        LedgerEvent stored;
        LedgerException failure;

        PendingAppend(LedgerEvent event) {
            this.event = event;
        }
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
        if (count <= 0) {
            return List.of();
        }
        lock.lock();
        try {
            followed.refresh();
            Projection projection = followed.projection();
            List<Projection.IndexEntry> entries = new ArrayList<>(projection.index.values());
            if (entries.size() >= count || projection.indexComplete) {
                List<Projection.IndexEntry> newest =
                        entries.subList(Math.max(0, entries.size() - count), entries.size());
                if (newest.stream().allMatch(e -> e.firstOffset() >= 0)) {
                    return collect(newest);
                }
                Set<String> versions = new HashSet<>();
                newest.forEach(e -> versions.add(e.version()));
                return fullScanCandidates(versions::contains, count, null);
            }
        } finally {
            lock.unlock();
        }
        return fullScanCandidates(version -> true, count, null);
    }

    @Override
    public Optional<CandidatePath> candidate(String version) {
        lock.lock();
        try {
            followed.refresh();
            Projection projection = followed.projection();
            Projection.IndexEntry entry = projection.index.get(version);
            if (entry != null && entry.firstOffset() >= 0) {
                return collect(List.of(entry)).stream().findFirst();
            }
            if (entry == null && projection.indexComplete) {
                return Optional.empty();
            }
        } finally {
            lock.unlock();
        }
        return fullScanCandidates(version::equals, 1, null).stream().findFirst();
    }

    @Override
    public List<CandidatePath> search(String text) {
        SearchText search = SearchText.of(text);
        if (search.isEmpty()) {
            return List.of();
        }
        lock.lock();
        try {
            followed.refresh();
            Projection projection = followed.projection();
            if (projection.indexComplete) {
                List<Projection.IndexEntry> hits = projection.index.values().stream()
                        .filter(e -> search.matches(e.version(), e.revision()))
                        .toList();
                return collect(hits);
            }
        } finally {
            lock.unlock();
        }
        return fullScanCandidates(null, Integer.MAX_VALUE, search);
    }

    /** Reads from the first event of the oldest entry to the end, keeping the entries' events. Lock held. */
    private List<CandidatePath> collect(List<Projection.IndexEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        long from = entries.stream()
                .mapToLong(Projection.IndexEntry::firstOffset)
                .min()
                .orElse(0);
        CandidateEvents gathered = new CandidateEvents();
        entries.stream()
                .sorted(Comparator.comparingLong(Projection.IndexEntry::lastSeq).reversed())
                .forEach(e -> gathered.want(e.version()));
        Projection projection = followed.projection();
        Set<Long> setAside = new HashSet<>();
        projection.unaccounted.forEach(u -> setAside.add(u.offset()));
        try {
            LogLines.read(log, from, followed.knownSize(), (offset, buf, start, length) -> {
                LedgerEvent event = setAside.contains(offset) ? null : LogScan.quietParse(codec, buf, start, length);
                if (event != null && !followed.foreign(event)) {
                    gathered.add(event);
                }
            });
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
        return gathered.paths(projection.tierOrder());
    }

    /**
     * The baseline path for candidates older than the index: one pass over the whole log, keeping
     * the versions {@code wanted} accepts when first seen, or else those {@code search} finds.
     */
    private List<CandidatePath> fullScanCandidates(Predicate<String> wanted, int count, SearchText search) {
        CandidateEvents gathered = new CandidateEvents();
        Set<String> rejected = new HashSet<>();
        scan(event -> {
            String v = event.version();
            if (!gathered.wants(v) && !rejected.contains(v)) {
                boolean keep = wanted != null
                        ? wanted.test(v)
                        : search.matches(v, event.candidate().revision());
                if (keep) {
                    gathered.want(v);
                } else if (search == null) {
                    rejected.add(v);
                }
            }
            gathered.add(event);
        });
        return gathered.newest(count, tierOrder());
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
