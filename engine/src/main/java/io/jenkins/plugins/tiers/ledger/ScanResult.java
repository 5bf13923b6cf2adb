package io.jenkins.plugins.tiers.ledger;

import java.util.List;

/**
 * What a full read of the log found besides its events: how many were read and which lines were
 * skipped and why, so that no corrupt line is ever dropped silently.
 *
 * @param events the events read
 * @param skipped one message per unreadable line, naming the file and line number
 * @param tornTail true when the log ends with an incomplete line (a crash mid-append), ignored
 */
public record ScanResult(long events, List<String> skipped, boolean tornTail) {
    public ScanResult {
        skipped = List.copyOf(skipped);
    }
}
