package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * One pass over the whole log, trusting no snapshot: every line judged in order by a {@link
 * SequenceCheck}, for {@link Ledger#scan} and for {@link FileLedger#check()}.
 */
final class LogScan {

    private LogScan() {}

    /**
     * Hands every event of {@code owner} (any, when null) to {@code consumer}, in order.
     *
     * @param log the log file
     * @param codec reads its lines
     */
    static ScanResult scan(Path log, LedgerCodec codec, String owner, Consumer<LedgerEvent> consumer) {
        List<String> skipped = new ArrayList<>();
        long[] handed = {0};
        try {
            Pass pass = pass(log, codec, new SequenceCheck.Sink() {
                @Override
                public void accept(LedgerEvent event, long offset, long line) {
                    if (owner == null || owner.equals(event.application())) {
                        consumer.accept(event);
                        handed[0]++;
                    }
                }

                @Override
                public void setAside(long line, long offset, long seq, String reason) {
                    skipped.add(new UnaccountedLine(line, offset, seq, reason).describe(log));
                }
            });
            return new ScanResult(handed[0], skipped, pass.torn());
        } catch (NoSuchFileException e) {
            return new ScanResult(0, List.of(), false);
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
    }

    /** Every line of {@code log} the ledger cannot account for, and whether it ends in a torn line. */
    static LedgerCheck check(Path log, LedgerCodec codec) {
        List<UnaccountedLine> unaccounted = new ArrayList<>();
        long[] events = {0};
        try {
            Pass pass = pass(log, codec, new SequenceCheck.Sink() {
                @Override
                public void accept(LedgerEvent event, long offset, long line) {
                    events[0]++;
                }

                @Override
                public void setAside(long line, long offset, long seq, String reason) {
                    unaccounted.add(new UnaccountedLine(line, offset, seq, reason));
                }
            });
            unaccounted.sort(Comparator.comparingLong(UnaccountedLine::line));
            return new LedgerCheck(log, pass.lines(), events[0], unaccounted, pass.torn());
        } catch (NoSuchFileException e) {
            return new LedgerCheck(log, 0, 0, List.of(), false);
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
    }

    /** How many complete lines a pass read, and whether bytes of a torn line follow them. */
    private record Pass(long lines, boolean torn) {}

    private static Pass pass(Path log, LedgerCodec codec, SequenceCheck.Sink sink) throws IOException {
        SequenceCheck check = new SequenceCheck(0, sink);
        long[] lines = {0};
        long end = LogLines.read(log, 0, Long.MAX_VALUE, (offset, buf, start, length) -> {
            lines[0]++;
            judge(codec, check, buf, start, length, offset, lines[0]);
        });
        check.finish();
        return new Pass(lines[0], Files.size(log) > end);
    }

    /** Reads one line and hands it to the check, readable or not. */
    static void judge(
            LedgerCodec codec, SequenceCheck check, byte[] buf, int start, int length, long offset, long lineNumber) {
        try {
            check.readable(codec.fromLine(buf, start, length), offset, lineNumber);
        } catch (IOException e) {
            // a line this code cannot read (a newer type, a bad field) may still hold its seq: never reuse it
            check.unreadable(
                    lineNumber, offset, codec.seqOf(buf, start, length), "not a ledger event: " + e.getMessage());
        }
    }

    /** One line as an event, or null when it is not one (counted and reported when the projection read it). */
    static LedgerEvent quietParse(LedgerCodec codec, byte[] buf, int start, int length) {
        try {
            return codec.fromLine(buf, start, length);
        } catch (IOException e) {
            return null;
        }
    }
}
