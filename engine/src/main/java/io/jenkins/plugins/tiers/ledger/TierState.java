package io.jenkins.plugins.tiers.ledger;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the ledger says about one tier now: the live candidate, if any was ever deployed, and the
 * candidates waiting at its gate, oldest first.
 *
 * @param tier the tier id
 * @param live the live candidate, or null when nothing was deployed yet
 * @param waiting the candidates waiting at the gate, oldest first
 */
public record TierState(String tier, LiveCandidate live, List<WaitingCandidate> waiting) implements Serializable {
    private static final long serialVersionUID = 1L;

    public TierState {
        Objects.requireNonNull(tier, "tier");
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }

    public Optional<LiveCandidate> liveCandidate() {
        return Optional.ofNullable(live);
    }
}
