package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.GateContext.finding;
import static io.jenkins.plugins.tiers.gate.GateContext.plural;
import static io.jenkins.plugins.tiers.gate.GateContext.time;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import io.jenkins.plugins.tiers.model.DurationText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The approval quorum: distinct allowed people (ids compared as {@link PersonId}s, so {@code bob}
 * and {@code BOB} are one person), the run's starter excluded unless the policy
 * allows self-approval, each person counted by their latest answer, a refusal blocking, and a
 * time limit after which the gate blocks instead of waiting.
 */
final class ApprovalRule {

    static final String RULE = "approval";

    private ApprovalRule() {}

    static Finding evaluate(GateContext c, ApprovalPolicy policy) {
        Optional<Instant> deadline = policy.timeLimit()
                .map(limit -> c.request().firstAsked().orElse(c.now()).plus(limit));
        Map<String, Approval> latest = new LinkedHashMap<>();
        c.request().approvals().stream()
                .filter(a -> deadline.isEmpty() || !a.at().isAfter(deadline.get()))
                .sorted(Comparator.comparing(Approval::at).thenComparing(Approval::person))
                .forEach(a -> latest.put(PersonId.key(a.person()), a));
        List<String> approvers = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        String starter = c.request().startedBy();
        for (Approval a : latest.values()) {
            boolean allowed = policy.anyone()
                    || PersonId.among(a.person(), policy.users())
                    || a.groups().stream().anyMatch(policy.groups()::contains);
            if (!allowed) {
                ignored.add(a.person() + " may not approve");
                continue;
            }
            if (a.decision() == Approval.Decision.REFUSE) {
                return finding(
                        RULE,
                        Outcome.BLOCK,
                        ReasonCode.APPROVAL_REFUSED,
                        "refused by " + a.person() + " at " + time(a.at())
                                + (a.comment().isEmpty() ? "" : ": " + a.comment()));
            }
            if (!policy.allowSelfApproval() && PersonId.same(a.person(), starter)) {
                ignored.add(a.person() + " started this run and may not approve it");
                continue;
            }
            approvers.add(a.person());
        }
        String from = policy.approvers();
        String notes = ignored.isEmpty() ? "" : "; not counted: " + String.join(", ", ignored);
        if (approvers.size() >= policy.required()) {
            return finding(
                    RULE,
                    Outcome.PASS,
                    ReasonCode.APPROVED,
                    "approved by " + String.join(", ", approvers) + " (" + approvers.size() + " of " + policy.required()
                            + " required from " + from + ")" + notes);
        }
        String sofar = approvers.isEmpty() ? "" : " (approved by " + String.join(", ", approvers) + ")";
        if (deadline.isPresent() && !c.now().isBefore(deadline.get())) {
            return finding(
                    RULE,
                    Outcome.BLOCK,
                    ReasonCode.APPROVAL_TIMED_OUT,
                    "timed out at " + time(deadline.get()) + " after "
                            + DurationText.format(policy.timeout()) + " with " + approvers.size() + " of "
                            + policy.required() + " approvals from " + from + sofar + notes);
        }
        int missing = policy.required() - approvers.size();
        return finding(
                RULE,
                Outcome.WAIT,
                ReasonCode.APPROVAL_PENDING,
                "waiting for " + plural(missing, "more approval", "more approvals") + " from " + from + sofar + notes
                        + deadline.map(d -> "; times out at " + time(d)).orElse(""));
    }
}
