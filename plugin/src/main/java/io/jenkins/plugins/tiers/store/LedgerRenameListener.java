package io.jenkins.plugins.tiers.store;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.listeners.ItemListener;
import io.jenkins.plugins.tiers.config.LadderResolver;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a job's deployment history when the job is renamed or moved into another folder. A job
 * that names its application keeps it across a rename; one whose application defaults to its full
 * name would otherwise start an empty ledger, so its ledger directory follows it.
 */
@Extension
public final class LedgerRenameListener extends ItemListener {

    private static final Logger LOGGER = Logger.getLogger(LedgerRenameListener.class.getName());

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        if (!(item instanceof Job<?, ?> job)) {
            return;
        }
        // The application is read from the property alone: a job whose ladder is broken (a named
        // ladder removed) still owns its history, and must not lose it because it was renamed.
        Optional<String> application = LadderResolver.applicationOf(job);
        if (application.isEmpty() || !application.get().equals(newFullName)) {
            return; // not a tiers job, or one that names its own application
        }
        try {
            ExtensionList.lookupSingleton(ApplicationLedgers.class).rename(oldFullName, newFullName);
        } catch (IOException | RuntimeException x) {
            LOGGER.log(
                    Level.WARNING,
                    "Could not move the deployment tiers ledger of " + oldFullName + " to " + newFullName,
                    x);
        }
    }
}
