package io.jenkins.plugins.tiers.model;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a candidate replaces the live one inside a tier: at once, by switching between two
 * colours, or by canary steps that send a growing percentage of traffic to it.
 *
 * <p>Blue-green: the candidate is deployed into the idle slot (and can be seen at {@code
 * previewUrl}), and becomes live when traffic switches to that slot: at once when its switch check
 * passes ({@code autoSwitch}), else when someone switches. Canary: after each step but the last,
 * the candidate keeps its weight for the step's pause, then the step check runs.
 *
 * @param kind direct, blue-green or canary
 * @param steps for a canary, the traffic percentages in order, strictly increasing, each 1 to
 *     100, the last 100 (the step at which the candidate becomes live); empty otherwise
 * @param autoSwitch for blue-green: switch as soon as the switch check passes ({@code switch:
 *     auto}); false for a manual switch (the default) and for other strategies
 * @param previewUrl for blue-green: where the idle slot can be seen, http or https, or null
 * @param pauses for a canary: how long the candidate keeps each step's weight before the step
 *     check, one per step but the last; empty for no pause
 * @param approveAt for a canary: the weight of the step (one of the steps but the last) past which
 *     the canary goes on only once a person approved it at that step ({@code approveAt: 50}); null
 *     when no step needs an approval
 */
public record Strategy(
        Kind kind, List<Integer> steps, boolean autoSwitch, String previewUrl, List<Duration> pauses, Integer approveAt)
        implements Serializable {
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
        pauses = pauses == null ? List.of() : List.copyOf(pauses);
        previewUrl = previewUrl == null || previewUrl.isBlank() ? null : previewUrl.trim();
        if (kind != Kind.BLUE_GREEN && autoSwitch) {
            throw new InvalidDefinitionException("switch", "only a blue-green strategy switches");
        }
        if (kind != Kind.BLUE_GREEN && previewUrl != null) {
            throw new InvalidDefinitionException(
                    "previewUrl", "only a blue-green strategy has an idle slot to preview");
        }
        if (previewUrl != null && !(previewUrl.startsWith("http://") || previewUrl.startsWith("https://"))) {
            throw new InvalidDefinitionException(
                    "previewUrl", Tier.quote(previewUrl) + " must be an http or https address");
        }
        if (kind != Kind.CANARY && !pauses.isEmpty()) {
            throw new InvalidDefinitionException("pause", "only a canary strategy pauses between steps");
        }
        for (int i = 0; i < pauses.size(); i++) {
            if (pauses.get(i) == null || pauses.get(i).isNegative()) {
                throw new InvalidDefinitionException("pause[" + i + "]", "must be a duration such as 10m");
            }
        }
        if (kind == Kind.CANARY && pauses.size() > 1 && pauses.size() != steps.size() - 1) {
            throw new InvalidDefinitionException(
                    "pause",
                    "give one pause, or one per step but the last (" + (steps.size() - 1) + "), not " + pauses.size());
        }
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
        if (approveAt != null && kind != Kind.CANARY) {
            throw new InvalidDefinitionException("approveAt", "only a canary strategy has steps to approve at");
        }
        if (approveAt != null && !steps.subList(0, steps.size() - 1).contains(approveAt)) {
            // approving the last step would approve a canary that already took all traffic
            throw new InvalidDefinitionException(
                    "approveAt",
                    approveAt + " is not one of the steps before the last " + steps.subList(0, steps.size() - 1)
                            + "; name the weight of the step after which the canary waits for an approval");
        }
    }

    /** A strategy without an approval at a canary step. */
    public Strategy(Kind kind, List<Integer> steps, boolean autoSwitch, String previewUrl, List<Duration> pauses) {
        this(kind, steps, autoSwitch, previewUrl, pauses, null);
    }

    /** A strategy without switch, preview or pause settings. */
    public Strategy(Kind kind, List<Integer> steps) {
        this(kind, steps, false, null, List.of());
    }

    /**
     * How long the candidate keeps the weight of step {@code step} (1-based) before its check: the
     * one pause given, or that step's; zero without pauses and for the last step.
     */
    public Duration pauseAfter(int step) {
        if (pauses.isEmpty() || step >= steps.size()) {
            return Duration.ZERO;
        }
        return pauses.size() == 1 ? pauses.get(0) : pauses.get(step - 1);
    }

    /** This strategy with switch, preview and pause settings (and the same step to approve at). */
    public Strategy with(boolean newAutoSwitch, String newPreviewUrl, List<Duration> newPauses) {
        return new Strategy(kind, steps, newAutoSwitch, newPreviewUrl, newPauses, approveAt);
    }

    /** This canary with an approval needed at the step of weight {@code weight} (null: none). */
    public Strategy withApproveAt(Integer weight) {
        return new Strategy(kind, steps, autoSwitch, previewUrl, pauses, weight);
    }

    /** The 1-based number of the step that needs an approval, or 0 when none does. */
    public int approvalStep() {
        return approveAt == null ? 0 : steps.indexOf(approveAt) + 1;
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
        return kind == Kind.CANARY
                ? "canary " + steps + (approveAt == null ? "" : " approve at " + approveAt + "%")
                : kind.label();
    }
}
