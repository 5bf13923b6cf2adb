package io.jenkins.plugins.tiers.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates what the files of one read say, merging retries: within one suite of one file, a
 * named test that failed and also passed (in any order) is flaky; one that failed several times
 * counts once. Cases in different suites or files are different tests, whatever their names, and a
 * case without a name is never merged: a merge can only ever turn a failure into a pass, so it is
 * done only where a tool wrote reruns. Only failing ids are kept, plus a ring of the last few
 * passing ones, and both only up to a bound, so memory stays bounded whatever a report holds.
 */
final class EvidenceBuilder {
    /** How many recent passes are remembered to catch a retry written pass-first. */
    static final int RECENT_PASSES = 256;

    static final int MAX_WARNINGS = 200;

    /** Failures kept with their identity and message; the rest are counted (and block a baseline comparison). */
    static final int MAX_FAILURES_KEPT = 10_000;

    /** Suites kept by name; the rest are counted together. */
    static final int MAX_SUITES_KEPT = 10_000;

    /** Characters of failure messages kept over all failures of one read. */
    private static final long MAX_TOTAL_MESSAGE_CHARS = 1L << 20;

    private final List<SuiteTally> suites = new ArrayList<>();
    private final List<FailureRecord> failures = new ArrayList<>();
    private final FailureIndex failing = new FailureIndex();
    private final RecentPasses recentPasses = new RecentPasses(RECENT_PASSES);
    private final List<TestId> flaky = new ArrayList<>();
    private final List<ReportFile> files = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int warningsLeftOut;
    private final List<String> incomplete = new ArrayList<>();
    private int incompleteLeftOut;
    private int failuresLeftOut;
    private int flakyLeftOut;
    private long messageCharsLeft = MAX_TOTAL_MESSAGE_CHARS;
    /** The suite whose retries are being merged; a case of another suite starts afresh. */
    private SuiteTally scope;

    private SuiteTally otherSuites;
    private int otherSuiteCount;

    private long detailCharsLeft;
    private boolean detailBudgetWarned;

    EvidenceBuilder(long totalDetailChars) {
        this.detailCharsLeft = totalDetailChars;
    }

    SuiteTally openSuite(String name) {
        if (suites.size() >= MAX_SUITES_KEPT) {
            otherSuiteCount++;
            if (otherSuites == null) {
                otherSuites = new SuiteTally("(more suites)");
                suites.add(otherSuites);
            }
            return otherSuites;
        }
        SuiteTally suite = new SuiteTally(name);
        suites.add(suite);
        return suite;
    }

    /**
     * Notes failures a suite declares but does not list: counted as failed, and the evidence is
     * incomplete, which blocks any gate that reads it.
     */
    void unlisted(String why, SuiteTally suite, int failures) {
        suite.failed += failures;
        incomplete(why);
    }

    /** Notes something that makes the evidence incomplete (a skipped link, an unreadable directory). */
    void incomplete(String why) {
        if (incomplete.size() < MAX_WARNINGS) {
            incomplete.add(why);
        } else {
            incompleteLeftOut++;
        }
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
        if (test.name.isEmpty()) {
            return unnamed(suite, test, outcome, message, detail); // never merged: nothing says it is a rerun
        }
        if (suite != scope) {
            scope = suite;
            failing.clear();
            recentPasses.clear();
        }
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
                addFlaky(id);
                return test;
            }
            FailureRecord record = keep(id, outcome, suite, message, detail);
            if (record != null) {
                failing.add(record);
            }
        } else if (outcome == Outcome.PASSED) {
            suite.count(outcome);
            return recentPasses.remember(test, suite);
        } else if (outcome == Outcome.FLAKY) {
            addFlaky(test.toTestId());
        }
        suite.count(outcome);
        return test;
    }

    private CaseName unnamed(SuiteTally suite, CaseName test, Outcome outcome, String message, String detail) {
        if (outcome.isFailure()) {
            keep(test.toTestId(), outcome, suite, message, detail);
        } else if (outcome == Outcome.FLAKY) {
            addFlaky(test.toTestId());
        }
        suite.count(outcome);
        return test;
    }

    /** Keeps a failure in detail while there is room; counts it in any case. Null when not kept. */
    private FailureRecord keep(TestId id, Outcome outcome, SuiteTally suite, String message, String detail) {
        if (failures.size() >= MAX_FAILURES_KEPT) {
            if (failuresLeftOut++ == 0) {
                warn("only the first " + MAX_FAILURES_KEPT + " failures are kept by name; the others are counted");
            }
            return null;
        }
        spendDetail(detail);
        String kept = messageCharsLeft > 0 ? message : "";
        messageCharsLeft -= kept.length();
        FailureRecord record = new FailureRecord(id, outcome, suite, kept, detail);
        failures.add(record);
        return record;
    }

    private void addFlaky(TestId id) {
        if (flaky.size() < MAX_FAILURES_KEPT) {
            flaky.add(id);
        } else {
            flakyLeftOut++;
        }
    }

    private void retry(FailureRecord prior, Outcome outcome) {
        if (prior.flaky || !(outcome == Outcome.PASSED || outcome == Outcome.FLAKY)) {
            return; // another failing or skipped attempt of a test already counted once
        }
        prior.flaky = true;
        prior.suite.becomeFlaky(prior.outcome);
        addFlaky(prior.id);
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
        if (flakyLeftOut > 0) {
            allWarnings.add(flakyLeftOut + " more flaky tests counted but not named");
        }
        if (otherSuiteCount > 0) {
            allWarnings.add("only the first " + MAX_SUITES_KEPT + " suites are kept by name; " + otherSuiteCount
                    + " more are counted together as '(more suites)'");
        }
        List<String> allIncomplete = new ArrayList<>(incomplete);
        if (incompleteLeftOut > 0) {
            allIncomplete.add(incompleteLeftOut + " more left out");
        }
        return new TestEvidence(totals, summaries, failed, flaky, files, allWarnings, allIncomplete, failuresLeftOut);
    }
}
