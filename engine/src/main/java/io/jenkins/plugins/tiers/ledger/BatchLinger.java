package io.jenkins.plugins.tiers.ledger;

import java.util.function.IntSupplier;

/**
 * How long the writer of a group commit waits before taking its batch. Appenders that were
 * answered together come back together, but not at the same instant: the first to come back would
 * otherwise write alone, and the others would wait through its flush to write in the next batch,
 * two flushes per round instead of one. So the writer waits until as many appends are queued as
 * the last batch held, for at most a quarter of the last write's time (and never more than {@value
 * #MAX_WAIT_MILLIS} ms); a lone appender never waits, and a smaller crowd costs that wait once. An
 * append still returns only once its batch is durable. Not thread-safe: used under the monitor of
 * the queue it counts.
 */
final class BatchLinger {

    private static final long MAX_WAIT_MILLIS = 2;

    private int lastSize = 1;
    private long lastWriteNanos;

    /** Whether {@code queued} appends are as many as the last batch held: the writer may stop waiting. */
    boolean full(int queued) {
        return queued >= lastSize;
    }

    /** Whether the append just queued, the {@code queued}th, is the one that makes the queue full. */
    boolean filledBy(int queued) {
        return queued == lastSize;
    }

    /**
     * Waits on {@code monitor} (held) until {@link #full} or the time is up; an appender whose append
     * {@link #filledBy fills} the queue calls {@code monitor.notifyAll()}.
     *
     * @return whether the thread was interrupted (the flag is left clear for the write that follows:
     *     the caller sets it again once its batch is written)
     */
    boolean await(Object monitor, IntSupplier queued) {
        long deadline = System.nanoTime() + Math.min(lastWriteNanos / 4, MAX_WAIT_MILLIS * 1_000_000);
        while (!full(queued.getAsInt())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                monitor.wait(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }

    /** Records a batch written: its size and how long the write took. */
    void written(int size, long nanos) {
        lastSize = Math.max(1, size);
        lastWriteNanos = nanos;
    }
}
