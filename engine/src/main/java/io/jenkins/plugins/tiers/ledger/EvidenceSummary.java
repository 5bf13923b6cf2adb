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
 * <p>A ledger line must stay small whatever a build did, so at most {@link #MAX_FAILED_KEPT} ids
 * are kept; the others are only counted. A baseline missing some of its failures can only make a
 * later failure look new, which blocks: the cap errs towards failing closed.
 *
 * @param totals the counts
 * @param failed the failed or errored tests, as {@link TestId#displayName()} would not be
 *     reversible, kept as ids
 * @param failedLeftOut failed or errored tests not kept by id
 */
public record EvidenceSummary(TestTotals totals, List<TestId> failed, int failedLeftOut) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Failed test ids kept in one verdict. */
    public static final int MAX_FAILED_KEPT = 1000;

    public EvidenceSummary {
        Objects.requireNonNull(totals, "totals");
        failed = failed == null ? List.of() : List.copyOf(failed);
        if (failed.size() > MAX_FAILED_KEPT) {
            failedLeftOut += failed.size() - MAX_FAILED_KEPT;
            failed = List.copyOf(failed.subList(0, MAX_FAILED_KEPT));
        }
        failedLeftOut = Math.max(0, failedLeftOut);
    }

    /** A summary keeping every id given (up to the cap). */
    public EvidenceSummary(TestTotals totals, List<TestId> failed) {
        this(totals, failed, 0);
    }

    /** Keeps the totals and the failed test ids of full evidence. */
    public static EvidenceSummary of(TestEvidence evidence) {
        return new EvidenceSummary(
                evidence.totals(),
                evidence.failures().stream().map(TestFailure::id).toList(),
                evidence.failuresLeftOut());
    }
}
