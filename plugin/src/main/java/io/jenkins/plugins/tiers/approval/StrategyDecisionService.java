package io.jenkins.plugins.tiers.approval;

import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.tiers.config.LadderResolver;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.gate.ApprovalPolicy;
import io.jenkins.plugins.tiers.gate.ApproverCheck;
import io.jenkins.plugins.tiers.ledger.Approval;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerPromotionHistory;
import io.jenkins.plugins.tiers.ledger.StrategyDecisions;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Strategy;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.steps.WaitingGates;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import io.jenkins.plugins.tiers.strategy.Canary;
import io.jenkins.plugins.tiers.strategy.TransitionRefusedException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * What a person decides on a blue-green or canary tier from the promotion view or a build page:
 * switch, switch back, abort a canary. The decision is checked by the engine's state machines
 * against the ledger and recorded there under the person's name. A running {@code deployTo}
 * sees an abort within seconds and withdraws the canary's traffic; a switch from here records
 * the decision for routing that follows the ledger (pipelines that route traffic themselves use
 * {@code tierSwitch}). The caller checks the Promote permission first.
 */
public final class StrategyDecisionService {

    /** The decisions a person can take. */
    public enum Decision {
        SWITCH,
        SWITCH_BACK,
        ABORT,
        /** Approve a canary waiting at its approval step ({@code approveAt}). */
        APPROVE_STEP,
        /** Refuse it: the running deployment withdraws it. */
        REFUSE_STEP;

        /**
         * Reads {@code switch}, {@code switch-back}, {@code abort}, {@code approve-step} or {@code
         * refuse-step}; empty for anything else.
         */
        public static Optional<Decision> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "switch" -> Optional.of(SWITCH);
                case "switch-back" -> Optional.of(SWITCH_BACK);
                case "abort" -> Optional.of(ABORT);
                case "approve-step" -> Optional.of(APPROVE_STEP);
                case "refuse-step" -> Optional.of(REFUSE_STEP);
                default -> Optional.empty();
            };
        }
    }

    private StrategyDecisionService() {}

    /**
     * Takes {@code decision} on {@code tier} of the application of {@code job} as {@code who}, with
     * an optional reason (recorded with a switch back or an abort).
     */
    public static ApprovalResult decide(
            Job<?, ?> job, String tier, Decision decision, String reason, Authentication who, Clock clock) {
        if (who == null || ACL.isAnonymous2(who)) {
            return ApprovalResult.refusal(Messages.StrategyDecisionService_Anonymous());
        }
        Optional<ResolvedLadder> resolved;
        try {
            resolved = LadderResolver.forJob(job);
        } catch (InvalidDefinitionException e) {
            return ApprovalResult.refusal(e.getMessage());
        }
        if (resolved.isEmpty()) {
            return ApprovalResult.refusal(Messages.ApprovalService_NoLadder(job.getFullName()));
        }
        String application = resolved.get().application();
        Optional<Tier> t = resolved.get().ladder().tier(tier);
        if (t.isEmpty()) {
            return ApprovalResult.refusal(Messages.ApprovalService_UnknownTier(tier, application));
        }
        Strategy.Kind needed = decision == Decision.SWITCH || decision == Decision.SWITCH_BACK
                ? Strategy.Kind.BLUE_GREEN
                : Strategy.Kind.CANARY;
        if (t.get().strategy().kind() != needed) {
            return ApprovalResult.refusal(Messages.StrategyDecisionService_WrongStrategy(
                    tier, t.get().strategy().kind().label(), needed.label()));
        }
        String person = who.getName();
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        Ledger ledger = ApplicationLedgers.forApplication(application);
        if (decision == Decision.APPROVE_STEP || decision == Decision.REFUSE_STEP) {
            return answerStep(ledger, application, t.get(), decision == Decision.APPROVE_STEP, why, who, clock);
        }
        LedgerEvent recorded;
        // One decision at a time per ledger: each is checked against the state the one before left.
        synchronized (ledger) {
            TierState state = ledger.liveState().tier(tier);
            try {
                LedgerEvent event =
                        switch (decision) {
                            case SWITCH -> StrategyDecisions.switchOver(application, state, person, clock.instant());
                            case SWITCH_BACK ->
                                StrategyDecisions.switchBack(application, state, person, clock.instant(), why);
                            case ABORT ->
                                StrategyDecisions.abortCanary(
                                        application,
                                        state,
                                        person,
                                        clock.instant(),
                                        why == null ? Messages.StrategyDecisionService_AbortedBy(person) : why);
                            default -> throw new IllegalStateException(String.valueOf(decision));
                        };
                recorded = ledger.append(event);
            } catch (TransitionRefusedException e) {
                return ApprovalResult.refusal(Messages.StrategyDecisionService_Refused(tier, e.getMessage()));
            }
        }
        String version = recorded.candidate().version();
        return new ApprovalResult(
                true,
                switch (decision) {
                    case SWITCH -> Messages.StrategyDecisionService_Switched(person, tier, version, recorded.slot());
                    case SWITCH_BACK ->
                        Messages.StrategyDecisionService_SwitchedBack(person, tier, version, recorded.slot());
                    case ABORT -> Messages.StrategyDecisionService_Aborted(person, version, tier);
                    default -> throw new IllegalStateException(String.valueOf(decision));
                });
    }

    /**
     * Approves or refuses the canary of {@code tier} waiting at its approval step, with the
     * approver rules of the tier's gate (one approval from anyone but the run's starter when the
     * gate asks for none), recorded as an approval at that step.
     */
    private static ApprovalResult answerStep(
            Ledger ledger,
            String application,
            Tier tier,
            boolean approve,
            String comment,
            Authentication who,
            Clock clock) {
        int approvalStep = tier.strategy().approvalStep();
        if (approvalStep == 0) {
            return ApprovalResult.refusal(Messages.StrategyDecisionService_NoApprovalStep(tier.id()));
        }
        String person = who.getName();
        synchronized (ledger) {
            Optional<Canary> waiting =
                    ledger.liveState().tier(tier.id()).canaryInProgress().filter(c -> c.reached() == approvalStep);
            if (waiting.isEmpty()) {
                return ApprovalResult.refusal(Messages.StrategyDecisionService_NotAtApprovalStep(
                        tier.id(), tier.strategy().approveAt()));
            }
            Canary canary = waiting.get();
            ApprovalPolicy policy = tier.gate().approval().orElse(ApprovalPolicy.of(1));
            List<String> groups = ApprovalService.groupsOf(who);
            List<io.jenkins.plugins.tiers.gate.Approval> given =
                    LedgerPromotionHistory.of(ledger).stepApprovals(tier.id(), canary.candidate(), approvalStep);
            Optional<String> refusal =
                    ApproverCheck.refusal(policy, person, groups, startedBy(ledger, canary), given, approve);
            if (refusal.isPresent()) {
                return ApprovalResult.refusal(refusal.get());
            }
            ledger.append(LedgerEvent.stepApproval(
                    application,
                    tier.id(),
                    canary.candidate(),
                    new Approval(approve, person, groups, comment),
                    clock.instant(),
                    approvalStep,
                    canary.steps()));
            return new ApprovalResult(
                    true,
                    approve
                            ? Messages.StrategyDecisionService_StepApproved(
                                    person, canary.candidate().version(), tier.id(), canary.progress())
                            : Messages.StrategyDecisionService_StepRefused(
                                    person, canary.candidate().version(), tier.id(), canary.progress()));
        }
    }

    /** Who started the build running the canary, for the self-approval rule; empty when unknown. */
    private static String startedBy(Ledger ledger, Canary canary) {
        return ledger.candidate(canary.candidate().version())
                .flatMap(path -> path.events().stream()
                        .filter(e -> e.type() == EventType.DEPLOYMENT_STARTED && e.steps() != null)
                        .reduce((first, second) -> second))
                .map(LedgerEvent::actor)
                .map(StrategyDecisionService::runOf)
                .map(WaitingGates::startedBy)
                .orElse("");
    }

    /** The run an actor id names, or null when it names none (a person, a `tiers` process, a gone build). */
    private static Run<?, ?> runOf(String actor) {
        try {
            return Run.fromExternalizableId(actor);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
