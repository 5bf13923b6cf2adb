package io.jenkins.plugins.tiers.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private final Map<TestId, FailureRecord> failing = new HashMap<>();
    private final List<TestId> flaky = new ArrayList<>();
    private final List<ReportFile> files = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int warningsLeftOut;

    private final TestId[] recentPassIds = new TestId[RECENT_PASSES];
    private final SuiteTally[] recentPassSuites = new SuiteTally[RECENT_PASSES];
    private int nextPass;

    private long detailCharsLeft;
    private boolean detailBudgetWarned;

    EvidenceBuilder(long totalDetailChars) {
        this.detailCharsLeft = totalDetailChars;
    }

    /** A failing attempt, kept until the end because a later pass may turn it flaky. */
    private static final class FailureRecord {
        final TestId id;
        final Outcome outcome;
        final SuiteTally suite;
        final String message;
        final String detail;
        boolean flaky;

        FailureRecord(TestId id, Outcome outcome, SuiteTally suite, String message, String detail) {
            this.id = id;
            this.outcome = outcome;
            this.suite = suite;
            this.message = message;
            this.detail = detail;
        }
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

    /** Records one test case element. */
    void testCase(SuiteTally suite, TestId id, Outcome outcome, double seconds, String message, String detail) {
        suite.caseSeconds += seconds;
        if (!failing.isEmpty()) {
            FailureRecord prior = failing.get(id);
            if (prior != null) {
                retry(prior, outcome);
                return;
            }
        }
        if (outcome.isFailure()) {
            SuiteTally passedIn = forgetRecentPass(id);
            if (passedIn != null) {
                passedIn.becomeFlaky(Outcome.PASSED);
                FailureRecord record = new FailureRecord(id, outcome, passedIn, "", "");
                record.flaky = true;
                failing.put(id, record);
                flaky.add(id);
                return;
            }
            spendDetail(detail);
            FailureRecord record = new FailureRecord(id, outcome, suite, message, detail);
            failures.add(record);
            failing.put(id, record);
        } else if (outcome == Outcome.PASSED) {
            recentPassIds[nextPass] = id;
            recentPassSuites[nextPass] = suite;
            nextPass = (nextPass + 1) % RECENT_PASSES;
        } else if (outcome == Outcome.FLAKY) {
            flaky.add(id);
        }
        suite.count(outcome);
    }

    private void retry(FailureRecord prior, Outcome outcome) {
        if (prior.flaky || !(outcome == Outcome.PASSED || outcome == Outcome.FLAKY)) {
            return; // another failing or skipped attempt of a test already counted once
        }
        prior.flaky = true;
        prior.suite.becomeFlaky(prior.outcome);
        flaky.add(prior.id);
    }

    private SuiteTally forgetRecentPass(TestId id) {
        for (int i = 0; i < RECENT_PASSES; i++) {
            if (id.equals(recentPassIds[i])) {
                SuiteTally suite = recentPassSuites[i];
                recentPassIds[i] = null;
                recentPassSuites[i] = null;
                return suite;
            }
        }
        return null;
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
