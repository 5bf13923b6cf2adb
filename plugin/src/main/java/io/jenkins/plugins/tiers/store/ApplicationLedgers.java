package io.jenkins.plugins.tiers.store;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * One engine ledger per application, in its own directory under {@code
 * $JENKINS_HOME/deployment-tiers/}, opened on first use and kept open. The ledger is keyed by
 * application, not by job, so several jobs naming the same application share it, and it is never
 * stored in build records: the job page and the promotion view read live state and history from
 * here without loading builds.
 */
@Extension
public final class ApplicationLedgers {

    private static final Logger LOGGER = Logger.getLogger(ApplicationLedgers.class.getName());

    /** Beside the ledger files, the exact application name, for people browsing JENKINS_HOME. */
    static final String NAME_FILE = "application.txt";

    private final Map<String, Ledger> open = new HashMap<>();

    /** The ledger of {@code application}, created on demand. */
    public static Ledger forApplication(String application) {
        return ExtensionList.lookupSingleton(ApplicationLedgers.class).get(application);
    }

    /** The directory holding every application's ledger. */
    static Path root() {
        return Jenkins.get().getRootDir().toPath().resolve("deployment-tiers");
    }

    static Path directoryOf(String application) {
        return root().resolve(LedgerDirectoryName.of(application));
    }

    synchronized Ledger get(String application) {
        Ledger ledger = open.get(application);
        if (ledger == null) {
            Path dir = directoryOf(application);
            try {
                Files.createDirectories(dir);
                Path name = dir.resolve(NAME_FILE);
                if (!Files.exists(name)) {
                    Files.writeString(name, application + System.lineSeparator(), StandardCharsets.UTF_8);
                }
            } catch (IOException x) {
                throw new IllegalStateException(Messages.ApplicationLedgers_CannotCreate(application, dir), x);
            }
            // opened for its application: another application's events are refused, never mixed in
            ledger = FileLedger.open(dir, application);
            open.put(application, ledger);
        }
        return ledger;
    }

    /** Whether {@code application} has a ledger on disk. */
    static boolean exists(String application) {
        return Files.isDirectory(directoryOf(application));
    }

    /**
     * Moves the history of {@code from} to {@code to}, when a job that uses its own name as its
     * application is renamed or moved: the directory moves, and its events are given to {@code to}
     * (a ledger holds one application, so they could not otherwise be appended to). Does nothing
     * when {@code to} already has a ledger: two histories are never merged silently.
     *
     * @return whether the history moved
     */
    synchronized boolean rename(String from, String to) throws IOException {
        if (from.equals(to) || !exists(from) || exists(to)) {
            return false;
        }
        Ledger ledger = open.remove(from);
        if (ledger != null) {
            ledger.close();
        }
        Path target = directoryOf(to);
        Files.createDirectories(target.getParent());
        Files.move(directoryOf(from), target, StandardCopyOption.ATOMIC_MOVE);
        FileLedger.renameApplication(target, from, to);
        Files.writeString(target.resolve(NAME_FILE), to + System.lineSeparator(), StandardCharsets.UTF_8);
        LOGGER.log(Level.INFO, "Moved the deployment tiers ledger of {0} to {1}", new Object[] {from, to});
        return true;
    }

    /** Closes every open ledger when Jenkins stops. */
    @Terminator
    public static void closeAll() {
        ApplicationLedgers ledgers = ExtensionList.lookupSingleton(ApplicationLedgers.class);
        synchronized (ledgers) {
            for (Ledger ledger : ledgers.open.values()) {
                try {
                    ledger.close();
                } catch (RuntimeException x) {
                    LOGGER.log(Level.WARNING, "Could not close a deployment tiers ledger", x);
                }
            }
            ledgers.open.clear();
        }
    }
}
