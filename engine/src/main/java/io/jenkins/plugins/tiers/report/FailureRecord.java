package io.jenkins.plugins.tiers.report;

/**
 * A failing attempt of a test, kept until the whole read is done because a later pass of the same
 * test turns it flaky.
 */
final class FailureRecord {
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
