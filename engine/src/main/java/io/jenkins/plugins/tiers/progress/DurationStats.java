package io.jenkins.plugins.tiers.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The median and 90th percentile of a set of durations. The median of an even count is the mean
 * of the two middle values; the p90 is the nearest-rank value (the smallest value with at least
 * 90% of the values at or below it). Null figures when there is nothing to measure.
 *
 * @param count how many durations were measured
 * @param median the median, or null when count is 0
 * @param p90 the 90th percentile, or null when count is 0
 */
public record DurationStats(int count, Duration median, Duration p90) {

    public static final DurationStats EMPTY = new DurationStats(0, null, null);

    public static DurationStats of(Collection<Duration> durations) {
        if (durations.isEmpty()) {
            return EMPTY;
        }
        List<Duration> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        int n = sorted.size();
        Duration median = n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        int rank = (int) Math.ceil(0.9 * n);
        return new DurationStats(n, median, sorted.get(Math.max(0, rank - 1)));
    }
}
