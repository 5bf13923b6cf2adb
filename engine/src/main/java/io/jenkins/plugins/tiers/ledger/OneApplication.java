package io.jenkins.plugins.tiers.ledger;

/**
 * A ledger holds the events of one application only, whichever store keeps it: what an append or a
 * copy of another application's event is told, worded once so every store refuses alike.
 */
final class OneApplication {

    private OneApplication() {}

    /**
     * The refusal of an append of {@code event} by the ledger in {@code where}, which holds {@code
     * holder}'s events.
     */
    static LedgerException refusedAppend(String where, LedgerEvent event, String holder) {
        return new LedgerException(
                where,
                "refused an event of application \"" + event.application() + "\": this ledger holds \"" + holder
                        + "\" only (one ledger per application); it is unchanged");
    }

    /** The refusal of a copied {@code event} by the ledger in {@code where}, which holds {@code holder}'s. */
    static LedgerException refusedCopy(String where, LedgerEvent event, String holder) {
        return new LedgerException(
                where,
                "refused an event of application \"" + event.application() + "\" (seq " + event.seq()
                        + "): this ledger holds \"" + holder + "\" only");
    }
}
