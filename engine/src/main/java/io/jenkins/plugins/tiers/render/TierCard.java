package io.jenkins.plugins.tiers.render;

import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
import java.util.Objects;

/**
 * What one tier holds right now: the live candidate, if any, how many candidates wait at its gate
 * (for an approval or soak time), and for a blue-green or canary tier its slots or last canary.
 *
 * @param tierId the tier the card belongs to
 * @param live the live candidate, or {@code null} when nothing has been deployed there yet
 * @param waiting how many candidates wait at the tier's gate, 0 or more
 * @param strategy for a blue-green tier, both slots ({@code green active: 2.4; blue idle: 2.3
 *     previous}); for a canary tier, its last canary ({@code 2.4 canary 25% (step 2 of 3) over
 *     2.3}); null for a direct tier
 * @param slots for a blue-green tier, its slots, drawn as two badges; null otherwise
 * @param canary for a canary tier, its last canary, drawn as a bar of its steps; null otherwise
 */
public record TierCard(
        String tierId, LiveCandidate live, int waiting, String strategy, BlueGreen slots, Canary canary) {

    /** A card without strategy state. */
    public TierCard(String tierId, LiveCandidate live, int waiting) {
        this(tierId, live, waiting, null, null, null);
    }

    /** A card whose strategy state is only a sentence, without badges or bar. */
    public TierCard(String tierId, LiveCandidate live, int waiting, String strategy) {
        this(tierId, live, waiting, strategy, null, null);
    }

    public TierCard {
        Objects.requireNonNull(tierId, "tierId");
        if (waiting < 0) {
            throw new IllegalArgumentException("tier card " + tierId + ": waiting must be 0 or more, was " + waiting);
        }
    }

    /** A card for a blue-green tier: its slots, described in words as well. */
    public static TierCard blueGreen(String tierId, LiveCandidate live, int waiting, BlueGreen slots) {
        return new TierCard(tierId, live, waiting, slots.describe(), slots, null);
    }

    /** A card for a canary tier: its last canary, described in words as well. */
    public static TierCard canary(String tierId, LiveCandidate live, int waiting, Canary canary) {
        return new TierCard(tierId, live, waiting, canary.describe(), null, canary);
    }
}
