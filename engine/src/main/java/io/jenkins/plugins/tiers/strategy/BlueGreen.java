package io.jenkins.plugins.tiers.strategy;

import io.jenkins.plugins.tiers.model.Candidate;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * The two slots of a blue-green tier and what they hold: the state machine of the strategy. The
 * active slot serves traffic and its candidate is the tier's live candidate; the idle slot holds
 * the previous candidate (ready for a switch back), a new one awaiting the switch, or something
 * unusable. Each transition returns the next state or throws {@link TransitionRefusedException}.
 *
 * <p>Crash points: a deployment into the idle slot that was started but never finished leaves the
 * idle slot {@link Idle#DEPLOYING}; nothing can be switched to it, and the previous candidate is
 * no longer there to switch back to. The next run deploys into the idle slot again.
 *
 * @param activeSlot the colour serving traffic
 * @param active its candidate, or null before the first switch
 * @param idle the idle slot's candidate, or null when it holds none
 * @param idleRole what the idle slot's candidate is
 */
public record BlueGreen(Slot activeSlot, Candidate active, Candidate idle, Idle idleRole) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What the idle slot holds. */
    public enum Idle {
        /** Nothing was ever deployed there. */
        EMPTY,
        /** The candidate that was active before the last switch: a switch back goes to it. */
        PREVIOUS,
        /** A new candidate, deployed and waiting for the switch. */
        AWAITING_SWITCH,
        /** A deployment into the slot started and has not finished (or its process died). */
        DEPLOYING,
        /** A deployment into the slot failed: what it holds is unknown. */
        FAILED,
        /** The candidate a switch back took traffic away from. */
        WITHDRAWN;

        /** The words status and views use ({@code awaiting switch}). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public BlueGreen {
        Objects.requireNonNull(activeSlot, "activeSlot");
        Objects.requireNonNull(idleRole, "idleRole");
        if ((idle == null) != (idleRole == Idle.EMPTY)) {
            throw new IllegalArgumentException("the idle slot holds a candidate exactly when it is not empty");
        }
    }

    /** A tier nothing was deployed to: blue is active (and empty), green idle. */
    public static BlueGreen empty() {
        return new BlueGreen(Slot.BLUE, null, null, Idle.EMPTY);
    }

    public Slot idleSlot() {
        return activeSlot.other();
    }

    public Optional<Candidate> activeCandidate() {
        return Optional.ofNullable(active);
    }

    public Optional<Candidate> idleCandidate() {
        return Optional.ofNullable(idle);
    }

    /**
     * A deployment of {@code candidate} into the idle slot begins. Whatever the idle slot held is
     * replaced, so a switch back is no longer possible afterwards.
     *
     * @throws TransitionRefusedException when the candidate is the one already active
     */
    public BlueGreen deploying(Candidate candidate) {
        Objects.requireNonNull(candidate, "candidate");
        if (active != null && active.version().equals(candidate.version())) {
            throw new TransitionRefusedException(candidate.version() + " is already active in the " + activeSlot.label()
                    + " slot; deploy another candidate into the idle slot");
        }
        return new BlueGreen(activeSlot, active, candidate, Idle.DEPLOYING);
    }

    /**
     * The deployment into the idle slot finished: the candidate awaits the switch.
     *
     * @throws TransitionRefusedException when no deployment of that candidate into the idle slot
     *     was started
     */
    public BlueGreen deployed(Candidate candidate) {
        if (idleRole != Idle.DEPLOYING || !idle.version().equals(candidate.version())) {
            throw new TransitionRefusedException("no deployment of " + candidate.version() + " into the "
                    + idleSlot().label() + " slot was started");
        }
        return new BlueGreen(activeSlot, active, idle, Idle.AWAITING_SWITCH);
    }

    /** The deployment into the idle slot failed: the slot is unusable until the next deployment. */
    public BlueGreen deployFailed(Candidate candidate) {
        if (idleRole != Idle.DEPLOYING || !idle.version().equals(candidate.version())) {
            throw new TransitionRefusedException("no deployment of " + candidate.version() + " into the "
                    + idleSlot().label() + " slot was started");
        }
        return new BlueGreen(activeSlot, active, idle, Idle.FAILED);
    }

    /**
     * Makes the idle slot active: its new candidate becomes live, the one active before becomes
     * the previous one, ready for a switch back.
     *
     * @throws TransitionRefusedException unless a new candidate awaits the switch in the idle slot
     */
    public BlueGreen switchOver() {
        if (idleRole != Idle.AWAITING_SWITCH) {
            throw new TransitionRefusedException("nothing to switch to: the idle "
                    + idleSlot().label() + " slot " + idleDescription() + "; deploy a candidate into it first");
        }
        return new BlueGreen(idleSlot(), idle, active, active == null ? Idle.EMPTY : Idle.PREVIOUS);
    }

    /**
     * Makes the previous slot active again, without redeploying: a rollback.
     *
     * @throws TransitionRefusedException unless the idle slot still holds the previous candidate
     */
    public BlueGreen switchBack() {
        if (idleRole != Idle.PREVIOUS) {
            throw new TransitionRefusedException("cannot switch back: the idle "
                    + idleSlot().label() + " slot " + idleDescription() + ", not the previous candidate");
        }
        return new BlueGreen(idleSlot(), idle, active, Idle.WITHDRAWN);
    }

    /** The idle slot in words ({@code holds 2.3, awaiting switch}). */
    public String idleDescription() {
        return idle == null ? "is empty" : "holds " + idle.version() + ", " + idleRole.label();
    }

    /** One line for status ({@code blue live 2.3; green idle: 2.4 awaiting switch}). */
    public String describe() {
        String a = activeSlot.label() + " active" + (active == null ? " (empty)" : ": " + active.version());
        String i = idleSlot().label() + " idle"
                + (idle == null ? " (empty)" : ": " + idle.version() + " " + idleRole.label());
        return a + "; " + i;
    }
}
