package io.jenkins.plugins.tiers.render;

import java.util.Objects;

/**
 * What one tier holds right now: the live candidate, if any, and how many candidates wait at its
 * gate (for an approval or soak time).
 *
 * @param tierId the tier the card belongs to
 * @param live the live candidate, or {@code null} when nothing has been deployed there yet
 * @param waiting how many candidates wait at the tier's gate, 0 or more
 * @param strategy for a blue-green tier, both slots ({@code green active: 2.4; blue idle: 2.3
 *     previous}); for a canary tier, its last canary ({@code 2.4 canary 25% (step 2 of 3) over
 *     2.3}); null for a direct tier
 */
public record TierCard(String tierId, LiveCandidate live, int waiting, String strategy) {

    /** A card without strategy state. */
    public TierCard(String tierId, LiveCandidate live, int waiting) {
        this(tierId, live, waiting, null);
    }

    public TierCard {
        Objects.requireNonNull(tierId, "tierId");
        if (waiting < 0) {
            throw new IllegalArgumentException("tier card " + tierId + ": waiting must be 0 or more, was " + waiting);
        }
    }
}
