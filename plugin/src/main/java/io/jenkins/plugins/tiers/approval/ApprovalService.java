package io.jenkins.plugins.tiers.approval;

import hudson.model.Job;
import hudson.security.ACL;
import hudson.security.SecurityRealm;
import io.jenkins.plugins.tiers.config.LadderResolver;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.gate.ApprovalPolicy;
import io.jenkins.plugins.tiers.gate.ApproverCheck;
import io.jenkins.plugins.tiers.ledger.Approval;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerPromotionHistory;
import io.jenkins.plugins.tiers.ledger.WaitingCandidate;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.security.TiersPermissions;
import io.jenkins.plugins.tiers.steps.WaitingGates;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The single way to approve or refuse a candidate waiting at a tier's gate, used by the run's own
 * endpoint and by the promotion view's buttons. It checks the tier's approver rules through the
 * engine (allowed users and groups, self-approval, one approval per person), records the decision
 * in the application's ledger, and wakes the waiting {@code tierGate} steps, which evaluate the gate
 * again. The caller has already checked the Promote permission; this service still refuses people
 * the tier does not list as approvers.
 */
public final class ApprovalService {

    private ApprovalService() {}

    /**
     * Approves ({@code approve == true}) or refuses {@code version} into {@code tier} of the
     * application of {@code job}, as the person {@code who} authenticates. The groups are the
     * authentication's own authorities, as the security realm granted them at login, the way
     * pipeline-input-step checks its submitters: {@code User.getAuthorities()} would be empty
     * unless the caller were an administrator.
     */
    public static ApprovalResult approve(
            Job<?, ?> job, String tier, String version, Authentication who, String comment, boolean approve) {
        if (who == null || ACL.isAnonymous2(who)) {
            return ApprovalResult.refusal(Messages.ApprovalService_Anonymous());
        }
        Optional<ResolvedLadder> resolved;
        try {
            resolved = LadderResolver.forJob(job);
        } catch (InvalidDefinitionException e) {
            return ApprovalResult.refusal(e.getMessage()); // a broken ladder, or an application the job does not own
        }
        if (resolved.isEmpty()) {
            return ApprovalResult.refusal(Messages.ApprovalService_NoLadder(job.getFullName()));
        }
        String application = resolved.get().application();
        Optional<Tier> t = resolved.get().ladder().tier(tier);
        if (t.isEmpty()) {
            return ApprovalResult.refusal(Messages.ApprovalService_UnknownTier(tier, application));
        }
        Optional<ApprovalPolicy> policy = t.get().gate().approval();
        if (policy.isEmpty()) {
            return ApprovalResult.refusal(Messages.ApprovalService_NoApprovalRule(tier));
        }
        Ledger ledger = ApplicationLedgers.forApplication(application);
        Optional<WaitingCandidate> waiting = ledger.liveState().tier(tier).waiting().stream()
                .filter(w -> w.candidate().version().equals(version))
                .findFirst();
        List<WaitingGates.Waiting> runs = WaitingGates.find(application, tier, version);
        if (waiting.isEmpty() || runs.isEmpty()) {
            return ApprovalResult.refusal(Messages.ApprovalService_NothingWaits(version, tier));
        }
        String person = who.getName();
        List<String> groups = groupsOf(who);
        List<io.jenkins.plugins.tiers.gate.Approval> given =
                LedgerPromotionHistory.of(ledger).approvals(tier, version);
        for (WaitingGates.Waiting run : runs) {
            // Promote on the caller's job is not enough to answer a run of another job.
            if (!run.run().getParent().hasPermission(TiersPermissions.PROMOTE)) {
                return ApprovalResult.refusal(
                        Messages.ApprovalService_NoPromote(run.run().getParent().getFullName()));
            }
            Optional<String> refusal =
                    ApproverCheck.refusal(policy.get(), person, groups, run.startedBy(), given, approve);
            if (refusal.isPresent()) {
                return ApprovalResult.refusal(refusal.get());
            }
        }
        ledger.append(LedgerEvent.approval(
                application,
                tier,
                waiting.get().candidate(),
                new Approval(approve, person, groups, comment),
                Clock.systemUTC().instant()));
        WaitingGates.wake(application, tier, version);
        return new ApprovalResult(
                true,
                approve
                        ? Messages.ApprovalService_Approved(version, tier, person)
                        : Messages.ApprovalService_Refused(version, tier, person));
    }

    /** The group names of an authentication, without the authority every logged-in user holds. */
    static List<String> groupsOf(Authentication who) {
        List<String> groups = new ArrayList<>();
        for (GrantedAuthority authority : who.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && !SecurityRealm.AUTHENTICATED_AUTHORITY2.equals(authority) && !groups.contains(name)) {
                groups.add(name);
            }
        }
        return groups;
    }
}
