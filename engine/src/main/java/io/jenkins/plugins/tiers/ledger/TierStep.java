package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.gate.VerdictStatus;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One candidate at one tier: how its gate went and how its deployment ended, with times, so the
 * promotion view can draw its path and the change-centric view can say when it reached the tier.
 *
 * @param tier the tier id
 * @param verdict the status of its latest verdict there, or null if the gate never ran
 * @param verdictAt the time of that verdict
 * @param firstWaitingAt the time of its first WAITING verdict there, if it ever waited
 * @param passedAt the time of its first PASSED verdict there, if any
 * @param deployment how its latest deployment there ended, or null if never deployed
 * @param deploymentAt the time of that latest deployment event
 * @param liveAt when it first became live there, if it did
 */
public record TierStep(
        String tier,
        VerdictStatus verdict,
        Instant verdictAt,
        Instant firstWaitingAt,
        Instant passedAt,
        DeploymentOutcome deployment,
        Instant deploymentAt,
        Instant liveAt)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TierStep {
        Objects.requireNonNull(tier, "tier");
    }

    /** When the candidate first became live in this tier, if it did. */
    public Optional<Instant> reached() {
        return Optional.ofNullable(liveAt);
    }
}
