package io.jenkins.plugins.tiers.strategy;

import io.jenkins.plugins.tiers.model.Candidate;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The progress of a canary in one tier: the state machine of the strategy. A canary starts over
 * the live candidate, reaches its steps in order, and ends either completed (the last step, 100%,
 * reached: the candidate is live) or aborted (weight back to 0, the candidate it started over stays
 * live). Each transition returns the next state or throws {@link TransitionRefusedException}.
 *
 * <p>Crash points: a canary whose process died between two steps stays {@link Status#IN_PROGRESS}
 * in the ledger at the last step it reached; it never becomes live by itself. Status shows it as
 * unfinished, and the next deployment to the tier aborts it first ({@link #abandoned()} tells it
 * to) before starting its own.
 *
 * @param steps the traffic percentages, increasing, the last 100
 * @param candidate the candidate receiving canary traffic, or null when no canary ever ran
 * @param over the candidate live when it started, or null when the tier had none
 * @param reached how many steps were reached (0 right after the start)
 * @param status where the canary stands
 * @param reason for an aborted canary: why
 */
public record Canary(
        List<Integer> steps, Candidate candidate, Candidate over, int reached, Status status, String reason)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where a canary stands. */
    public enum Status {
        /** No canary ran in the tier. */
        NONE,
        /** Started and neither completed nor aborted. */
        IN_PROGRESS,
        /** Withdrawn: weight back to 0, the candidate it started over stays live. */
        ABORTED,
        /** The last step was reached: the candidate takes all traffic and is live. */
        COMPLETED
    }

    public Canary {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
            throw new IllegalArgumentException("a canary's last step must be 100%, steps were " + steps);
        }
        Objects.requireNonNull(status, "status");
        if (reached < 0 || reached > steps.size()) {
            throw new IllegalArgumentException("reached must be 0 to " + steps.size() + ", was " + reached);
        }
    }

    /** A tier with these steps and no canary yet. */
    public static Canary none(List<Integer> steps) {
        return new Canary(steps, null, null, 0, Status.NONE, null);
    }

    /**
     * A canary of {@code next} begins over {@code live} (null when nothing is live), at weight 0.
     *
     * @throws TransitionRefusedException while another canary is in progress (abort it first)
     */
    public Canary start(Candidate next, Candidate live) {
        Objects.requireNonNull(next, "next");
        if (status == Status.IN_PROGRESS) {
            throw new TransitionRefusedException("a canary of " + candidate.version() + " is in progress (" + progress()
                    + "); abort it before starting another");
        }
        if (live != null && live.version().equals(next.version())) {
            throw new TransitionRefusedException(next.version() + " is already live");
        }
        return new Canary(steps, next, live, 0, Status.IN_PROGRESS, null);
    }

    /**
     * Step {@code step} (1-based) is reached: the candidate receives its weight. The last step is
     * reached through {@link #complete()}.
     *
     * @throws TransitionRefusedException when no canary is in progress or the step is not the next
     *     one, or is the last
     */
    public Canary reach(int step) {
        requireInProgress("reach step " + step);
        if (step != reached + 1) {
            throw new TransitionRefusedException("step " + step + " is out of order: the canary of "
                    + candidate.version() + " is at step " + reached + " of " + steps.size() + ", so the next is "
                    + (reached + 1));
        }
        if (step == steps.size()) {
            throw new TransitionRefusedException("step " + step + " is the last (100%): complete the canary instead");
        }
        return new Canary(steps, candidate, over, step, Status.IN_PROGRESS, null);
    }

    /**
     * The last step (100%) is reached: the candidate takes all traffic and becomes live.
     *
     * @throws TransitionRefusedException unless every step before the last was reached
     */
    public Canary complete() {
        requireInProgress("complete");
        if (reached != steps.size() - 1) {
            throw new TransitionRefusedException(
                    "cannot complete the canary of " + candidate.version() + ": it is at step " + reached + " of "
                            + steps.size() + " and step " + (reached + 1) + " comes next");
        }
        return new Canary(steps, candidate, over, steps.size(), Status.COMPLETED, null);
    }

    /**
     * The canary is withdrawn: weight back to 0, the candidate it started over stays live.
     *
     * @throws TransitionRefusedException unless a canary is in progress
     */
    public Canary abort(String why) {
        requireInProgress("abort");
        return new Canary(steps, candidate, over, reached, Status.ABORTED, why);
    }

    /** True when a canary is in progress: a new deployment must abort it before starting its own. */
    public boolean abandoned() {
        return status == Status.IN_PROGRESS;
    }

    /** The weight the candidate receives now: its last reached step's, 0 when none or aborted. */
    public int weight() {
        if (status == Status.ABORTED || reached == 0) {
            return 0;
        }
        return steps.get(reached - 1);
    }

    /** The weight of step {@code step} (1-based). */
    public int weightOf(int step) {
        return steps.get(step - 1);
    }

    public Optional<Candidate> candidateIfAny() {
        return Optional.ofNullable(candidate);
    }

    /** {@code 25% (step 2 of 3)}. */
    public String progress() {
        return weight() + "% (step " + reached + " of " + steps.size() + ")";
    }

    /** {@code 2.14.29 canary 25% (step 2 of 3) over 2.14.28}, or what happened to the last canary. */
    public String describe() {
        return switch (status) {
            case NONE -> "no canary";
            case IN_PROGRESS ->
                candidate.version() + " canary " + progress()
                        + (over == null ? " over nothing live" : " over " + over.version());
            case ABORTED ->
                candidate.version() + " canary aborted at step " + reached + " of " + steps.size()
                        + (over == null ? "" : "; " + over.version() + " stays live")
                        + (reason == null ? "" : ": " + reason);
            case COMPLETED -> candidate.version() + " canary completed (100%)";
        };
    }

    private void requireInProgress(String what) {
        if (status == Status.COMPLETED) {
            throw new TransitionRefusedException(
                    "cannot " + what + ": the canary of " + candidate.version() + " already completed");
        }
        if (status == Status.ABORTED) {
            throw new TransitionRefusedException(
                    "cannot " + what + ": the canary of " + candidate.version() + " was aborted");
        }
        if (status == Status.NONE) {
            throw new TransitionRefusedException("cannot " + what + ": no canary is in progress");
        }
    }
}
