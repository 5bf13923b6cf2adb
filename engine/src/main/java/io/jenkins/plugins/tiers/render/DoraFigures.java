package io.jenkins.plugins.tiers.render;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The four DORA figures over one window, computed from tier events by the progress package and
 * only displayed here. A {@code null} figure means "not enough data" and is shown as such.
 *
 * @param windowStart the start of the window
 * @param windowEnd the end of the window (usually now)
 * @param deployments successful production deployments in the window
 * @param deploymentsPerDay deployment frequency, or {@code null}
 * @param leadTimeMedian median change-to-production time, or {@code null}
 * @param failures failed or rolled-back production deployments in the window
 * @param changeFailureRate failures divided by deployment attempts, 0 to 1, or {@code null}
 * @param timeToRestore median time from a failure to the next good deployment, or {@code null}
 * @param caughtByCanary canaries aborted in production in the window: neither deployments nor
 *     failures, shown beside the change failure rate
 */
public record DoraFigures(
        Instant windowStart,
        Instant windowEnd,
        int deployments,
        Double deploymentsPerDay,
        Duration leadTimeMedian,
        int failures,
        Double changeFailureRate,
        Duration timeToRestore,
        int caughtByCanary) {

    /** The figures of a ladder without a canary tier. */
    public DoraFigures(
            Instant windowStart,
            Instant windowEnd,
            int deployments,
            Double deploymentsPerDay,
            Duration leadTimeMedian,
            int failures,
            Double changeFailureRate,
            Duration timeToRestore) {
        this(
                windowStart,
                windowEnd,
                deployments,
                deploymentsPerDay,
                leadTimeMedian,
                failures,
                changeFailureRate,
                timeToRestore,
                0);
    }

    public DoraFigures {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        if (caughtByCanary < 0) {
            throw new IllegalArgumentException("caught by canary must be 0 or more, was " + caughtByCanary);
        }
        if (windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("DORA window ends before it starts");
        }
        if (changeFailureRate != null && (changeFailureRate < 0 || changeFailureRate > 1)) {
            throw new IllegalArgumentException("change failure rate must be between 0 and 1, was " + changeFailureRate);
        }
    }

    /** The window length. */
    public Duration window() {
        return Duration.between(windowStart, windowEnd);
    }
}
