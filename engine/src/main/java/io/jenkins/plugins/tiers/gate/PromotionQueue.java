package io.jenkins.plugins.tiers.gate;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may deploy into one tier right now. Promotions into a tier never interleave: one claimant
 * deploys, at most one waits behind it, and when runs race the newest one wins, as Jenkins'
 * {@code milestone} step does — an older claimant is refused, and a newer arrival replaces an
 * older one that was waiting. The Jenkins binding keeps one queue per application and tier; the
 * CLI can use it the same way. Thread-safe.
 */
public final class PromotionQueue {

    private Claimant holder;
    private Claimant waiting;

    /**
     * One run asking to deploy: an identifier that is stable across restarts, and what makes it
     * newer than another. Serializable, so a waiting Pipeline step can keep it across a restart.
     *
     * @param id stable identifier of the run (for example {@code shop/main#42})
     * @param startedAt when the run started, in milliseconds since the epoch
     * @param number the run's number, which breaks ties between runs started at the same time
     */
    public record Claimant(String id, long startedAt, int number) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Claimant {
            Objects.requireNonNull(id, "id");
        }

        /** Whether this claimant came after {@code other}. */
        public boolean isNewerThan(Claimant other) {
            return startedAt != other.startedAt ? startedAt > other.startedAt : number > other.number;
        }
    }

    /** What became of a claim. */
    public enum Result {
        /** Deploy now. */
        GRANTED,
        /** Wait until the current deployment finishes. */
        QUEUED,
        /** Give up: a newer run holds or awaits the tier, or this run already deploys to it. */
        REFUSED
    }

    /**
     * The answer to {@link #claim}.
     *
     * @param result granted, queued or refused
     * @param blocker the claimant that holds or awaits the tier, when the claim is queued or refused
     * @param superseded an older claimant that was waiting and is now refused, to be told so
     */
    public record Claim(Result result, Optional<Claimant> blocker, Optional<Claimant> superseded) {
        public Claim {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(blocker, "blocker");
            Objects.requireNonNull(superseded, "superseded");
        }
    }

    /** Asks to deploy. */
    public synchronized Claim claim(Claimant claimant) {
        Objects.requireNonNull(claimant, "claimant");
        if (holder == null) {
            holder = claimant;
            return new Claim(Result.GRANTED, Optional.empty(), Optional.empty());
        }
        if (holder.id().equals(claimant.id())
                || (waiting != null && waiting.id().equals(claimant.id()))) {
            return new Claim(Result.REFUSED, Optional.of(claimant), Optional.empty());
        }
        Claimant newest = waiting != null && waiting.isNewerThan(holder) ? waiting : holder;
        if (!claimant.isNewerThan(newest)) {
            return new Claim(Result.REFUSED, Optional.of(newest), Optional.empty());
        }
        Optional<Claimant> superseded = Optional.ofNullable(waiting);
        waiting = claimant;
        return new Claim(Result.QUEUED, Optional.of(holder), superseded);
    }

    /**
     * Ends the claim of {@code id}, whether it deployed or gave up waiting.
     *
     * @return the claimant that may deploy now, if one was waiting behind the released holder
     */
    public synchronized Optional<Claimant> release(String id) {
        if (waiting != null && waiting.id().equals(id)) {
            waiting = null;
            return Optional.empty();
        }
        if (holder == null || !holder.id().equals(id)) {
            return Optional.empty();
        }
        holder = waiting;
        waiting = null;
        return Optional.ofNullable(holder);
    }

    /**
     * Puts back a holder that was deploying when the process stopped, so a newer run started after
     * a restart still waits for it.
     *
     * @return whether the claimant holds the tier now
     */
    public synchronized boolean restore(Claimant claimant) {
        if (holder == null || holder.id().equals(claimant.id())) {
            holder = claimant;
            return true;
        }
        return false;
    }

    /** The claimant deploying now, if any. */
    public synchronized Optional<Claimant> holder() {
        return Optional.ofNullable(holder);
    }

    /** The claimant waiting to deploy next, if any. */
    public synchronized Optional<Claimant> waiting() {
        return Optional.ofNullable(waiting);
    }

    /** Whether nobody holds or awaits the tier, so the queue can be forgotten. */
    public synchronized boolean isIdle() {
        return holder == null && waiting == null;
    }
}
