package io.jenkins.plugins.tiers.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Things a {@link FileLedger} noticed while reading that a user should see (repaired, set-aside or
 * ignored lines, a snapshot rebuilt): logged, and the newest kept for {@link Ledger#warnings()}.
 * Guarded by the ledger's lock.
 */
final class LedgerWarnings {

    private static final Logger LOGGER = Logger.getLogger(FileLedger.class.getName());

    private static final int MAX_WARNINGS = 100;

    private final List<String> newest = new ArrayList<>();

    void warn(String message) {
        LOGGER.warning(message);
        newest.add(message);
        if (newest.size() > MAX_WARNINGS) {
            newest.remove(0);
        }
    }

    /** The warnings kept, newest last. */
    List<String> list() {
        return List.copyOf(newest);
    }
}
