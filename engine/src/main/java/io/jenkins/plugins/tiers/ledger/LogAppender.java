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

    /**
     * One caller's append, completed by whichever thread writes its batch (under the ledger's lock),
     * and handed back through the queue's monitor.
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

    private final ReentrantLock lock;
    private final LedgerDirectory directory;
    private final Path log;
    /** The application the ledger was opened for; null when it is the application of the first event. */
    private final String bound;

    private final FollowedLog followed;
    private final LedgerCodec codec;
    private final LedgerWarnings warnings;
    /** Appends waiting for the next batch; its monitor guards them, {@link #writing} and each one's done. */
    private final List<PendingAppend> pending = new ArrayList<>();
    /** Whether a thread is writing a batch (or waiting to take it); guarded by {@link #pending}. */
    private boolean writing;
    /** How long the writer waits for the last batch's appenders to queue again; guarded by {@link #pending}. */
    private final BatchLinger linger = new BatchLinger();

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
    }

    /**
     * See {@link Ledger#append}. Group commit: while one thread writes a batch, the appends that
     * arrive queue up; the next thread to write takes them all (see {@link BatchLinger} for when),
     * with one fsync. The others are woken as soon as the batch holding theirs is on disk, rather
     * than waiting their turn for the lock behind the next one.
     */
    LedgerEvent append(LedgerEvent event) {
        Objects.requireNonNull(event, "event");
        PendingAppend mine = new PendingAppend(event);
        boolean writer;
        // A caller's interrupt is set again on return, never held during the write: a file channel
        // used by an interrupted thread is closed, and the whole batch would fail with it.
        boolean interrupted = Thread.interrupted();
        synchronized (pending) {
            pending.add(mine);
            if (writing && linger.filledBy(pending.size())) {
                pending.notifyAll(); // the writer waits for this one
            }
            while (!mine.done && writing) {
                try {
                    pending.wait();
                } catch (InterruptedException e) {
                    // still queued: the next batch may write it, so wait for that answer
                    interrupted = true;
                }
            }
            writer = !mine.done;
            if (writer) {
                writing = true;
            }
        }
        if (writer) {
            // with the interrupt flag clear: an interrupted channel would close under the whole batch
            interrupted |= writeNextBatch();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (pending) {
            if (mine.failure != null) {
                throw new LedgerException(Path.of(mine.failure.path()), stripPath(mine.failure), mine.failure);
            }
            return mine.stored;
        }
    }

    /**
     * Takes every queued append (this writer's among them) and writes them with one fsync.
     *
     * @return whether the thread was interrupted while it waited for the batch to fill
     */
    private boolean writeNextBatch() {
        List<PendingAppend> batch;
        boolean interrupted;
        synchronized (pending) {
            interrupted = linger.await(pending, pending::size);
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
        return interrupted;
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
}
