package io.jenkins.plugins.tiers.ledger;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The append-only event history of one application, and its projections: the live state and the
 * candidate-centric history. Every method is safe to call from many threads; implementations
 * also guard against other processes writing the same ledger.
 */
public interface Ledger extends Closeable {

    /**
     * Appends an event, assigning it the next sequence number; when this returns, the event is on
     * disk.
     *
     * @return the event as stored, with its sequence number
     * @throws LedgerException when it cannot be written; the ledger is then unchanged
     */
    LedgerEvent append(LedgerEvent event);

    /** Which candidate is live in each tier and which wait at each gate; cheap at any size. */
    LiveState liveState();

    /**
     * The {@code count} most recently active candidates, ordered by their latest event (most recent
     * first), each with its path through the tiers: a candidate that reaches another tier comes first
     * again, however long ago it first appeared.
     */
    List<CandidatePath> lastCandidates(int count);

    /** Everything about one candidate, if the ledger has it. */
    Optional<CandidatePath> candidate(String version);

    /**
     * Candidates whose version contains {@code text} or whose revision starts with it (ignoring
     * case), newest first: "has commit abc123 reached production, and when?".
     */
    List<CandidatePath> search(String text);

    /** Reads every event in order, skipping (and counting) lines that cannot be read. */
    ScanResult scan(Consumer<LedgerEvent> consumer);

    /**
     * The lines of the log this ledger cannot account for (unreadable, or with an impossible or
     * out-of-order sequence number), one message each naming the file and line; empty when every
     * line is an event in order. Gates block while there is any, since such a line may be a
     * refusal.
     */
    default List<String> unaccounted() {
        return List.of();
    }

    /** The tier ids in order of first appearance in the ledger (the order without a ladder). */
    default List<String> tierOrder() {
        return liveState().tierIds();
    }

    /**
     * The application this ledger holds; empty for a file ledger opened without one that has no
     * event yet.
     */
    Optional<String> application();

    /** Things noticed while reading that a user should see (repaired or ignored lines), newest last. */
    default List<String> warnings() {
        return List.of();
    }

    /** Every readable event in order; for small ledgers and tests, prefer {@link #scan}. */
    default List<LedgerEvent> events() {
        List<LedgerEvent> events = new ArrayList<>();
        scan(events::add);
        return events;
    }

    /**
     * Rewrites the ledger keeping the events of candidates live or waiting anywhere, of the newest
     * {@code keepCandidates} candidates, and the last event; sequence numbers are preserved.
     */
    CompactionResult compact(int keepCandidates);

    /**
     * Fills this ledger with {@code source}'s events, in order, keeping their sequence numbers and
     * ids (to move a ledger from one store to another), then derives its live state from them.
     *
     * @param replace whether to replace events already here (else such a ledger is refused)
     * @return how many events were copied
     * @throws LedgerException when this ledger already holds events and {@code replace} is false,
     *     when an event is of another application or out of order, or when it cannot be written; the
     *     ledger is then unchanged
     */
    long copyFrom(Ledger source, boolean replace);

    /** Saves the live-state snapshot; the ledger stays usable without it. */
    @Override
    void close();
}
