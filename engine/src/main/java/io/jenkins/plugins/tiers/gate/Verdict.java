package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.Candidate;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The decision of a gate for one candidate and tier, with the evidence that explains it line by
 * line and the policy as it was evaluated, so that "why was this allowed" can be answered later
 * from the ledger alone. The status is derived from the findings: any blocking finding blocks,
 * otherwise any waiting finding waits, otherwise it passes.
 *
 * @param application the application whose ladder holds the tier
 * @param tier the id of the tier the candidate asks to enter
 * @param candidate the candidate
 * @param findings one per rule evaluated, in policy order
 * @param policy the effective policy as evaluated, rule name to value, for the audit record
 * @param evaluatedAt when the gate was evaluated (from the clock passed in)
 */
public record Verdict(
        String application,
        String tier,
        Candidate candidate,
        List<Finding> findings,
        Map<String, String> policy,
        Instant evaluatedAt)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Verdict {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        findings = List.copyOf(findings);
        policy = Map.copyOf(policy);
    }

    /** PASSED, WAITING or BLOCKED, derived from the findings. */
    public VerdictStatus status() {
        boolean waiting = false;
        for (Finding f : findings) {
            if (f.outcome() == Finding.Outcome.BLOCK) {
                return VerdictStatus.BLOCKED;
            }
            waiting |= f.outcome() == Finding.Outcome.WAIT;
        }
        return waiting ? VerdictStatus.WAITING : VerdictStatus.PASSED;
    }

    /** The findings that block or wait, the ones a person needs to read first. */
    public List<Finding> reasons() {
        Finding.Outcome worst = status() == VerdictStatus.BLOCKED ? Finding.Outcome.BLOCK : Finding.Outcome.WAIT;
        return findings.stream().filter(f -> f.outcome() == worst).toList();
    }
}
