package io.jenkins.plugins.tiers.approval;

import hudson.model.Job;
import hudson.security.ACL;
import io.jenkins.plugins.tiers.config.LadderResolver;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.StrategyDecisions;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Strategy;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import io.jenkins.plugins.tiers.strategy.TransitionRefusedException;
import java.time.Clock;
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
        ABORT;

        /** Reads {@code switch}, {@code switch-back} or {@code abort}; empty for anything else. */
        public static Optional<Decision> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "switch" -> Optional.of(SWITCH);
                case "switch-back" -> Optional.of(SWITCH_BACK);
                case "abort" -> Optional.of(ABORT);
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
        Strategy.Kind needed = decision == Decision.ABORT ? Strategy.Kind.CANARY : Strategy.Kind.BLUE_GREEN;
        if (t.get().strategy().kind() != needed) {
            return ApprovalResult.refusal(Messages.StrategyDecisionService_WrongStrategy(
                    tier, t.get().strategy().kind().label(), needed.label()));
        }
        String person = who.getName();
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        Ledger ledger = ApplicationLedgers.forApplication(application);
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
                });
    }
}
