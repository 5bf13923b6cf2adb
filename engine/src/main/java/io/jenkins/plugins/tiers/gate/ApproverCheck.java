package io.jenkins.plugins.tiers.gate;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a person may answer a waiting gate, checked before the answer is recorded, with the same
 * rules the gate counts approvals by (ids compared as {@link PersonId}s): only the allowed users and groups, not the person who
 * started the run when the tier forbids self-approval, and one approval per person.
 */
public final class ApproverCheck {

    private ApproverCheck() {}

    /**
     * Why {@code person} may not give this answer, or empty when they may.
     *
     * @param policy the tier's approval policy
     * @param person the id of the person answering
     * @param groups the groups the person belongs to
     * @param startedBy the id of the person who started the waiting run, possibly empty
     * @param given the answers already given for this candidate at this tier
     * @param approve true to approve, false to refuse
     */
    public static Optional<String> refusal(
            ApprovalPolicy policy,
            String person,
            Collection<String> groups,
            String startedBy,
            List<Approval> given,
            boolean approve) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(person, "person");
        boolean allowed = policy.anyone()
                || PersonId.among(person, policy.users())
                || groups.stream().anyMatch(policy.groups()::contains);
        if (!allowed) {
            return Optional.of(person + " is not among the approvers of this tier (" + policy.approvers() + ")");
        }
        if (approve && !policy.allowSelfApproval() && PersonId.same(person, startedBy)) {
            return Optional.of(person + " started this run and may not approve it");
        }
        Optional<Approval> latest =
                given.stream().filter(a -> PersonId.same(a.person(), person)).reduce((first, second) -> second);
        Approval.Decision wanted = approve ? Approval.Decision.APPROVE : Approval.Decision.REFUSE;
        if (latest.isPresent() && latest.get().decision() == wanted) {
            return Optional.of(person + (approve ? " has already approved" : " has already refused")
                    + "; an answer counts once per person");
        }
        return Optional.empty();
    }
}
