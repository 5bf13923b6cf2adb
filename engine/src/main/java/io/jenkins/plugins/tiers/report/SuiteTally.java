package io.jenkins.plugins.tiers.report;

/**
 * The mutable counts of one suite while its report is streamed; retries found later may move a
 * test from failed to flaky, so it stays open until the whole read is done.
 */
final class SuiteTally {
    final String name;
    int passed;
    int failed;
    int errored;
    int skipped;
    int flaky;
    double caseSeconds;
    double declaredSeconds = -1;

    SuiteTally(String name) {
        this.name = name;
    }

    void count(Outcome outcome) {
        switch (outcome) {
            case PASSED -> passed++;
            case FAILED -> failed++;
            case ERRORED -> errored++;
            case SKIPPED -> skipped++;
            case FLAKY -> flaky++;
        }
    }

    /** Moves one test counted as {@code from} to flaky. */
    void becomeFlaky(Outcome from) {
        switch (from) {
            case PASSED -> passed--;
            case FAILED -> failed--;
            case ERRORED -> errored--;
            default -> throw new IllegalArgumentException("only a pass or a failure can become flaky: " + from);
        }
        flaky++;
    }

    double seconds() {
        return declaredSeconds >= 0 ? declaredSeconds : caseSeconds;
    }

    SuiteSummary toSummary() {
        return new SuiteSummary(name, new TestTotals(passed, failed, errored, skipped, flaky, seconds()));
    }
}
