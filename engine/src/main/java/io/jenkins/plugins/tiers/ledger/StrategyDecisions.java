package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
import io.jenkins.plugins.tiers.strategy.Slot;
import io.jenkins.plugins.tiers.strategy.TransitionRefusedException;
import java.time.Instant;
import java.util.Objects;

/**
 * The decisions taken on a blue-green or canary tier outside a deployment (switch, switch back,
 * abort a canary) as the ledger events that record them, checked by the strategy state machines
 * against the tier's state in the ledger. The Jenkins step and buttons decide here, so that what
 * one refuses, all refuse with the same sentence.
 */
public final class StrategyDecisions {

    private StrategyDecisions() {}

    /** The slots as the ledger has them, or blue active with what is live and green empty. */
    public static BlueGreen slots(TierState state) {
        return state.slotsIfAny()
                .orElseGet(() -> new BlueGreen(
                        Slot.BLUE,
                        state.liveCandidate().map(LiveCandidate::candidate).orElse(null),
                        null,
                        BlueGreen.Idle.EMPTY));
    }

    /**
     * Makes the idle slot active: its candidate, awaiting the switch, goes live.
     *
     * @throws TransitionRefusedException unless a new candidate awaits the switch
     */
    public static LedgerEvent switchOver(String application, TierState state, String actor, Instant time) {
        BlueGreen after = slots(state).switchOver();
        return LedgerEvent.switched(
                application,
                state.tier(),
                after.active(),
                actor,
                time,
                after.activeSlot().label());
    }

    /**
     * Makes the previous slot active again, without redeploying: a rollback.
     *
     * @throws TransitionRefusedException unless the idle slot still holds the previous candidate
     */
    public static LedgerEvent switchBack(
            String application, TierState state, String actor, Instant time, String reason) {
        BlueGreen before = slots(state);
        BlueGreen after = before.switchBack();
        return LedgerEvent.switchedBack(
                application,
                state.tier(),
                after.active(),
                actor,
                time,
                after.activeSlot().label(),
                before.active().version(),
                reason);
    }

    /**
     * Withdraws the canary in progress: the candidate it started over stays live.
     *
     * @throws TransitionRefusedException unless a canary is in progress
     */
    public static LedgerEvent abortCanary(
            String application, TierState state, String actor, Instant time, String reason) {
        Objects.requireNonNull(reason, "reason");
        Canary canary = state.canaryIfAny()
                .orElseThrow(() -> new TransitionRefusedException("no canary was ever recorded in " + state.tier()));
        Canary aborted = canary.abort(reason); // refuses unless one is in progress
        return LedgerEvent.canaryAborted(
                application,
                state.tier(),
                aborted.candidate(),
                actor,
                time,
                aborted.reached(),
                aborted.steps(),
                null,
                reason);
    }
}
