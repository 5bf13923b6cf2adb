package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes appends at the end of a {@link FileLedger}'s log. Concurrent appends are written in one
 * batch with one {@code fsync} (group commit) by one writer at a time, under the ledger's lock and
 * the file lock; a line torn by a crash is cut off first; a retried append whose id is on disk
 * is answered with the stored event rather than written again; and a batch that cannot be written
 * whole is removed, so the log is as it was.
 */
final class LogAppender {

    private static final Logger LOGGER = Logger.getLogger(FileLedger.class.getName());

    private final ReentrantLock lock;
    private final LedgerDirectory directory;
    private final Path log;
    /** The application the ledger was opened for; null when it is the application of the first event. */
    private final String bound;

    private final FollowedLog followed;
    private final LedgerCodec codec;
    private final LedgerWarnings warnings;
    private final AppendBatches<LedgerEvent> batches;

    LogAppender(
            ReentrantLock lock,
            LedgerDirectory directory,
            String bound,
            FollowedLog followed,
            LedgerCodec codec,
            LedgerWarnings warnings) {
        this.lock = lock;
        this.directory = directory;
        this.log = directory.log();
        this.bound = bound;
        this.followed = followed;
        this.codec = codec;
        this.warnings = warnings;
        this.batches = new AppendBatches<>(log.toString());
    }

    /** See {@link Ledger#append}: in a group commit, one fsync for every append of a batch. */
    LedgerEvent append(LedgerEvent event) {
        Objects.requireNonNull(event, "event");
        return batches.append(event, batch -> {
            lock.lock();
            try {
                appendBatch(batch);
            } finally {
                lock.unlock();
            }
        });
    }

    private void appendBatch(List<AppendBatches.Slot<LedgerEvent>> all) {
        // a ledger opened for an application refuses another's events before touching the disk
        List<AppendBatches.Slot<LedgerEvent>> batch = bound == null ? all : ownedBy(bound, all);
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
            batch.forEach(p -> p.failed(e));
        } catch (RuntimeException e) {
            LedgerException wrapped = new LedgerException(log, "cannot append to the ledger", e);
            batch.forEach(p -> p.failed(wrapped));
        }
    }

    /** The appends of {@code owner}'s events; each of the others fails, saying why. */
    private List<AppendBatches.Slot<LedgerEvent>> ownedBy(String owner, List<AppendBatches.Slot<LedgerEvent>> batch) {
        List<AppendBatches.Slot<LedgerEvent>> accepted = new ArrayList<>(batch.size());
        for (AppendBatches.Slot<LedgerEvent> p : batch) {
            if (owner.equals(p.request.application())) {
                accepted.add(p);
            } else {
                p.failed(OneApplication.refusedAppend(log.toString(), p.request, owner));
            }
        }
        return accepted;
    }

    /** Writes the batch's events of this ledger's application; refuses the others, each with why. */
    private void appendLocked(List<AppendBatches.Slot<LedgerEvent>> batch) {
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
                    : batch.get(0).request.application();
            List<AppendBatches.Slot<LedgerEvent>> accepted = new ArrayList<>();
            Map<String, AppendBatches.Slot<LedgerEvent>> firstById = new HashMap<>();
            List<AppendBatches.Slot<LedgerEvent>> repeats = new ArrayList<>();
            for (AppendBatches.Slot<LedgerEvent> p : ownedBy(owner, batch)) {
                String id = p.request.id();
                Long storedAt = id == null ? null : projection.recentIds.get(id);
                if (storedAt != null) {
                    p.stored(p.request.withSeq(storedAt)); // a retry of an append already on disk
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
            for (AppendBatches.Slot<LedgerEvent> p : accepted) {
                LedgerEvent s = p.request.withSeq(++seq);
                stored.add(s);
                lines.add(codec.toLine(s));
            }
            write(channel, lines);
            if (created) {
                directory.sync();
            }
            followed.appended(owner, stored, lines);
            for (int i = 0; i < accepted.size(); i++) {
                accepted.get(i).stored(stored.get(i));
            }
            repeats.forEach(p -> p.stored(
                    p.request.withSeq(firstById.get(p.request.id()).stored().seq())));
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
}
