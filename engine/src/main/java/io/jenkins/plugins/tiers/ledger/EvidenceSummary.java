package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.report.TestFailure;
import io.jenkins.plugins.tiers.report.TestId;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The part of a gate's test evidence worth keeping forever: the totals and the ids of the tests
 * that failed. The next gate compares its failures against these ("no new failures against what
 * is live"), so they travel with the verdict that let a candidate in.
 *
 * @param totals the counts
 * @param failed the failed or errored tests, as {@link TestId#displayName()} would not be
 *     reversible, kept as ids
 */
public record EvidenceSummary(TestTotals totals, List<TestId> failed) implements Serializable {
    private static final long serialVersionUID = 1L;

    public EvidenceSummary {
        Objects.requireNonNull(totals, "totals");
        failed = failed == null ? List.of() : List.copyOf(failed);
    }

    /** Keeps the totals and the failed test ids of full evidence. */
    public static EvidenceSummary of(TestEvidence evidence) {
        return new EvidenceSummary(
                evidence.totals(),
                evidence.failures().stream().map(TestFailure::id).toList());
    }
}
