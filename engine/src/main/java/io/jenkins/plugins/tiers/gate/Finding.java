package io.jenkins.plugins.tiers.gate;

import java.io.Serializable;
import java.util.Objects;

/**
 * What one rule of a gate found: one human-readable evidence line, a stable machine-readable
 * code, and whether it lets the candidate through.
 *
 * @param rule the rule that produced it, as named in the policy ({@code minTests}, {@code
 *     noNewFailures}, {@code approval}, …)
 * @param outcome whether this rule passes, blocks or waits
 * @param code a stable reason code for scripts ({@code TOO_FEW_TESTS}, {@code NEW_FAILURES}, …)
 * @param message the evidence line shown to people
 */
public record Finding(String rule, Outcome outcome, String code, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The effect of one rule on the verdict. */
    public enum Outcome {
        /** The rule is satisfied. */
        PASS,
        /** Informational only: listed as evidence, no effect (for example quarantined failures). */
        INFO,
        /** The rule is not satisfied yet but may be later (approval, soak time, freeze window). */
        WAIT,
        /** The rule refuses the candidate. */
        BLOCK
    }

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
