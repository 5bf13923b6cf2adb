package io.jenkins.plugins.tiers.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit for a store whose every commit costs a flush: appends that arrive while one thread
 * writes a batch queue up, and the next thread to write takes them all, so many appenders share
 * a few commits. Each caller gets its own answer: its event as stored, or the batch's failure.
 */
final class AppendBatches {

    /** One append: the event and the id it is stored under. */
    record Request(LedgerEvent event, String id) {}

    /** One caller's append, answered by whichever thread writes its batch. Fields guarded by {@code queue}. */
    private static final class Pending {
        final Request request;
        boolean done;
        LedgerEvent stored;
        LedgerException failure;

        Pending(Request request) {
            this.request = request;
        }
    }

    private final String where;
    /** Appends waiting for the next batch; its monitor guards them and {@link #writing}. */
    private final List<Pending> queue = new ArrayList<>();
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
     * write}, which stores a batch in one transaction and returns the events as stored, in order.
     *
     * @throws LedgerException when the batch holding it could not be written
     */
    LedgerEvent append(Request request, Function<List<Request>, List<LedgerEvent>> write) {
        Pending mine = new Pending(request);
        boolean interrupted = false;
        synchronized (queue) {
            queue.add(mine);
            if (writing && linger.filledBy(queue.size())) {
                queue.notifyAll(); // the writer waits for this one
            }
            while (!mine.done && writing) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    // still queued: the next batch may write it, so wait for that answer (the flag is
                    // restored after, not now: a set flag would make every wait return at once)
                    interrupted = true;
                }
            }
            if (!mine.done) {
                writing = true;
            }
        }
        if (!mine.done) {
            List<Pending> batch;
            synchronized (queue) {
                interrupted |= linger.await(queue, queue::size);
                batch = new ArrayList<>(queue);
                queue.clear();
            }
            long start = System.nanoTime();
            try {
                answer(batch, write);
            } finally {
                synchronized (queue) {
                    linger.written(batch.size(), System.nanoTime() - start);
                    batch.forEach(p -> p.done = true);
                    writing = false;
                    queue.notifyAll();
                }
            }
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

    private void answer(List<Pending> batch, Function<List<Request>, List<LedgerEvent>> write) {
        List<LedgerEvent> stored = null;
        LedgerException failure = null;
        try {
            stored = write.apply(batch.stream().map(p -> p.request).toList());
        } catch (LedgerException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new LedgerException(where, "cannot append to the ledger", e);
        }
        synchronized (queue) {
            for (int i = 0; i < batch.size(); i++) {
                if (stored != null) {
                    batch.get(i).stored = stored.get(i);
                } else {
                    batch.get(i).failure = failure;
                }
            }
        }
    }
}
