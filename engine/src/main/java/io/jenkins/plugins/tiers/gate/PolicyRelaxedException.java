package io.jenkins.plugins.tiers.gate;

import java.util.Objects;

/**
 * A pipeline asked for a gate weaker than the one its administrator defined. Refusing it, naming
 * the rule, is what keeps a Jenkinsfile edit from bypassing a gate.
 */
public final class PolicyRelaxedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String rule;

    PolicyRelaxedException(String rule, String asked, String ladder) {
        super(rule + ": the pipeline asked for " + asked + " but the ladder " + ladder
                + "; a pipeline may tighten a gate, never relax it");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** The rule the request would have relaxed ({@code maxFailures}, {@code approval.required}, …). */
    public String rule() {
        return rule;
    }
}
