package io.jenkins.plugins.tiers.report;

import java.io.Serializable;
import java.util.Objects;

/**
 * A test case that did not pass: an assertion failure or an error, with its message and the first
 * part of its detail (stack trace), truncated so that evidence stays small.
 *
 * @param id the test
 * @param kind failure (an assertion) or error (an unexpected exception)
 * @param message the message, possibly empty
 * @param detail the beginning of the detail text, possibly empty
 */
public record TestFailure(TestId id, Kind kind, String message, String detail) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What kind of non-pass this is. */
    public enum Kind {
        FAILURE,
        ERROR
    }

    public TestFailure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        message = message == null ? "" : message;
        detail = detail == null ? "" : detail;
    }
}
