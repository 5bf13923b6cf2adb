package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a canary waiting at its approval step ({@code approveAt}) may go on: a quorum of the
 * tier's approvers approved it at that step, one refused it, or the wait is over. Decided once,
 * here, for {@code tiers deploy} and the Jenkins step alike; the approvals it is given are the
 * step's own (a gate's approvals never count at a step, nor a step's at a gate).
 *
 * @param policy the tier's approval rule (one approval from anyone when the tier has none)
 * @param waitLimit how long the canary waits: the rule's timeout, else {@link #DEFAULT_WAIT}
 */
public record StepApprovalCheck(ApprovalPolicy policy, Duration waitLimit) {

    /** How long a canary waits for an approval at its step when the tier's rule sets no timeout. */
    public static final Duration DEFAULT_WAIT = Duration.ofHours(24);

    /** Where the waiting canary stands. */
    public enum Status {
        APPROVED,
        REFUSED,
        TIMED_OUT,
        WAITING
    }

    /**
     * The answer, with a sentence saying who decided (or how many are still needed).
     *
     * @param status where the canary stands
     * @param text what happened, in words
     */
    public record Answer(Status status, String text) {
        /** The answer as a finding of the step's check: passes when approved, blocks otherwise. */
        public Finding finding() {
            return new Finding(
                    "approveAt",
                    status == Status.APPROVED ? Finding.Outcome.PASS : Finding.Outcome.BLOCK,
                    switch (status) {
                        case APPROVED -> "APPROVED";
                        case REFUSED -> "APPROVAL_REFUSED";
                        case TIMED_OUT -> "APPROVAL_TIMED_OUT";
                        case WAITING -> "APPROVAL_WAITING";
                    },
                    text);
        }
    }

    public StepApprovalCheck {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(waitLimit, "waitLimit");
    }

    /** The check for a tier whose gate has {@code policy}, or none (then one approval from anyone). */
    public static StepApprovalCheck of(java.util.Optional<ApprovalPolicy> policy) {
        ApprovalPolicy p = policy.orElse(ApprovalPolicy.of(1));
        return new StepApprovalCheck(p, p.timeLimit().orElse(DEFAULT_WAIT));
    }

    /**
     * The answer now, for a canary that began waiting at {@code since}, given the step's approvals
     * in ledger order. A refusal wins over any number of approvals; each person counts once.
     *
     * @param where the step in words ({@code step 2 of 3 (50%)})
     */
    public Answer answer(List<Approval> given, Instant since, Instant now, String where) {
        Set<String> approvers = new LinkedHashSet<>();
        for (Approval a : given) {
            if (a.decision() == Approval.Decision.REFUSE) {
                return new Answer(
                        Status.REFUSED,
                        "refused at " + where + " by " + a.person()
                                + (a.comment().isBlank() ? "" : ": " + a.comment()));
            }
            approvers.add(a.person());
        }
        if (approvers.size() >= policy.required()) {
            return new Answer(Status.APPROVED, "approved at " + where + " by " + String.join(", ", approvers));
        }
        String count = approvers.size() + " of " + policy.required() + " from " + policy.approvers();
        if (!now.isBefore(since.plus(waitLimit))) {
            return new Answer(
                    Status.TIMED_OUT,
                    "no approval at " + where + " within " + DurationText.format(waitLimit) + " (" + count + ")");
        }
        return new Answer(Status.WAITING, "waits at " + where + " for approvals (" + count + ")");
    }
}
