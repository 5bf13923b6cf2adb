package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.io.Serializable;
import java.util.Objects;

/**
 * How tests that failed and then passed on a rerun count: not at all, as failures, or allowed up
 * to a number. A flaky test hides a real problem as often as it hides a bad test, so teams choose.
 *
 * @param mode ignore, fail or allow
 * @param allowed for {@link Mode#ALLOW}, how many flaky tests are tolerated; 0 otherwise
 */
public record FlakyPolicy(Mode mode, int allowed) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Flaky tests count as passed (they are still listed). */
    public static final FlakyPolicy IGNORE = new FlakyPolicy(Mode.IGNORE, 0);

    /** Flaky tests count as failures. */
    public static final FlakyPolicy FAIL = new FlakyPolicy(Mode.FAIL, 0);

    /** The ways flaky tests can count. */
    public enum Mode {
        IGNORE,
        ALLOW,
        FAIL
    }

    public FlakyPolicy {
        Objects.requireNonNull(mode, "mode");
        if (allowed < 0) {
            throw new InvalidDefinitionException("flaky", "the number of flaky tests allowed must not be negative");
        }
        if (mode != Mode.ALLOW && allowed != 0) {
            throw new InvalidDefinitionException("flaky", "only 'allow' takes a number");
        }
    }

    /** Up to {@code n} flaky tests are tolerated; one more blocks. */
    public static FlakyPolicy allow(int n) {
        return new FlakyPolicy(Mode.ALLOW, n);
    }

    /** Whether this policy tolerates no more flaky tests than the other one. */
    public boolean atLeastAsStrictAs(FlakyPolicy other) {
        if (mode != other.mode) {
            return mode.ordinal() > other.mode.ordinal();
        }
        return allowed <= other.allowed;
    }

    @Override
    public String toString() {
        return switch (mode) {
            case IGNORE -> "ignore";
            case FAIL -> "fail";
            case ALLOW -> "allow " + allowed;
        };
    }
}
