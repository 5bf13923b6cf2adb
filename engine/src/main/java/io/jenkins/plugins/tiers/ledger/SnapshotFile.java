package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The live-state snapshot ({@value FileLedger#SNAPSHOT}): the projection saved with the size,
 * identity and digest of the log prefix it was built from, sealed with a digest of its own content.
 * A cache only: one that is unreadable, edited, of another format or of another log is reported
 * and not used, and the projection is rebuilt from the log.
 */
final class SnapshotFile {

    private final LedgerDirectory directory;
    private final LedgerCodec codec;
    private final LedgerWarnings warnings;

    SnapshotFile(LedgerDirectory directory, LedgerCodec codec, LedgerWarnings warnings) {
        this.directory = directory;
        this.codec = codec;
        this.warnings = warnings;
    }

    /** The snapshot if there is a readable, sealed one of this format; else null, with a warning when damaged. */
    Projection.Snapshot read() {
        Path file = directory.snapshot();
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Projection.Snapshot snapshot = codec.mapper().readValue(file.toFile(), Projection.Snapshot.class);
            if (snapshot == null) {
                throw new IOException("empty");
            }
            if (snapshot.schema() != Projection.SNAPSHOT_SCHEMA) {
                return null; // an older format: rebuilt quietly, once
            }
            if (!seal(snapshot).equals(snapshot.seal())) {
                warnings.warn(file + ": the snapshot does not match its seal (edited or damaged); rebuilding the live"
                        + " state from the log");
                return null;
            }
            return snapshot;
        } catch (IOException | RuntimeException e) {
            warnings.warn(
                    file + ": unreadable snapshot, rebuilding the live state from the log (" + e.getMessage() + ")");
            return null;
        }
    }

    /** The snapshot is current if it was taken of this file and the line ending at its size has its seq. */
    boolean matches(Projection.Snapshot s, BasicFileAttributes attrs) throws IOException {
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
        try (FileChannel channel = FileChannel.open(directory.log(), StandardOpenOption.READ)) {
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

    /** The snapshot as a projection, or null (with a warning) when it is not a whole one. */
    Projection restore(Projection.Snapshot snapshot, int indexCapacity) {
        try {
            return Projection.restore(snapshot, indexCapacity);
        } catch (RuntimeException e) {
            warnings.warn(
                    directory.snapshot() + ": incomplete snapshot, rebuilding the live state from the log (" + e + ")");
            return null;
        }
    }

    /**
     * Saves {@code projection} as of the log prefix of {@code logSize} bytes of the file {@code
     * logKey}, whose digest is {@code digest}: written beside and renamed over the old snapshot. A
     * failure is a warning (without a snapshot the next open rebuilds from the log).
     */
    void save(Projection projection, long logSize, Object logKey, PrefixDigest digest) {
        Path file = directory.snapshot();
        Path temp = null;
        try {
            temp = Files.createTempFile(directory.dir(), FileLedger.SNAPSHOT, ".tmp");
            try (FileChannel channel = directory.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                Projection.Snapshot unsealed = projection.save(logSize, String.valueOf(logKey), digest.hex());
                codec.mapper().writeValue(out, unsealed.withSeal(seal(unsealed)));
            }
            LedgerDirectory.moveAtomically(temp, file);
        } catch (IOException | RuntimeException e) {
            warnings.warn(file + ": could not save the live-state snapshot: " + e.getMessage());
            LedgerDirectory.deleteQuietly(temp);
        }
    }

    /** The digest sealing a snapshot: of its content without the seal, so an edit shows. */
    private String seal(Projection.Snapshot snapshot) throws IOException {
        return PrefixDigest.hexOf(codec.mapper().writeValueAsBytes(snapshot.withSeal(null)));
    }
}
