package io.jenkins.plugins.tiers.ledger;

/**
 * What a ledger accepts when it is filled from another ({@link Ledger#copyFrom}), the same in every
 * store: only events of its application, in strictly increasing sequence order, none beyond what a
 * ledger can hold. A copy that breaks the rule is refused whole, so the ledger stays as it was.
 */
final class CopyCheck {

    private final String where;
    private final String holder;
    private long copied;
    private long last;

    /**
     * Checks a copy into the ledger {@code where} of {@code holder}'s events; a null {@code holder}
     * (an unbound, empty file ledger given a source that has no application yet) takes any.
     */
    CopyCheck(String where, String holder) {
        this.where = where;
        this.holder = holder;
    }

    /**
     * Accepts the next event of the source.
     *
     * @throws LedgerException when it is of another application or out of order
     */
    void accept(LedgerEvent event) {
        if (holder != null && !holder.equals(event.application())) {
            throw OneApplication.refusedCopy(where, event, holder);
        }
        if (event.seq() <= last || event.seq() > SequenceCheck.MAX_SEQ) {
            throw new LedgerException(where, "refused event " + event.seq() + ": out of order after " + last);
        }
        copied++;
        last = event.seq();
    }

    /** How many events were accepted. */
    long copied() {
        return copied;
    }

    /** The sequence number of the last event accepted; 0 before the first. */
    long last() {
        return last;
    }
}
