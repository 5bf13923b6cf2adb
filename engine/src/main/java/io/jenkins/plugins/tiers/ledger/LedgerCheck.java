package io.jenkins.plugins.tiers.ledger;

import java.nio.file.Path;
import java.util.List;

/**
 * What a full read of a ledger's log found: how many lines and events, every line it cannot
 * account for, and whether it ends in a torn line (a crash mid-append, cut off by the next one).
 *
 * @param log the log file
 * @param lines the complete lines read
 * @param events the events accounted for
 * @param unaccounted the lines set aside, in line order
 * @param tornTail true when the log ends with an incomplete line
 */
public record LedgerCheck(Path log, long lines, long events, List<UnaccountedLine> unaccounted, boolean tornTail) {
    public LedgerCheck {
        unaccounted = List.copyOf(unaccounted);
    }

    /** True when every line is an event in order. */
    public boolean clean() {
        return unaccounted.isEmpty();
    }

    /** One message per line set aside, naming the file and line. */
    public List<String> messages() {
        return unaccounted.stream().map(u -> u.describe(log)).toList();
    }
}
