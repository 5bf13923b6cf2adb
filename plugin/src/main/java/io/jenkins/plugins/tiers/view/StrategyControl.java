package io.jenkins.plugins.tiers.view;

import io.jenkins.plugins.tiers.ledger.StrategyDecisions;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.Strategy;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
import java.util.Collection;
import java.util.Optional;

/**
 * One blue-green or canary tier as the Switch, Switch back and Abort buttons see it: what its
 * slots or canary hold in words, and which decisions its state allows now (the state machines say
 * so; a button for a refused transition is never shown).
 */
public final class StrategyControl {

    private final Tier tier;
    private final String state;
    private final boolean canSwitch;
    private final boolean canSwitchBack;
    private final boolean canAbort;
    private final boolean canAnswerStep;
    /** The version the decisions act on: awaiting the switch, live (to switch back from), or in the canary. */
    private final String subject;

    private StrategyControl(
            Tier tier,
            String state,
            boolean canSwitch,
            boolean canSwitchBack,
            boolean canAbort,
            boolean canAnswerStep,
            String subject) {
        this.tier = tier;
        this.state = state;
        this.canSwitch = canSwitch;
        this.canSwitchBack = canSwitchBack;
        this.canAbort = canAbort;
        this.canAnswerStep = canAnswerStep;
        this.subject = subject;
    }

    /**
     * This control as a build page shows it: its buttons only where they act on a version the
     * build deployed (its candidate awaiting the switch, live after its switch, or in its canary),
     * never on another build's.
     */
    public StrategyControl forVersions(Collection<String> versions) {
        boolean ours = subject != null && versions.contains(subject);
        return new StrategyControl(
                tier,
                state,
                canSwitch && ours,
                canSwitchBack && ours,
                canAbort && ours,
                canAnswerStep && ours,
                subject);
    }

    /** The control of {@code tier}, or empty for a direct tier. */
    public static Optional<StrategyControl> of(Tier tier, TierState state) {
        if (tier.strategy().kind() == Strategy.Kind.BLUE_GREEN) {
            BlueGreen slots = StrategyDecisions.slots(state);
            boolean awaiting = slots.idleRole() == BlueGreen.Idle.AWAITING_SWITCH;
            String subject = awaiting
                    ? slots.idle().version()
                    : slots.activeCandidate().map(c -> c.version()).orElse(null);
            return Optional.of(new StrategyControl(
                    tier,
                    slots.describe(),
                    awaiting,
                    slots.idleRole() == BlueGreen.Idle.PREVIOUS,
                    false,
                    false,
                    subject));
        }
        if (tier.strategy().kind() == Strategy.Kind.CANARY) {
            Optional<Canary> canary = state.canaryIfAny();
            int approvalStep = tier.strategy().approvalStep();
            boolean atApprovalStep = approvalStep > 0
                    && canary.map(c -> c.abandoned() && c.reached() == approvalStep)
                            .orElse(false);
            return Optional.of(new StrategyControl(
                    tier,
                    canary.map(Canary::describe).orElse(Messages.StrategyControl_NoCanary())
                            + (atApprovalStep ? " " + Messages.StrategyControl_AtApprovalStep() : ""),
                    false,
                    false,
                    canary.map(Canary::abandoned).orElse(false),
                    atApprovalStep,
                    canary.flatMap(Canary::candidateIfAny).map(c -> c.version()).orElse(null)));
        }
        return Optional.empty();
    }

    public String getTierId() {
        return tier.id();
    }

    public String getTierName() {
        return tier.displayName();
    }

    /** {@code blue-green} or {@code canary}. */
    public String getStrategy() {
        return tier.strategy().kind().label();
    }

    /** The slots or the canary in words ({@code green active: 2.4; blue idle: 2.3 previous}). */
    public String getState() {
        return state;
    }

    public boolean isCanSwitch() {
        return canSwitch;
    }

    public boolean isCanSwitchBack() {
        return canSwitchBack;
    }

    public boolean isCanAbort() {
        return canAbort;
    }

    /** Whether the canary is at its approval step, where people approve or refuse it going on. */
    public boolean isCanAnswerStep() {
        return canAnswerStep;
    }

    /** Whether any button applies now. */
    public boolean isActionable() {
        return canSwitch || canSwitchBack || canAbort || canAnswerStep;
    }
}
