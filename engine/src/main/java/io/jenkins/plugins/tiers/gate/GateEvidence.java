package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.report.TestEvidence;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * The test evidence a gate judges, or the reason it could not be read. A gate never sees "no
 * evidence" as a pass: an unreadable, missing or empty report set blocks with its reason.
 *
 * @param tests what the reports say, or {@code null} when they could not be read
 * @param unreadable why the reports could not be read, or {@code null} when they were
 */
public record GateEvidence(TestEvidence tests, String unreadable) implements Serializable {
    private static final long serialVersionUID = 1L;

    public GateEvidence {
        if ((tests == null) == (unreadable == null)) {
            throw new IllegalArgumentException("gate evidence is either test evidence or the reason it is missing");
        }
        if (unreadable != null && unreadable.isBlank()) {
            throw new IllegalArgumentException("the reason evidence is missing must not be blank");
        }
    }

    /** Evidence that was read. */
    public static GateEvidence of(TestEvidence tests) {
        return new GateEvidence(Objects.requireNonNull(tests, "tests"), null);
    }

    /** Evidence that could not be read, and why ("no file matches target/surefire-reports/*.xml"). */
    public static GateEvidence unreadable(String reason) {
        return new GateEvidence(null, reason);
    }

    public Optional<TestEvidence> read() {
        return Optional.ofNullable(tests);
    }
}
