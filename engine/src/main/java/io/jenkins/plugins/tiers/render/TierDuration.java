package io.jenkins.plugins.tiers.render;

import java.time.Duration;
import java.util.Objects;

/**
 * One segment of a lead-time breakdown: how long the candidate took to enter a tier after
 * entering the one below it (for the lowest tier, after its change).
 *
 * @param tierId the tier entered at the end of the segment
 * @param duration the length of the segment, zero or more
 */
public record TierDuration(String tierId, Duration duration) {

    public TierDuration {
        Objects.requireNonNull(tierId, "tierId");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("lead-time segment " + tierId + " is negative: " + duration);
        }
    }
}
