package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * The log as this process has read it: the projection of its complete lines, how many bytes that
 * is, the file they were read from and their digest. It starts from the snapshot when that matches
 * the log, catches up with what other processes appended, and reloads when another process
 * replaced the log (a compaction, a repair). Guarded by the ledger's lock.
 */
final class FollowedLog {

    private final LedgerDirectory directory;
    private final Path log;
    /** The application the ledger was opened for; null when it is the application of the first event. */
    private final String bound;

    private final int indexCapacity;
    private final int snapshotEvery;
    private final LedgerCodec codec;
    private final LedgerWarnings warnings;
    private final SnapshotFile snapshots;

    private Projection projection;
    private long knownSize;
    private Object knownKey;
    private PrefixDigest prefixDigest = PrefixDigest.empty();
    private LiveState cachedLive;
    private int appendsSinceSnapshot;

    FollowedLog(
            LedgerDirectory directory,
            String bound,
            int indexCapacity,
            int snapshotEvery,
            LedgerCodec codec,
            LedgerWarnings warnings) {
        this.directory = directory;
        this.log = directory.log();
        this.bound = bound;
        this.indexCapacity = indexCapacity;
        this.snapshotEvery = snapshotEvery;
        this.codec = codec;
        this.warnings = warnings;
        this.snapshots = new SnapshotFile(directory, codec, warnings);
        this.projection = newProjection();
    }

    /** The projection of what has been read; current after {@link #refresh()}. */
    Projection projection() {
        return projection;
    }

    /** The bytes of complete lines read, from the start of the log. */
    long knownSize() {
        return knownSize;
    }

    /** The live state of what has been read, made once per change. */
    LiveState liveState() {
        if (cachedLive == null) {
            cachedLive = projection.liveState();
        }
        return cachedLive;
    }

    private Projection newProjection() {
        Projection fresh = new Projection(indexCapacity);
        fresh.application = bound;
        return fresh;
    }

    /** Whether {@code event} belongs to another application than this ledger's. */
    boolean foreign(LedgerEvent event) {
        return projection.application != null && !projection.application.equals(event.application());
    }

    /** Loads the snapshot if it matches the log, then catches up; otherwise rebuilds. */
    void load() {
        if (!Files.exists(log)) {
            projection = newProjection();
            knownSize = 0;
            knownKey = null;
            prefixDigest = PrefixDigest.empty();
            cachedLive = null;
            return;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(log, BasicFileAttributes.class);
            Projection.Snapshot snapshot = snapshots.read();
            if (snapshot != null && snapshots.matches(snapshot, attrs)) {
                PrefixDigest digest = PrefixDigest.of(log, snapshot.logSize());
                if (!digest.hex().equals(snapshot.logDigest())) {
                    warnings.warn(directory.snapshot() + ": the log changed before byte " + snapshot.logSize()
                            + " since this snapshot was taken; rebuilding the live state from the log");
                } else if (resume(snapshot, attrs, digest)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
        rebuild();
    }

    /** Goes on from a snapshot that matches the log, unless it is not whole or of another application. */
    private boolean resume(Projection.Snapshot snapshot, BasicFileAttributes attrs, PrefixDigest digest)
            throws IOException {
        Projection restored = snapshots.restore(snapshot, indexCapacity);
        if (restored != null && bound != null && restored.application == null) {
            restored.application = bound; // built before any readable event: nobody's yet
        }
        if (restored != null && bound != null && !bound.equals(restored.application)) {
            warnings.warn(directory.snapshot() + ": the snapshot was built for application \"" + restored.application
                    + "\", not \"" + bound + "\"; rebuilding the live state from the log");
            restored = null;
        }
        if (restored == null) {
            return false;
        }
        restored.foreign.forEach(f -> warnings.warn(f.describe(log)));
        warnMoreForeign(restored);
        projection = restored;
        knownSize = snapshot.logSize();
        knownKey = attrs.fileKey();
        prefixDigest = digest;
        cachedLive = null;
        catchUp(attrs.size());
        return true;
    }

    /** Reads the whole log afresh and saves the snapshot. */
    void rebuild() {
        projection = newProjection();
        prefixDigest = PrefixDigest.empty();
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
                        warnings.warn(ignored.describe(log));
                    }
                } else {
                    projection.apply(event, offset);
                }
            }

            @Override
            public void setAside(long line, long offset, long seq, String reason) {
                UnaccountedLine unaccounted = new UnaccountedLine(line, offset, seq, reason);
                projection.setAside(unaccounted);
                warnings.warn(unaccounted.describe(log) + "; set aside");
            }
        });
        knownSize = LogLines.read(log, knownSize, size, (offset, buf, start, length) -> {
            prefixDigest.line(offset, buf, start, length);
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
            warnings.warn(log + ": and " + (p.foreignLines - p.foreign.size())
                    + " more event(s) of other applications ignored");
        }
    }

    /** Catches up with appends by other processes, or reloads after another process replaced the log. */
    void refresh() {
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

    /**
     * Takes in events this process just wrote at the end of the log, {@code lines} their lines in
     * order; saves the snapshot every so many appends.
     */
    void appended(String owner, List<LedgerEvent> events, List<byte[]> lines) throws IOException {
        projection.application = owner;
        for (int i = 0; i < events.size(); i++) {
            projection.apply(events.get(i), knownSize);
            projection.lines++;
            prefixDigest.written(lines.get(i));
            knownSize += lines.get(i).length;
        }
        knownKey = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
        cachedLive = null;
        appendsSinceSnapshot += events.size();
        if (appendsSinceSnapshot >= snapshotEvery) {
            saveSnapshot();
        }
    }

    /** Saves the snapshot if anything was appended since the last one and the directory takes it. */
    void saveIfAppended() {
        if (appendsSinceSnapshot > 0 && Files.isWritable(directory.dir())) {
            saveSnapshot();
        }
    }

    private void saveSnapshot() {
        appendsSinceSnapshot = 0;
        if (knownKey == null) {
            return;
        }
        snapshots.save(projection, knownSize, knownKey, prefixDigest);
    }
}
