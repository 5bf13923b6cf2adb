package io.jenkins.plugins.tiers.model;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a candidate replaces the live one inside a tier: at once, by switching between two
 * colours, or by canary steps that send a growing percentage of traffic to it. Views show the
 * colour or percentage; the gate does not depend on it.
 *
 * @param kind direct, blue-green or canary
 * @param steps for a canary, the traffic percentages in order, strictly increasing, each 1 to
 *     100, the last 100 (the step at which the candidate becomes live); empty otherwise
 */
public record Strategy(Kind kind, List<Integer> steps) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The ways of replacing a live candidate. */
    public enum Kind {
        DIRECT,
        BLUE_GREEN,
        CANARY;

        /** The label used in files ({@code blue-green}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Strategy {
        Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(steps);
        if (kind != Kind.CANARY && !steps.isEmpty()) {
            throw new InvalidDefinitionException("steps", "only a canary strategy has steps");
        }
        if (kind == Kind.CANARY) {
            if (steps.isEmpty()) {
                throw new InvalidDefinitionException("steps", "a canary needs at least one step percentage");
            }
            int previous = 0;
            for (int i = 0; i < steps.size(); i++) {
                int step = steps.get(i);
                if (step < 1 || step > 100) {
                    throw new InvalidDefinitionException(
                            "steps[" + i + "]", "a percentage must be 1 to 100, was " + step);
                }
                if (step <= previous) {
                    throw new InvalidDefinitionException(
                            "steps[" + i + "]", "percentages must increase, but " + step + " follows " + previous);
                }
                previous = step;
            }
            if (previous != 100) {
                // only the last step gives the candidate all traffic and makes it live
                throw new InvalidDefinitionException(
                        "steps",
                        "the last step must be 100 so that a completed canary takes all traffic, was " + previous);
            }
        }
    }

    /** The candidate replaces the live one at once. */
    public static Strategy direct() {
        return new Strategy(Kind.DIRECT, List.of());
    }

    /** The candidate is deployed beside the live one, and traffic switches over at once. */
    public static Strategy blueGreen() {
        return new Strategy(Kind.BLUE_GREEN, List.of());
    }

    /** The candidate receives these percentages of traffic in turn. */
    public static Strategy canary(Integer... steps) {
        return new Strategy(Kind.CANARY, List.of(steps));
    }

    @Override
    public String toString() {
        return kind == Kind.CANARY ? "canary " + steps : kind.label();
    }
}
