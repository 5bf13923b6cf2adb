package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.gate.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    private final Path dir;
    /** The application this ledger was opened for; null when it is the application of the first event. */
    private final String bound;

    private final Path log;
    private final Path snapshotFile;
    private final Path lockFile;
    private final Path quarantineFile;
    private final int indexCapacity;
    private final int snapshotEvery;
    private final LedgerFiles files;
    private final LedgerCodec codec = new LedgerCodec();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> warnings = new ArrayList<>();
    /** Appends waiting for the next batch; its monitor guards them, {@link #writing} and each one's done. */
    private final List<PendingAppend> pending = new ArrayList<>();
    /** Whether a thread is writing a batch (or waiting to take it). */
    private boolean writing;
    /** How long the writer waits for the last batch's appenders to queue again; guarded by {@link #pending}. */
    private final BatchLinger linger = new BatchLinger();

    // guarded by lock
    private Projection projection;
    private long knownSize;
    private Object knownKey;
    /** SHA-256 of the log's bytes up to knownSize, so a snapshot proves which prefix it was built from. */
    private MessageDigest prefixDigest = newDigest();

    private LiveState cachedLive;
    private int appendsSinceSnapshot;

    private FileLedger(Path dir, String application, int indexCapacity, int snapshotEvery, LedgerFiles files) {
        this.files = files;
        this.bound = application;
        this.dir = dir.toAbsolutePath().normalize();
        this.log = this.dir.resolve(EVENTS);
        this.snapshotFile = this.dir.resolve(SNAPSHOT);
        this.lockFile = this.dir.resolve(LOCK);
        this.quarantineFile = this.dir.resolve(QUARANTINE);
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
        // Group commit: while one thread writes a batch, the appends that arrive queue up; the next
        // thread to write takes them all (see BatchLinger for when), with one fsync. The others are
        // woken as soon as the batch holding theirs is on disk, rather than waiting their turn for
        // the lock behind the next one.
        boolean writer;
        synchronized (pending) {
            pending.add(mine);
            if (writing && linger.filledBy(pending.size())) {
                pending.notifyAll(); // the writer waits for this one
            }
            while (!mine.done && writing) {
                try {
                    pending.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    // still queued: the next batch may write it, so wait for that answer
                }
            }
            writer = !mine.done;
            if (writer) {
                writing = true;
            }
        }
        if (writer) {
            List<PendingAppend> batch;
            synchronized (pending) {
                linger.await(pending, pending::size);
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            long start = System.nanoTime();
            try {
                lock.lock();
                try {
                    appendBatch(batch);
                } finally {
                    lock.unlock();
                }
            } finally {
                synchronized (pending) {
                    linger.written(batch.size(), System.nanoTime() - start);
                    batch.forEach(p -> p.done = true);
                    writing = false;
                    pending.notifyAll();
                }
            }
        }
        synchronized (pending) {
            return answer(mine);
        }
    }

    /** The stored event of a finished append, or its failure. */
    private LedgerEvent answer(PendingAppend mine) {
        if (mine.failure != null) {
            throw new LedgerException(Path.of(mine.failure.path()), stripPath(mine.failure), mine.failure);
        }
        return mine.stored;
    }

    private static String stripPath(LedgerException e) {
        String message = e.getMessage();
        return message.startsWith(e.path() + ": ") ? message.substring(e.path().length() + 2) : message;
    }

    /**
     * One caller's append, completed by whichever thread writes its batch (under the lock), and
     * handed back through {@link #pending}'s monitor.
     */
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
            createDirectory();
            withFileLock(() -> {
                appendLocked(batch);
                return null;
            });
        } catch (LedgerException e) {
            batch.forEach(p -> p.failure = e);
        } catch (RuntimeException e) {
            LedgerException wrapped = new LedgerException(log, "cannot append to the ledger", e);
            batch.forEach(p -> p.failure = wrapped);
        }
    }

    /** The appends of {@code owner}'s events; each of the others fails, saying why. */
    private List<PendingAppend> ownedBy(String owner, List<PendingAppend> batch) {
        List<PendingAppend> accepted = new ArrayList<>(batch.size());
        for (PendingAppend p : batch) {
            if (owner.equals(p.event.application())) {
                accepted.add(p);
            } else {
                p.failure = new LedgerException(
                        log,
                        "refused an event of application \"" + p.event.application() + "\": this ledger holds \""
                                + owner + "\" only (one ledger per application); it is unchanged");
            }
        }
        return accepted;
    }

    /** Writes the batch's events of this ledger's application; refuses the others, each with why. */
    private void appendLocked(List<PendingAppend> batch) {
        boolean created = !Files.exists(log);
        FileChannel channel;
        try {
            channel = files.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
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
                forceDirectory();
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

    private void createDirectory() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LedgerException(dir, "cannot create the ledger directory", e);
        }
    }

    private FileChannel openLockChannel() {
        try {
            return files.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new LedgerException(lockFile, "the ledger directory is not writable", e);
        } catch (IOException e) {
            throw new LedgerException(lockFile, "cannot open the lock file", e);
        }
    }

    private static FileLock acquire(FileChannel channel) throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                // another FileLedger on the same directory in this JVM holds it
                try {
                    Thread.sleep(1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the ledger lock", interrupted);
                }
            }
        }
    }

    /**
     * Makes a new or renamed log's directory entry durable. Not every platform can (Windows cannot
     * open a directory; some network file systems refuse): the file itself was forced, so this is
     * logged, not fatal, and a crash right after may lose the entry (see docs/ledger.md).
     */
    private void forceDirectory() {
        try (FileChannel d = files.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOGGER.log(
                    Level.WARNING,
                    dir + ": cannot sync the ledger directory; a crash now may lose the log's directory entry (" + e
                            + ")",
                    e);
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
            judge(check, buf, start, length, offset, projection.lines);
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

    /** Reads one line and hands it to the check, readable or not. */
    private void judge(SequenceCheck check, byte[] buf, int start, int length, long offset, long lineNumber) {
        try {
            check.readable(codec.fromLine(buf, start, length), offset, lineNumber);
        } catch (IOException e) {
            // a line this code cannot read (a newer type, a bad field) may still hold its seq: never reuse it
            check.unreadable(
                    lineNumber, offset, codec.seqOf(buf, start, length), "not a ledger event: " + e.getMessage());
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
            try (FileChannel channel = files.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                Projection.Snapshot unsealed =
                        projection.save(knownSize, String.valueOf(knownKey), hex(cloned(prefixDigest)));
                codec.mapper().writeValue(out, unsealed.withSeal(seal(unsealed)));
            }
            moveAtomically(temp, snapshotFile);
        } catch (IOException | RuntimeException e) {
            // the snapshot is a cache: without it the next open rebuilds from the log
            warn(snapshotFile + ": could not save the live-state snapshot: " + e.getMessage());
            deleteQuietly(temp);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // nothing more to do
            }
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
        String needle = text.trim().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return List.of();
        }
        lock.lock();
        try {
            refresh();
            if (projection.indexComplete) {
                List<Projection.IndexEntry> hits = projection.index.values().stream()
                        .filter(e -> matches(needle, e.version(), e.revision()))
                        .toList();
                return collect(hits);
            }
        } finally {
            lock.unlock();
        }
        return fullScanCandidates(null, Integer.MAX_VALUE, needle);
    }

    private static boolean matches(String needle, String version, String revision) {
        return version.toLowerCase(Locale.ROOT).contains(needle)
                || revision != null && revision.toLowerCase(Locale.ROOT).startsWith(needle);
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
        Map<String, List<LedgerEvent>> byVersion = new LinkedHashMap<>();
        entries.stream()
                .sorted(Comparator.comparingLong(Projection.IndexEntry::lastSeq).reversed())
                .forEach(e -> byVersion.put(e.version(), new ArrayList<>()));
        Set<Long> setAside = new HashSet<>();
        projection.unaccounted.forEach(u -> setAside.add(u.offset()));
        try {
            LogLines.read(log, from, knownSize, (offset, buf, start, length) -> {
                LedgerEvent event = setAside.contains(offset) ? null : quietParse(buf, start, length);
                if (event != null && !foreign(event)) {
                    addTo(byVersion, event);
                }
            });
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
        List<String> order = projection.tierOrder();
        List<CandidatePath> paths = new ArrayList<>();
        byVersion.forEach((version, events) -> {
            if (!events.isEmpty()) {
                paths.add(CandidatePath.of(version, events, order));
            }
        });
        return paths;
    }

    private static void addTo(Map<String, List<LedgerEvent>> byVersion, LedgerEvent event) {
        List<LedgerEvent> own = byVersion.get(event.version());
        if (own != null) {
            own.add(event);
        }
        if (event.rolledBackFrom() != null && !event.rolledBackFrom().equals(event.version())) {
            List<LedgerEvent> from = byVersion.get(event.rolledBackFrom());
            if (from != null) {
                from.add(event);
            }
        }
    }

    private LedgerEvent quietParse(byte[] buf, int start, int length) {
        try {
            return codec.fromLine(buf, start, length);
        } catch (IOException e) {
            return null; // counted and reported when the projection read it
        }
    }

    /** The baseline path for candidates older than the index: one pass over the whole log. */
    private List<CandidatePath> fullScanCandidates(Predicate<String> wanted, int count, String needle) {
        Map<String, List<LedgerEvent>> byVersion = new LinkedHashMap<>();
        Map<String, Long> lastSeq = new HashMap<>();
        Set<String> rejected = new HashSet<>();
        scan(event -> {
            lastSeq.put(event.version(), event.seq());
            String v = event.version();
            if (!byVersion.containsKey(v) && !rejected.contains(v)) {
                boolean keep = wanted != null
                        ? wanted.test(v)
                        : matches(needle, v, event.candidate().revision());
                if (keep) {
                    byVersion.put(v, new ArrayList<>());
                } else if (needle == null) {
                    rejected.add(v);
                }
            }
            addTo(byVersion, event);
        });
        List<String> order = tierOrder();
        return byVersion.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<LedgerEvent>> e) -> lastSeq.get(e.getKey()))
                        .reversed())
                .limit(count)
                .map(e -> CandidatePath.of(e.getKey(), e.getValue(), order))
                .toList();
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
        List<String> skipped = new ArrayList<>();
        long[] counts = {0, 0};
        SequenceCheck check = new SequenceCheck(0, new SequenceCheck.Sink() {
            @Override
            public void accept(LedgerEvent event, long offset, long line) {
                if (owner == null || owner.equals(event.application())) {
                    consumer.accept(event);
                    counts[0]++;
                }
            }

            @Override
            public void setAside(long line, long offset, long seq, String reason) {
                skipped.add(new UnaccountedLine(line, offset, seq, reason).describe(log));
            }
        });
        long end;
        try {
            end = LogLines.read(log, 0, Long.MAX_VALUE, (offset, buf, start, length) -> {
                counts[1]++;
                judge(check, buf, start, length, offset, counts[1]);
            });
            check.finish();
            boolean torn = Files.size(log) > end;
            return new ScanResult(counts[0], skipped, torn);
        } catch (NoSuchFileException e) {
            return new ScanResult(0, List.of(), false);
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
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
            return checkLocked();
        } finally {
            lock.unlock();
        }
    }

    private LedgerCheck checkLocked() {
        List<UnaccountedLine> unaccounted = new ArrayList<>();
        long[] counts = {0, 0};
        SequenceCheck check = new SequenceCheck(0, new SequenceCheck.Sink() {
            @Override
            public void accept(LedgerEvent event, long offset, long line) {
                counts[0]++;
            }

            @Override
            public void setAside(long line, long offset, long seq, String reason) {
                unaccounted.add(new UnaccountedLine(line, offset, seq, reason));
            }
        });
        try {
            long end = LogLines.read(log, 0, Long.MAX_VALUE, (offset, buf, start, length) -> {
                counts[1]++;
                judge(check, buf, start, length, offset, counts[1]);
            });
            check.finish();
            unaccounted.sort(Comparator.comparingLong(UnaccountedLine::line));
            return new LedgerCheck(log, counts[1], counts[0], unaccounted, Files.size(log) > end);
        } catch (NoSuchFileException e) {
            return new LedgerCheck(log, 0, 0, List.of(), false);
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
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
        return underBothLocks(() -> repairLocked(now));
    }

    private LedgerCheck repairLocked(Instant now) {
        LedgerCheck found = checkLocked();
        if (found.unaccounted().isEmpty()) {
            return found;
        }
        Map<Long, UnaccountedLine> byOffset = new HashMap<>();
        found.unaccounted().forEach(u -> byOffset.put(u.offset(), u));
        Path temp = null;
        try (FileChannel quarantine = files.open(
                quarantineFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            temp = Files.createTempFile(dir, EVENTS, ".repairing");
            try (FileChannel out = files.open(temp, StandardOpenOption.WRITE)) {
                long end = LogLines.read(log, 0, Long.MAX_VALUE, (offset, buf, start, length) -> {
                    UnaccountedLine bad = byOffset.get(offset);
                    if (bad != null) {
                        writeFully(quarantine, quarantineLine(bad, now, buf, start, length));
                    } else {
                        writeFully(
                                out,
                                ByteBuffer.allocate(length + 1)
                                        .put(buf, start, length)
                                        .put((byte) '\n')
                                        .flip());
                    }
                });
                // a torn last line stays a torn last line, for the next append to cut off
                byte[] tail = readFrom(end);
                writeFully(out, ByteBuffer.wrap(tail));
                out.force(true);
            }
            quarantine.force(true);
            moveAtomically(temp, log);
            temp = null;
            forceDirectory();
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new LedgerException(log, "cannot repair the ledger; it is unchanged", e);
        }
        rebuild();
        return found;
    }

    private byte[] readFrom(long offset) throws IOException {
        try (FileChannel in = FileChannel.open(log, StandardOpenOption.READ)) {
            long size = in.size();
            if (size <= offset) {
                return new byte[0];
            }
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size - offset, 1 << 24));
            while (tail.hasRemaining() && in.read(tail, offset + tail.position()) > 0) {
                // keep reading
            }
            return Arrays.copyOf(tail.array(), tail.position());
        }
    }

    private ByteBuffer quarantineLine(UnaccountedLine bad, Instant now, byte[] buf, int start, int length) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("quarantinedAt", now.toString());
        entry.put("file", log.toString());
        entry.put("line", bad.line());
        entry.put("offset", bad.offset());
        entry.put("reason", bad.reason());
        entry.put("text", new String(buf, start, length, StandardCharsets.UTF_8));
        entry.put("base64", Base64.getEncoder().encodeToString(Arrays.copyOfRange(buf, start, start + length)));
        try {
            byte[] json = codec.mapper().writeValueAsBytes(entry);
            return ByteBuffer.allocate(json.length + 1)
                    .put(json)
                    .put((byte) '\n')
                    .flip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a quarantine entry", e);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    // ---------------------------------------------------------------- retention

    @Override
    public CompactionResult compact(int keepCandidates) {
        if (keepCandidates < 0) {
            throw new IllegalArgumentException("keepCandidates must not be negative");
        }
        return underBothLocks(() -> compactLocked(keepCandidates));
    }

    /** Runs {@code body} holding this process's lock and the ledger's file lock, the directory made. */
    private <T> T underBothLocks(Supplier<T> body) {
        lock.lock();
        try {
            createDirectory();
            return withFileLock(body);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code body} holding the ledger's file lock, which other processes honour too. */
    private <T> T withFileLock(Supplier<T> body) {
        try (FileChannel lockChannel = openLockChannel();
                FileLock fileLock = acquire(lockChannel)) {
            return body.get();
        } catch (IOException e) {
            throw new LedgerException(lockFile, "cannot lock the ledger", e);
        }
    }

    private CompactionResult compactLocked(int keepCandidates) {
        refresh();
        if (knownSize == 0) {
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
            LogLines.read(log, 0, knownSize, (offset, buf, start, length) -> {
                LedgerEvent e = quietParse(buf, start, length);
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

        Path temp = null;
        long[] counts = {0, 0, 0}; // before, kept, corrupt
        try {
            temp = Files.createTempFile(dir, EVENTS, ".compacting");
            try (FileChannel out = files.open(temp, StandardOpenOption.WRITE)) {
                LogLines.read(log, 0, knownSize, (offset, buf, start, length) -> {
                    LedgerEvent e = quietParse(buf, start, length);
                    if (e == null) {
                        counts[2]++;
                        return;
                    }
                    counts[0]++;
                    // another application's events are not this one's to drop
                    if (foreign(e) || keep.contains(e.version()) || e.seq() == lastSeq[0]) {
                        counts[1]++;
                        ByteBuffer line = ByteBuffer.allocate(length + 1);
                        line.put(buf, start, length).put((byte) '\n').flip();
                        while (line.hasRemaining()) {
                            out.write(line);
                        }
                    }
                });
                out.force(true);
            }
            moveAtomically(temp, log);
            temp = null;
            forceDirectory();
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new LedgerException(log, "cannot compact the ledger; it is unchanged", e);
        }
        rebuild();
        return new CompactionResult(counts[0], counts[1], (int) counts[2]);
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
        Path temp = null;
        long[] copied = {0, 0}; // events, last seq
        try {
            temp = Files.createTempFile(dir, EVENTS, ".copying");
            try (FileChannel out = files.open(temp, StandardOpenOption.WRITE)) {
                source.scan(e -> {
                    if (owner != null && !owner.equals(e.application())) {
                        throw new LedgerException(
                                log,
                                "refused an event of application \"" + e.application() + "\" (seq " + e.seq()
                                        + "): this ledger holds \"" + owner + "\" only");
                    }
                    if (e.seq() <= copied[1] || e.seq() > SequenceCheck.MAX_SEQ) {
                        throw new LedgerException(
                                log, "refused event " + e.seq() + ": out of order after " + copied[1]);
                    }
                    try {
                        writeFully(out, ByteBuffer.wrap(codec.toLine(e)));
                    } catch (IOException ex) {
                        throw new LedgerException(log, "cannot write the copy", ex);
                    }
                    copied[0]++;
                    copied[1] = e.seq();
                });
                out.force(true);
            }
            if (replace && Files.exists(log)) {
                Files.move(log, dir.resolve(EVENTS + ".before-copy-" + System.currentTimeMillis()));
            }
            moveAtomically(temp, log);
            temp = null;
            forceDirectory();
            Files.deleteIfExists(snapshotFile);
        } catch (IOException e) {
            throw new LedgerException(log, "cannot copy into the ledger; it is unchanged", e);
        } finally {
            deleteQuietly(temp);
        }
        rebuild();
        return copied[0];
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
            return ledger.withFileLock(() -> ledger.renameLocked(from, to));
        } finally {
            ledger.lock.unlock();
        }
    }

    private long renameLocked(String from, String to) {
        refresh();
        long size = knownSize; // whole lines only, as compaction reads them
        Path temp = null;
        long[] renamed = {0};
        try {
            temp = Files.createTempFile(dir, EVENTS, ".renaming");
            try (FileChannel out = files.open(temp, StandardOpenOption.WRITE)) {
                LogLines.read(log, 0, size, (offset, buf, start, length) -> {
                    LedgerEvent e = quietParse(buf, start, length);
                    ByteBuffer line;
                    if (e != null && e.application().equals(from)) {
                        renamed[0]++;
                        line = ByteBuffer.wrap(codec.toLine(withApplication(e, to)));
                    } else {
                        line = ByteBuffer.allocate(length + 1);
                        line.put(buf, start, length).put((byte) '\n').flip();
                    }
                    while (line.hasRemaining()) {
                        out.write(line);
                    }
                });
                out.force(true);
            }
            moveAtomically(temp, log);
            temp = null;
            forceDirectory();
            Files.deleteIfExists(snapshotFile);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new LedgerException(log, "cannot give the ledger of " + from + " to " + to + "; it is unchanged", e);
        }
        return renamed[0];
    }

    private static LedgerEvent withApplication(LedgerEvent e, String application) {
        Verdict v = e.verdict();
        return new LedgerEvent(
                e.schema(),
                e.seq(),
                e.type(),
                e.time(),
                application,
                e.tier(),
                e.candidate(),
                e.actor(),
                v == null
                        ? null
                        : new Verdict(application, v.tier(), v.candidate(), v.findings(), v.policy(), v.evaluatedAt()),
                e.evidence(),
                e.approval(),
                e.exitCode(),
                e.reason(),
                e.rolledBackFrom(),
                e.slot(),
                e.step(),
                e.steps(),
                e.weight(),
                e.id());
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
