package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.DraftText;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How tests that failed and then passed on a rerun count: not at all, as failures, or allowed up
 * to a number. A flaky test hides a real problem as often as it hides a bad test, so teams choose.
 *
 * @param mode ignore, fail or allow
 * @param allowed for {@link Mode#ALLOW}, how many flaky tests are tolerated; 0 otherwise
 */
public record FlakyPolicy(Mode mode, int allowed) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern ALLOWED = Pattern.compile("(?:allow\\s*)?(\\d{1,6})");

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

    /**
     * Reads a policy as people write it, in {@code tiers.yaml} and in forms alike: {@code ignore},
     * {@code fail}, or how many flaky tests are allowed ({@code 2} or {@code allow 2}).
     *
     * @throws InvalidDefinitionException on the field {@code flaky}
     */
    public static FlakyPolicy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("ignore")) {
            return IGNORE;
        }
        if (t.equals("fail")) {
            return FAIL;
        }
        Matcher allowed = ALLOWED.matcher(t);
        if (allowed.matches()) {
            return allow(Integer.parseInt(allowed.group(1)));
        }
        throw new InvalidDefinitionException(
                "flaky",
                DraftText.quote(text.trim())
                        + " is not a flaky policy; use ignore, fail, or the number of flaky tests allowed (2 or allow 2)");
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
