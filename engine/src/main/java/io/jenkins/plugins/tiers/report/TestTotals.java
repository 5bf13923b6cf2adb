package io.jenkins.plugins.tiers.report;

import java.io.Serializable;

/**
 * Counts of test outcomes. Every executed or skipped test case is counted exactly once, so {@code
 * tests == passed + failed + errored + skipped + flaky}; a flaky test (failed, then passed on a
 * rerun) is counted as flaky, not as passed or failed.
 */
public record TestTotals(int passed, int failed, int errored, int skipped, int flaky, double durationSeconds)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final TestTotals EMPTY = new TestTotals(0, 0, 0, 0, 0, 0);

    public TestTotals {
        if (passed < 0 || failed < 0 || errored < 0 || skipped < 0 || flaky < 0) {
            throw new IllegalArgumentException("test counts must not be negative");
        }
        if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
            durationSeconds = 0;
        }
    }

    /** All test cases: passed, failed, errored, skipped and flaky. */
    public int tests() {
        return passed + failed + errored + skipped + flaky;
    }

    /** Test cases that ran (everything but skipped). */
    public int run() {
        return tests() - skipped;
    }

    /** The sum of both. */
    public TestTotals plus(TestTotals other) {
        return new TestTotals(
                passed + other.passed,
                failed + other.failed,
                errored + other.errored,
                skipped + other.skipped,
                flaky + other.flaky,
                durationSeconds + other.durationSeconds);
    }
}
