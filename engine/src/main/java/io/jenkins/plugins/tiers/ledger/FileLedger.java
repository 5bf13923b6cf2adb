package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
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
 * <p>Appends hold an in-process lock and an exclusive {@link FileLock}, repair a torn last line
 * left by a crash, write one line and force it to disk before returning. Readers take no file
 * lock: they only ever read complete lines, and catch up with what other processes appended by
 * comparing the log's size and identity with what they have read.
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

    private static final int MAX_WARNINGS = 100;

    /** The application this ledger was opened for; null when it is the application of the first event. */
    private final String bound;

    private final LedgerDirectory directory;
    private final Path dir;
    private final Path log;
    private final Path snapshotFile;
    private final int indexCapacity;
    private final int snapshotEvery;
    private final LedgerCodec codec = new LedgerCodec();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> warnings = new ArrayList<>();
    private final List<PendingAppend> pending = new ArrayList<>();

    // guarded by lock
    private Projection projection;
    private long knownSize;
    private Object knownKey;
    /** SHA-256 of the log's bytes up to knownSize, so a snapshot proves which prefix it was built from. */
    private MessageDigest prefixDigest = newDigest();

    private LiveState cachedLive;
    private int appendsSinceSnapshot;

    private FileLedger(Path dir, String application, int indexCapacity, int snapshotEvery, LedgerFiles files) {
        this.bound = application;
        this.directory = new LedgerDirectory(dir, files);
        this.dir = directory.dir();
        this.log = directory.log();
        this.snapshotFile = directory.snapshot();
        this.indexCapacity = indexCapacity;
        this.snapshotEvery = snapshotEvery;
        this.projection = newProjection();
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
            ledger.load();
        } finally {
            ledger.lock.unlock();
        }
        return ledger;
    }

    /** The directory holding the ledger. */
    public Path directory() {
        return dir;
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
        lock.lock();
        try {
            refresh();
            return Optional.ofNullable(projection.application);
        } finally {
            lock.unlock();
        }
    }

    private Projection newProjection() {
        Projection fresh = new Projection(indexCapacity);
        fresh.application = bound;
        return fresh;
    }

    /** Whether {@code event} belongs to another application than this ledger's (lock held). */
    private boolean foreign(LedgerEvent event) {
        return projection.application != null && !projection.application.equals(event.application());
    }

    /** Things noticed while reading (skipped lines with their numbers, repaired torn lines), newest last. */
    @Override
    public List<String> warnings() {
        lock.lock();
        try {
            return List.copyOf(warnings);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- append

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

    /** One caller's append, completed by whichever thread writes its batch. Fields guarded by lock. */
    private static final class PendingAppend {
        final LedgerEvent event;
        boolean done;
        LedgerEvent stored;
        LedgerException failure;

        PendingAppend(LedgerEvent event) {
            this.event = event;
        }
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
            refresh();
            long size = channel.size();
            if (size > knownSize) {
                // Under the file lock nobody else is writing: bytes after the last complete line are a
                // line torn by a crash. Cut them off before writing after them.
                channel.truncate(knownSize);
                channel.force(false);
                warn(log + ": repaired a torn last line (" + (size - knownSize) + " bytes at line "
                        + (projection.lines + 1) + ")");
            }
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
            int total = 0;
            long seq = projection.nextSeq() - 1;
            for (PendingAppend p : accepted) {
                LedgerEvent s = p.event.withSeq(++seq);
                byte[] line = codec.toLine(s);
                stored.add(s);
                lines.add(line);
                total += line.length;
            }
            ByteBuffer buffer = ByteBuffer.allocate(total);
            lines.forEach(buffer::put);
            buffer.flip();
            try {
                long position = knownSize;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                channel.force(false);
            } catch (IOException e) {
                undo(channel);
                throw new LedgerException(log, "cannot append to the ledger; it is unchanged", e);
            }
            if (created) {
                directory.sync();
            }
            projection.application = owner;
            for (int i = 0; i < stored.size(); i++) {
                projection.apply(stored.get(i), knownSize);
                projection.lines++;
                prefixDigest.update(lines.get(i));
                knownSize += lines.get(i).length;
            }
            knownKey = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
            cachedLive = null;
            appendsSinceSnapshot += stored.size();
            if (appendsSinceSnapshot >= snapshotEvery) {
                saveSnapshot();
            }
            for (int i = 0; i < accepted.size(); i++) {
                accepted.get(i).stored = stored.get(i);
            }
            repeats.forEach(p -> p.stored =
                    p.event.withSeq(firstById.get(p.event.id()).stored.seq()));
        } catch (IOException e) {
            throw new LedgerException(log, "cannot append to the ledger", e);
        }
    }

    private void undo(FileChannel channel) {
        try {
            channel.truncate(knownSize);
            channel.force(false);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, log + ": could not remove a partly written line; it will be repaired", e);
        }
    }

    // ---------------------------------------------------------------- reading the projection

    /** Loads the snapshot if it matches the log, then catches up; otherwise rebuilds. */
    private void load() {
        if (!Files.exists(log)) {
            projection = newProjection();
            knownSize = 0;
            knownKey = null;
            prefixDigest = newDigest();
            cachedLive = null;
            return;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(log, BasicFileAttributes.class);
            Projection.Snapshot snapshot = readSnapshot();
            if (snapshot != null && matches(snapshot, attrs)) {
                MessageDigest digest = digestOf(snapshot.logSize());
                if (!hex(cloned(digest)).equals(snapshot.logDigest())) {
                    warn(snapshotFile + ": the log changed before byte " + snapshot.logSize()
                            + " since this snapshot was taken; rebuilding the live state from the log");
                } else {
                    Projection restored = restoreOrNull(snapshot);
                    if (restored != null && bound != null && restored.application == null) {
                        restored.application = bound; // built before any readable event: nobody's yet
                    }
                    if (restored != null && bound != null && !bound.equals(restored.application)) {
                        warn(snapshotFile + ": the snapshot was built for application \"" + restored.application
                                + "\", not \"" + bound + "\"; rebuilding the live state from the log");
                        restored = null;
                    }
                    if (restored != null) {
                        restored.foreign.forEach(f -> warn(f.describe(log)));
                        warnMoreForeign(restored);
                        projection = restored;
                        knownSize = snapshot.logSize();
                        knownKey = attrs.fileKey();
                        prefixDigest = digest;
                        cachedLive = null;
                        catchUp(attrs.size());
                        return;
                    }
                }
            }
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
        rebuild();
    }

    /** The snapshot as a projection, or null (with a warning) when it is not a whole one. */
    private Projection restoreOrNull(Projection.Snapshot snapshot) {
        try {
            return Projection.restore(snapshot, indexCapacity);
        } catch (RuntimeException e) {
            warn(snapshotFile + ": incomplete snapshot, rebuilding the live state from the log (" + e + ")");
            return null;
        }
    }

    private MessageDigest digestOf(long size) throws IOException {
        MessageDigest digest = newDigest();
        LogLines.read(log, 0, size, (offset, buf, start, length) -> {
            digest.update(buf, start, length);
            digest.update((byte) '\n');
        });
        return digest;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static MessageDigest cloned(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest sealing a snapshot: of its content without the seal, so an edit shows. */
    private String seal(Projection.Snapshot snapshot) throws IOException {
        return HexFormat.of().formatHex(newDigest().digest(codec.mapper().writeValueAsBytes(snapshot.withSeal(null))));
    }

    private Projection.Snapshot readSnapshot() {
        if (!Files.exists(snapshotFile)) {
            return null;
        }
        try {
            Projection.Snapshot snapshot = codec.mapper().readValue(snapshotFile.toFile(), Projection.Snapshot.class);
            if (snapshot == null) {
                throw new IOException("empty");
            }
            if (snapshot.schema() != Projection.SNAPSHOT_SCHEMA) {
                return null; // an older format: rebuilt quietly, once
            }
            if (!seal(snapshot).equals(snapshot.seal())) {
                warn(snapshotFile + ": the snapshot does not match its seal (edited or damaged); rebuilding the live"
                        + " state from the log");
                return null;
            }
            return snapshot;
        } catch (IOException | RuntimeException e) {
            warn(snapshotFile + ": unreadable snapshot, rebuilding the live state from the log (" + e.getMessage()
                    + ")");
            return null;
        }
    }

    /** The snapshot is current if it was taken of this file and the line ending at its size has its seq. */
    private boolean matches(Projection.Snapshot s, BasicFileAttributes attrs) throws IOException {
        if (s.schema() != Projection.SNAPSHOT_SCHEMA || s.tiers() == null || s.index() == null) {
            return false;
        }
        if (!String.valueOf(attrs.fileKey()).equals(s.logKey()) || s.logSize() > attrs.size()) {
            return false;
        }
        if (s.logSize() == 0) {
            return s.seq() == 0;
        }
        long from = Math.max(0, s.logSize() - (1 << 16));
        long[] lastSeq = {-1};
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            if (channel.read(one, s.logSize() - 1) != 1 || one.get(0) != '\n') {
                return false;
            }
            LogLines.read(channel, from, s.logSize(), (offset, buf, start, length) -> {
                try {
                    lastSeq[0] = codec.fromLine(buf, start, length).seq();
                } catch (IOException e) {
                    lastSeq[0] = -1;
                }
            });
        }
        return lastSeq[0] == s.seq();
    }

    private void rebuild() {
        projection = newProjection();
        prefixDigest = newDigest();
        knownSize = 0;
        cachedLive = null;
        try {
            BasicFileAttributes attrs = Files.readAttributes(log, BasicFileAttributes.class);
            knownKey = attrs.fileKey();
            catchUp(attrs.size());
        } catch (NoSuchFileException e) {
            knownKey = null;
            return;
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
        saveSnapshot();
    }

    /** Applies the complete lines between what is known and {@code size}. */
    private void catchUp(long size) throws IOException {
        if (size <= knownSize) {
            return;
        }
        int foreignBefore = projection.foreignLines;
        SequenceCheck check = new SequenceCheck(projection.seq, new SequenceCheck.Sink() {
            @Override
            public void accept(LedgerEvent event, long offset, long line) {
                if (projection.application == null) {
                    projection.application = event.application(); // an unbound ledger: the first event owns it
                }
                if (foreign(event)) {
                    UnaccountedLine ignored = new UnaccountedLine(
                            line,
                            offset,
                            event.seq(),
                            "an event of application \"" + event.application() + "\", not \"" + projection.application
                                    + "\"; ignored (one ledger per application)");
                    projection.ignoreForeign(event, ignored);
                    if (projection.foreignLines <= Projection.UNACCOUNTED_NAMED) {
                        warn(ignored.describe(log));
                    }
                } else {
                    projection.apply(event, offset);
                }
            }

            @Override
            public void setAside(long line, long offset, long seq, String reason) {
                UnaccountedLine unaccounted = new UnaccountedLine(line, offset, seq, reason);
                projection.setAside(unaccounted);
                warn(unaccounted.describe(log) + "; set aside");
            }
        });
        knownSize = LogLines.read(log, knownSize, size, (offset, buf, start, length) -> {
            prefixDigest.update(buf, start, length);
            prefixDigest.update((byte) '\n');
            projection.lines++;
            LogScan.judge(codec, check, buf, start, length, offset, projection.lines);
        });
        check.finish();
        cachedLive = null;
        if (projection.foreignLines > foreignBefore) {
            warnMoreForeign(projection);
        }
    }

    private void warnMoreForeign(Projection p) {
        if (p.foreignLines > p.foreign.size()) {
            warn(log + ": and " + (p.foreignLines - p.foreign.size()) + " more event(s) of other applications ignored");
        }
    }

    /** Catches up with appends by other processes, or reloads after another process compacted. */
    private void refresh() {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(log, BasicFileAttributes.class);
        } catch (FileSystemException e) {
            if (Files.exists(log)) {
                throw new LedgerException(log, "cannot read the ledger", e);
            }
            if (knownSize > 0 || knownKey != null) {
                load();
            }
            return;
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
        if (knownKey != null && !Objects.equals(knownKey, attrs.fileKey()) || attrs.size() < knownSize) {
            knownKey = null;
            load();
            return;
        }
        knownKey = attrs.fileKey();
        try {
            catchUp(attrs.size());
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
    }

    private void saveSnapshot() {
        appendsSinceSnapshot = 0;
        if (knownKey == null) {
            return;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, SNAPSHOT, ".tmp");
            try (FileChannel channel = directory.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                Projection.Snapshot unsealed =
                        projection.save(knownSize, String.valueOf(knownKey), hex(cloned(prefixDigest)));
                codec.mapper().writeValue(out, unsealed.withSeal(seal(unsealed)));
            }
            LedgerDirectory.moveAtomically(temp, snapshotFile);
        } catch (IOException | RuntimeException e) {
            // the snapshot is a cache: without it the next open rebuilds from the log
            warn(snapshotFile + ": could not save the live-state snapshot: " + e.getMessage());
            LedgerDirectory.deleteQuietly(temp);
        }
    }

    private void warn(String message) {
        LOGGER.warning(message);
        warnings.add(message);
        if (warnings.size() > MAX_WARNINGS) {
            warnings.remove(0);
        }
    }

    @Override
    public LiveState liveState() {
        lock.lock();
        try {
            refresh();
            if (cachedLive == null) {
                cachedLive = projection.liveState();
            }
            return cachedLive;
        } finally {
            lock.unlock();
        }
    }

    /** The tier ids in order of first appearance in the ledger. */
    @Override
    public List<String> tierOrder() {
        lock.lock();
        try {
            refresh();
            return projection.tierOrder();
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
            refresh();
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
            refresh();
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
            refresh();
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
        Set<Long> setAside = new HashSet<>();
        projection.unaccounted.forEach(u -> setAside.add(u.offset()));
        try {
            LogLines.read(log, from, knownSize, (offset, buf, start, length) -> {
                LedgerEvent event = setAside.contains(offset) ? null : LogScan.quietParse(codec, buf, start, length);
                if (event != null && !foreign(event)) {
                    gathered.add(event);
                }
            });
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
        return gathered.paths(projection.tierOrder());
    }

    /** The baseline path for candidates older than the index: one pass over the whole log. */
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
            refresh();
            size = knownSize;
            owner = projection.application;
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
        lock.lock();
        try {
            refresh();
            List<String> named = new ArrayList<>();
            projection.unaccounted.forEach(u -> named.add(u.describe(log)));
            if (projection.skippedLines > named.size()) {
                named.add(log + ": and " + (projection.skippedLines - named.size()) + " more line(s) set aside");
            }
            return named;
        } finally {
            lock.unlock();
        }
    }

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
                rebuild();
            }
            return found;
        });
    }

    // ---------------------------------------------------------------- retention

    @Override
    public CompactionResult compact(int keepCandidates) {
        Retention.checked(keepCandidates);
        return underBothLocks(() -> compactLocked(keepCandidates));
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

    private CompactionResult compactLocked(int keepCandidates) {
        refresh();
        long size = knownSize;
        if (size == 0) {
            return new CompactionResult(0, 0, 0);
        }
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
                    if (!foreign(e)) {
                        firstSeen.putIfAbsent(e.version(), Boolean.TRUE);
                    }
                    lastSeq[0] = Math.max(lastSeq[0], e.seq());
                }
            });
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
        Set<String> keep =
                Retention.keptVersions(projection.liveState(), new ArrayList<>(firstSeen.keySet()), keepCandidates);
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
                        if (foreign(e) || Retention.keeps(e, keep, lastSeq[0])) {
                            counts[1]++;
                            LedgerDirectory.writeFully(out, line(buf, start, length));
                        }
                    }));
        } catch (IOException e) {
            throw new LedgerException(log, "cannot compact the ledger; it is unchanged", e);
        }
        rebuild();
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
        refresh();
        if (knownSize > 0 && !replace) {
            throw new LedgerException(
                    log, "already holds " + projection.lines + " line(s); refusing to copy over them (replace them?)");
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
        rebuild();
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
        refresh();
        long size = knownSize; // whole lines only, as compaction reads them
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
            if (appendsSinceSnapshot > 0 && Files.isWritable(dir)) {
                saveSnapshot();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ledger " + dir;
    }
}
