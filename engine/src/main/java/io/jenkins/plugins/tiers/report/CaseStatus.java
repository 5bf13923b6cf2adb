package io.jenkins.plugins.tiers.report;

import java.util.Locale;

/**
 * What a {@code status} or {@code result} attribute of a test case says, for tools that write the
 * outcome as an attribute (GoogleTest's {@code status="run" result="completed"}, exporters writing
 * {@code result="failed"}). Only the values below are tolerated as a pass or a skip; any other
 * value means the test did not pass, so a spelling nobody here has seen fails closed.
 */
enum CaseStatus {
    /** No attribute, or one that says the test ran or passed. */
    PASSED,
    SKIPPED,
    FAILED,
    ERRORED;

    static CaseStatus of(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "passed", "pass", "success", "successful", "succeeded", "ok", "run", "completed", "executed" ->
                PASSED;
            case "skipped", "skip", "disabled", "notrun", "not_run", "ignored", "suppressed", "pending" -> SKIPPED;
            case "error", "errored", "broken" -> ERRORED;
            default -> FAILED;
        };
    }

    /** The more severe of two statuses: error, then failure, then skip, then pass. */
    CaseStatus worst(CaseStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
