package io.jenkins.plugins.tiers.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates what the files of one read say, merging retries: a test id that failed and also
 * passed (in any order) is flaky; one that failed several times counts once. Only failing ids are
 * kept, plus a ring of the last few passing ones, so memory grows with failures and suites, never
 * with passing tests.
 */
final class EvidenceBuilder {
    /** How many recent passes are remembered to catch a retry written pass-first. */
    static final int RECENT_PASSES = 256;

    static final int MAX_WARNINGS = 200;

    private final List<SuiteTally> suites = new ArrayList<>();
    private final List<FailureRecord> failures = new ArrayList<>();
    private final FailureIndex failing = new FailureIndex();
    private final RecentPasses recentPasses = new RecentPasses(RECENT_PASSES);
    private final List<TestId> flaky = new ArrayList<>();
    private final List<ReportFile> files = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int warningsLeftOut;

    private long detailCharsLeft;
    private boolean detailBudgetWarned;

    EvidenceBuilder(long totalDetailChars) {
        this.detailCharsLeft = totalDetailChars;
    }

    SuiteTally openSuite(String name) {
        SuiteTally suite = new SuiteTally(name);
        suites.add(suite);
        return suite;
    }

    void addFile(ReportFile file) {
        files.add(file);
    }

    void warn(String warning) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(warning);
        } else {
            warningsLeftOut++;
        }
    }

    /** How many more detail characters may be kept; 0 once the budget for all failures is spent. */
    int detailAllowance(int perFailure) {
        return (int) Math.max(0, Math.min(perFailure, detailCharsLeft));
    }

    /**
     * Records one test case element.
     *
     * @return what to read the next test case into: {@code test} itself, or a spare when the
     *     evidence kept {@code test} (see {@link RecentPasses#remember})
     */
    CaseName testCase(SuiteTally suite, CaseName test, Outcome outcome, double seconds, String message, String detail) {
        suite.caseSeconds += seconds;
        if (!failing.isEmpty()) {
            FailureRecord prior = failing.find(test);
            if (prior != null) {
                retry(prior, outcome);
                return test;
            }
        }
        if (outcome.isFailure()) {
            TestId id = test.toTestId();
            SuiteTally passedIn = recentPasses.forget(test);
            if (passedIn != null) {
                passedIn.becomeFlaky(Outcome.PASSED);
                FailureRecord record = new FailureRecord(id, outcome, passedIn, "", "");
                record.flaky = true;
                failing.add(record);
                flaky.add(id);
                return test;
            }
            spendDetail(detail);
            FailureRecord record = new FailureRecord(id, outcome, suite, message, detail);
            failures.add(record);
            failing.add(record);
        } else if (outcome == Outcome.PASSED) {
            suite.count(outcome);
            return recentPasses.remember(test, suite);
        } else if (outcome == Outcome.FLAKY) {
            flaky.add(test.toTestId());
        }
        suite.count(outcome);
        return test;
    }

    private void retry(FailureRecord prior, Outcome outcome) {
        if (prior.flaky || !(outcome == Outcome.PASSED || outcome == Outcome.FLAKY)) {
            return; // another failing or skipped attempt of a test already counted once
        }
        prior.flaky = true;
        prior.suite.becomeFlaky(prior.outcome);
        flaky.add(prior.id);
    }

    private void spendDetail(String detail) {
        detailCharsLeft -= detail.length();
        if (detailCharsLeft <= 0 && !detailBudgetWarned) {
            detailBudgetWarned = true;
            warn("failure details are dropped after " + failures.size()
                    + " failures to keep the evidence small; messages and test names are kept");
        }
    }

    TestEvidence build() {
        TestTotals totals = TestTotals.EMPTY;
        List<SuiteSummary> summaries = new ArrayList<>(suites.size());
        for (SuiteTally suite : suites) {
            SuiteSummary summary = suite.toSummary();
            summaries.add(summary);
            totals = totals.plus(summary.totals());
        }
        List<TestFailure> failed = new ArrayList<>();
        for (FailureRecord record : failures) {
            if (!record.flaky) {
                TestFailure.Kind kind =
                        record.outcome == Outcome.ERRORED ? TestFailure.Kind.ERROR : TestFailure.Kind.FAILURE;
                failed.add(new TestFailure(record.id, kind, record.message, record.detail));
            }
        }
        List<String> allWarnings = new ArrayList<>(warnings);
        if (warningsLeftOut > 0) {
            allWarnings.add(warningsLeftOut + " more warnings left out");
        }
        return new TestEvidence(totals, summaries, failed, flaky, files, allWarnings);
    }
}
