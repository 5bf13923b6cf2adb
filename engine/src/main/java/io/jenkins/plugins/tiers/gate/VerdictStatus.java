package io.jenkins.plugins.tiers.gate;

/** The outcome of a gate for one candidate. */
public enum VerdictStatus {
    /** Every rule is satisfied: the candidate may enter the tier. */
    PASSED,
    /** No rule blocks, but at least one waits (approval, soak time, freeze window). */
    WAITING,
    /** At least one rule refuses the candidate. */
    BLOCKED
}
