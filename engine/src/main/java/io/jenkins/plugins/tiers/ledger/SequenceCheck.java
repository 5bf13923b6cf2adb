package io.jenkins.plugins.tiers.ledger;

/**
 * Decides, line by line in log order, which events the ledger accounts for. Appends give each line
 * the next sequence number, so readable lines must carry strictly increasing numbers (compaction
 * leaves gaps, never a step back). A line that breaks the order is set aside, never allowed to hide
 * the lines after it: one whose number does not follow the last accepted one, one whose number is
 * beyond any ledger ({@link #MAX_SEQ}), and one whose number is ahead of the readable line after it
 * while that one does follow the last accepted (a flipped digit: {@code 1233, 9234, 1235}). The
 * last rule needs one line of look-ahead, so an accepted event is released when the next readable
 * line arrives, or at {@link #finish()}.
 */
final class SequenceCheck {

    /**
     * The largest sequence number a ledger can hold: 2^53 - 1, far beyond any number of events,
     * and the largest integer {@code jq} and JavaScript read exactly.
     */
    static final long MAX_SEQ = (1L << 53) - 1;

    /** Where the decisions go. */
    interface Sink {
        void accept(LedgerEvent event, long offset, long line);

        void setAside(long line, long offset, long seq, String reason);
    }

    private final Sink sink;
    private long last;
    private LedgerEvent held;
    private long heldOffset;
    private long heldLine;

    /** Starts after the event with sequence number {@code lastAccepted} (0 at the start of the log). */
    SequenceCheck(long lastAccepted, Sink sink) {
        this.last = lastAccepted;
        this.sink = sink;
    }

    /** A line that is a readable event. */
    void readable(LedgerEvent event, long offset, long line) {
        long seq = event.seq();
        if (held != null) {
            if (seq > last && seq <= held.seq()) {
                sink.setAside(
                        heldLine,
                        heldOffset,
                        held.seq(),
                        "sequence number " + held.seq() + " is ahead of line " + line + "'s " + seq + ", which follows "
                                + last);
            } else {
                release();
            }
            held = null;
        }
        if (seq > MAX_SEQ) {
            sink.setAside(line, offset, seq, "sequence number " + seq + " is impossible (above " + MAX_SEQ + ")");
        } else if (seq <= last) {
            sink.setAside(line, offset, seq, "sequence number " + seq + " is not after " + last);
        } else {
            held = event;
            heldOffset = offset;
            heldLine = line;
        }
    }

    /** A line that is not a readable event, with the sequence number it seems to hold (0 if none). */
    void unreadable(long line, long offset, long seq, String reason) {
        sink.setAside(line, offset, seq, reason);
    }

    /** Releases the event held for look-ahead; call at the end of each pass. */
    void finish() {
        if (held != null) {
            release();
            held = null;
        }
    }

    /** The last accepted sequence number so far (the held event counts once released). */
    long last() {
        return held != null ? held.seq() : last;
    }

    private void release() {
        last = held.seq();
        sink.accept(held, heldOffset, heldLine);
    }
}
