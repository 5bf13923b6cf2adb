package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
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
 * @param slots for a tier with blue-green events: both slots and what they hold; else null
 * @param canary for a tier with canary events: the last canary (in progress, aborted or completed);
 *     else null
 */
public record TierState(String tier, LiveCandidate live, List<WaitingCandidate> waiting, BlueGreen slots, Canary canary)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TierState {
        Objects.requireNonNull(tier, "tier");
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }

    /** A tier state with no strategy events. */
    public TierState(String tier, LiveCandidate live, List<WaitingCandidate> waiting) {
        this(tier, live, waiting, null, null);
    }

    public Optional<BlueGreen> slotsIfAny() {
        return Optional.ofNullable(slots);
    }

    public Optional<Canary> canaryIfAny() {
        return Optional.ofNullable(canary);
    }

    /** The canary in progress (or abandoned: its process died), if one is. */
    public Optional<Canary> canaryInProgress() {
        return canaryIfAny().filter(c -> c.status() == Canary.Status.IN_PROGRESS);
    }

    /**
     * Empty while a canary of {@code version} is in progress here at step {@code reached}; else
     * what the tier has instead, in words: a running deployment stops there (a person, another
     * process or another controller ended its canary).
     */
    public Optional<String> canaryMovedOn(String version, int reached) {
        boolean same = canary != null
                && canary.status() == Canary.Status.IN_PROGRESS
                && canary.candidate().version().equals(version)
                && canary.reached() == reached;
        return same ? Optional.empty() : Optional.of(canary == null ? "no canary" : canary.describe());
    }

    public Optional<LiveCandidate> liveCandidate() {
        return Optional.ofNullable(live);
    }
}
