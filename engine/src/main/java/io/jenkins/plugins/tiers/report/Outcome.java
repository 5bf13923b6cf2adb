package io.jenkins.plugins.tiers.report;

/** What one {@code testcase} element says happened to its test, before retries are merged. */
enum Outcome {
    PASSED,
    FAILED,
    ERRORED,
    SKIPPED,
    /** Passed after a failed attempt that the same element records (Surefire's flaky elements). */
    FLAKY;

    boolean isFailure() {
        return this == FAILED || this == ERRORED;
    }
}
