package io.jenkins.plugins.tiers.store;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import io.jenkins.plugins.tiers.ledger.Ledger;
import java.io.IOException;

/**
 * Where the controller keeps every application's ledger: on its own disk, or in a database shared
 * with other controllers and {@code tiers} processes. An administrator picks one in Manage Jenkins →
 * System (or in Configuration as Code by its symbol); steps, buttons and pages never know which.
 */
public abstract class LedgerStore extends AbstractDescribableImpl<LedgerStore> implements ExtensionPoint {

    /**
     * Opens the ledger of {@code application}, creating it when it has none yet.
     *
     * @throws io.jenkins.plugins.tiers.ledger.LedgerException naming the store when it cannot be
     *     reached; nothing is opened then, and the next call tries again
     */
    public abstract Ledger open(String application);

    /** Where this store keeps ledgers, for messages and logs: never a password. */
    public abstract String where();

    /**
     * Gives the history of {@code from} to {@code to}, when a job that uses its own name as its
     * application is renamed or moved; {@code from}'s ledger, if open, has been closed.
     *
     * @return whether the history moved; never when {@code to} already has a ledger
     */
    public abstract boolean rename(String from, String to) throws IOException;
}
