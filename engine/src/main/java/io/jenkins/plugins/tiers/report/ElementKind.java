package io.jenkins.plugins.tiers.report;

import java.util.Locale;

/**
 * What an element of a report means to the reader, whatever its letter case or namespace prefix:
 * a {@code <j:failure>} or a {@code <Failure>} written by a tool nobody here knows is still a
 * failure, never an unknown element to skip. The usual spelling is recognised without making a
 * string.
 */
enum ElementKind {
    TESTSUITES,
    TESTSUITE,
    TESTCASE,
    FAILURE,
    ERROR,
    SKIPPED,
    FLAKY_FAILURE,
    FLAKY_ERROR,
    RERUN_FAILURE,
    RERUN_ERROR,
    OTHER;

    /** The kind of an element named {@code qualifiedName} (the reader is not namespace-aware). */
    static ElementKind of(String qualifiedName) {
        ElementKind usual = exactly(qualifiedName);
        if (usual != OTHER) {
            return usual;
        }
        int colon = qualifiedName.lastIndexOf(':');
        String local = colon < 0 ? qualifiedName : qualifiedName.substring(colon + 1);
        return exactly(local.toLowerCase(Locale.ROOT));
    }

    private static ElementKind exactly(String name) {
        return switch (name) {
            case "testsuites" -> TESTSUITES;
            case "testsuite" -> TESTSUITE;
            case "testcase" -> TESTCASE;
            case "failure" -> FAILURE;
            case "error" -> ERROR;
            case "skipped", "ignored", "disabled" -> SKIPPED;
            case "flakyFailure", "flakyfailure" -> FLAKY_FAILURE;
            case "flakyError", "flakyerror" -> FLAKY_ERROR;
            case "rerunFailure", "rerunfailure" -> RERUN_FAILURE;
            case "rerunError", "rerunerror" -> RERUN_ERROR;
            default -> OTHER;
        };
    }

    /** An element that says a test failed or errored, at least on one attempt. */
    boolean isFailureLike() {
        return this == FAILURE
                || this == ERROR
                || this == FLAKY_FAILURE
                || this == FLAKY_ERROR
                || this == RERUN_FAILURE
                || this == RERUN_ERROR;
    }
}
