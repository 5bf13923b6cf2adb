package io.jenkins.plugins.tiers.gate;

/**
 * The stable, machine-readable codes of gate findings, for scripts and the ledger. Names never
 * change once released; new ones may be added. The evidence line beside a code is for people and
 * may be reworded.
 */
public enum ReasonCode {
    // The pipeline's request.
    /** A pipeline asked for a weaker rule than the ladder's. */
    POLICY_RELAXED,

    // The ledger.
    /** The ledger has lines it cannot account for (corrupt, or out of order); any may be a refusal. */
    LEDGER_LINES_UNACCOUNTED,

    // Promotion order.
    /** The target is the lowest tier: any candidate may enter. */
    FIRST_TIER,
    /** The candidate is live in, or passed, the tier below (or the next one under skippable tiers). */
    PROMOTED_FROM_BELOW,
    /** Every tier below is skippable and the candidate is in none of them. */
    SKIPPED_TO_TIER,
    /** The candidate is neither live in nor passed the tier below. */
    NOT_PROMOTED_FROM_BELOW,
    /** Nothing is live in the target tier. */
    NOTHING_LIVE,
    /** The candidate is newer than the one live in the target tier. */
    NEWER_THAN_LIVE,
    /** The candidate is the one live in the target tier; redeploying it changes nothing. */
    REDEPLOY,
    /** The candidate is older than the live one, and the request is an explicit rollback. */
    ROLLBACK,
    /** The candidate is older than the live one, and the request is not a rollback. */
    OLDER_THAN_LIVE,
    /** The version label was first recorded at another source revision: different code reuses it. */
    VERSION_REUSED,

    // Test evidence.
    /** The test reports could not be read, or none were given. */
    NO_EVIDENCE,
    /** The reader noticed something odd in the reports. */
    REPORT_WARNINGS,
    /**
     * The reports may not hold every outcome: a suite declares failures it does not list, a report
     * link was not followed, a directory could not be searched.
     */
    EVIDENCE_INCOMPLETE,
    /** More failures than the reader keeps by name: they cannot be compared with a baseline. */
    FAILURES_NOT_NAMED,
    /** A report is dated after the time of evaluation: its age is unknown (a warning). */
    REPORT_IN_FUTURE,
    /** Enough tests ran and few enough failed. */
    TESTS_OK,
    /** Fewer tests ran than the minimum. */
    TOO_FEW_TESTS,
    /** More tests failed than the maximum. */
    TOO_MANY_FAILURES,
    /** The pass rate is at or above the minimum. */
    PASS_RATE_OK,
    /** The pass rate is below the minimum. */
    PASS_RATE_TOO_LOW,
    /** Skipped tests are within the limits. */
    SKIPPED_OK,
    /** More tests were skipped than allowed. */
    TOO_MANY_SKIPPED,
    /** No failure is new against the baseline. */
    NO_NEW_FAILURES,
    /** There is no baseline, and no test failed. */
    NO_BASELINE,
    /** Some failures are not in the baseline (or there is no baseline to compare with). */
    NEW_FAILURES,
    /** Failures of quarantined tests, listed and not counted. */
    QUARANTINED,
    /** No quarantined test failed. */
    QUARANTINE_CLEAN,
    /** Every required suite ran at least one test. */
    REQUIRED_SUITES_RAN,
    /** A required suite did not run any test. */
    MISSING_SUITE,
    /** No test was flaky. */
    NO_FLAKY,
    /** Flaky tests were listed and counted as passed. */
    FLAKY_IGNORED,
    /** Flaky tests were within the number allowed. */
    FLAKY_ALLOWED,
    /** Flaky tests were counted as failures. */
    FLAKY_COUNTED,
    /** More tests were flaky than allowed. */
    TOO_MANY_FLAKY,
    /** The oldest report is recent enough. */
    REPORT_FRESH,
    /** The oldest report is older than allowed. */
    REPORT_TOO_OLD,
    /** No report carries a modification time, so its age cannot be checked. */
    REPORT_AGE_UNKNOWN,

    // People and time.
    /** Enough distinct allowed people approved. */
    APPROVED,
    /** Waiting for more approvals. */
    APPROVAL_PENDING,
    /** An allowed person refused. */
    APPROVAL_REFUSED,
    /** The approval time limit passed without a quorum. */
    APPROVAL_TIMED_OUT,
    /** The candidate has been live in the tier below long enough. */
    SOAKED,
    /** The candidate is live in the tier below, but not long enough yet. */
    SOAK_PENDING,
    /** The candidate is not live in the tier below, so it cannot soak there. */
    NOT_SOAKED,
    /** The target is the lowest tier: there is nowhere to soak. */
    NO_TIER_TO_SOAK_IN,
    /** No freeze window is in force. */
    NOT_FROZEN,
    /** A freeze window is in force. */
    FROZEN,
    /** A freeze window is in force, and a named person overrode it for a stated reason. */
    FREEZE_OVERRIDDEN
}
