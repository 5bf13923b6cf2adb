package io.jenkins.plugins.tiers.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Group commit, for both stores: appends that arrive while one thread writes a batch queue up, and
 * the next thread to write takes them all (see {@link BatchLinger} for when), so many appenders
 * share one fsync or one commit. Each caller is woken as soon as the batch holding its append is
 * durable, and gets its own answer: its event as stored, or why it was not.
 *
 * @param <R> what an append asks to store
 */
final class AppendBatches<R> {

    /** One append of a batch: what it asks, and the writer's answer. Answered under the writer's lock. */
    static final class Slot<R> {
        final R request;
        private boolean done; // guarded by the queue
        private LedgerEvent stored;
        private LedgerException failure;

        Slot(R request) {
            this.request = request;
        }

        /** This append is stored as {@code event}. */
        void stored(LedgerEvent event) {
            this.stored = event;
        }

        /** This append is refused, or failed, for {@code why}. */
        void failed(LedgerException why) {
            this.failure = why;
        }

        /** The event as stored, once {@link #stored} was called. */
        LedgerEvent stored() {
            return stored;
        }

        private boolean answered() {
            return stored != null || failure != null;
        }
    }

    /** Writes a batch durably and answers each of its slots; what it throws fails the unanswered. */
    interface Writer<R> {
        void write(List<Slot<R>> batch);
    }

    private final String where;
    /** Appends waiting for the next batch; its monitor guards them, {@link #writing} and each one's done. */
    private final List<Slot<R>> queue = new ArrayList<>();
    /** Whether a thread is writing a batch (or waiting to take it). */
    private boolean writing;
    /** How long the writer waits for the last batch's appenders to queue again; guarded by {@code queue}. */
    private final BatchLinger linger = new BatchLinger();

    /** {@code where} names the store in the message of an unexpected failure. */
    AppendBatches(String where) {
        this.where = where;
    }

    /**
     * Appends {@code request} in the next batch, written by this thread or another through {@code
     * writer}. A caller's interrupt is set again on return, never held during the write (a file
     * channel used by an interrupted thread is closed, and the whole batch would fail with it).
     *
     * @throws LedgerException when its append was refused or the batch holding it was not written
     */
    LedgerEvent append(R request, Writer<R> writer) {
        Slot<R> mine = new Slot<>(request);
        boolean interrupted = Thread.interrupted();
        boolean writes;
        synchronized (queue) {
            queue.add(mine);
            if (writing && linger.filledBy(queue.size())) {
                queue.notifyAll(); // the writer waits for this one
            }
            while (!mine.done && writing) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // still queued: the next batch may write it, so wait for that answer
                }
            }
            writes = !mine.done;
            if (writes) {
                writing = true;
            }
        }
        if (writes) {
            interrupted |= writeNextBatch(writer);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (queue) {
            if (mine.failure != null) {
                throw mine.failure;
            }
            return mine.stored;
        }
    }

    /**
     * Takes every queued append (this writer's among them) and writes them as one batch.
     *
     * @return whether the thread was interrupted while it waited for the batch to fill
     */
    private boolean writeNextBatch(Writer<R> writer) {
        List<Slot<R>> batch;
        boolean interrupted;
        synchronized (queue) {
            interrupted = linger.await(queue, queue::size);
            batch = new ArrayList<>(queue);
            queue.clear();
        }
        long start = System.nanoTime();
        LedgerException failure = null;
        try {
            writer.write(batch);
        } catch (LedgerException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new LedgerException(where, "cannot append to the ledger", e);
        } finally {
            synchronized (queue) {
                for (Slot<R> slot : batch) {
                    if (!slot.answered()) {
                        slot.failure = failure != null
                                ? failure
                                : new LedgerException(where, "the append was not answered; it may not be stored");
                    }
                    slot.done = true;
                }
                linger.written(batch.size(), System.nanoTime() - start);
                writing = false;
                queue.notifyAll();
            }
        }
        return interrupted;
    }
}
