package io.jenkins.plugins.tiers.store;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import io.jenkins.plugins.tiers.ledger.Ledger;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One engine ledger per application, opened in the configured {@link LedgerStore} on first use and
 * kept open. The ledger is keyed by application, not by job, so several jobs naming the same
 * application share it, and it is never stored in build records: the job page and the promotion
 * view read live state and history from here without loading builds.
 */
@Extension
public final class ApplicationLedgers {

    private static final Logger LOGGER = Logger.getLogger(ApplicationLedgers.class.getName());

    private final Map<String, Ledger> open = new HashMap<>();

    /**
     * The ledger of {@code application}, created on demand.
     *
     * @throws io.jenkins.plugins.tiers.ledger.LedgerException when the store cannot be reached
     */
    public static Ledger forApplication(String application) {
        return ExtensionList.lookupSingleton(ApplicationLedgers.class).get(application);
    }

    synchronized Ledger get(String application) {
        Ledger ledger = open.get(application);
        if (ledger == null) {
            ledger = LedgerStoreConfiguration.get().getStore().open(application);
            open.put(application, ledger);
        }
        return ledger;
    }

    /** Whether {@code application} has a ledger on the controller's disk. */
    static boolean exists(String application) {
        return DiskLedgerStore.exists(application);
    }

    /**
     * Moves the history of {@code from} to {@code to}, when a job that uses its own name as its
     * application is renamed or moved, if the store can (see {@link LedgerStore#rename}).
     *
     * @return whether the history moved
     */
    synchronized boolean rename(String from, String to) throws IOException {
        LedgerStore store = LedgerStoreConfiguration.get().getStore();
        Ledger ledger = open.remove(from);
        if (ledger != null) {
            ledger.close();
        }
        boolean moved = store.rename(from, to);
        LOGGER.log(
                Level.INFO,
                moved
                        ? "Moved the deployment tiers ledger of {0} to {1} in {2}"
                        : "The deployment tiers ledger of {0} stays under its name in {2}; {1} starts its own",
                new Object[] {from, to, store.where()});
        return moved;
    }

    /** Closes every open ledger: the store changed, or Jenkins stops. */
    synchronized void closeAll() {
        for (Ledger ledger : open.values()) {
            try {
                ledger.close();
            } catch (RuntimeException x) {
                LOGGER.log(Level.WARNING, "Could not close a deployment tiers ledger", x);
            }
        }
        open.clear();
    }

    /** Closes every open ledger when Jenkins stops. */
    @Terminator
    public static void closeWhenJenkinsStops() {
        ExtensionList.lookupSingleton(ApplicationLedgers.class).closeAll();
    }
}
