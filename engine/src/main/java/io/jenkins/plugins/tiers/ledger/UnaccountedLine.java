package io.jenkins.plugins.tiers.ledger;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * A line of the log the ledger cannot account for: unreadable, or a readable event whose sequence
 * number is impossible or out of order. Such a line is set aside (it hides nothing after it) and
 * blocks every gate until {@code tiers ledger repair} quarantines it.
 *
 * @param line the 1-based line number in the log
 * @param offset the byte offset where the line starts
 * @param seq the sequence number it holds or seems to hold, 0 if none
 * @param reason why it is set aside, in words
 */
public record UnaccountedLine(long line, long offset, long seq, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@code /path/events.jsonl line 5: sequence number 9234 is ahead of …}. */
    public String describe(Path log) {
        return log + " line " + line + ": " + reason;
    }
}
