package io.jenkins.plugins.tiers.render;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The lead time of one candidate that reached production: from its change to its successful
 * deployment to the top tier, with the per-tier breakdown.
 *
 * @param version the candidate's version label
 * @param reachedProduction when it went live in production
 * @param leadTime change to production, zero or more
 * @param breakdown per-tier segments in ladder order; may be empty when not known
 */
public record LeadTimePoint(
        String version, Instant reachedProduction, Duration leadTime, List<TierDuration> breakdown) {

    public LeadTimePoint {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reachedProduction, "reachedProduction");
        Objects.requireNonNull(leadTime, "leadTime");
        if (leadTime.isNegative()) {
            throw new IllegalArgumentException("lead time of " + version + " is negative: " + leadTime);
        }
        breakdown = breakdown == null ? List.of() : List.copyOf(breakdown);
    }
}
