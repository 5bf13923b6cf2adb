package io.jenkins.plugins.tiers.report;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Refuses element and attribute names longer than a limit before the parser buffers them: StAX
 * parsers bound attribute values and nesting, but a name of a gigabyte would otherwise be read
 * whole into memory. Names only occur inside tags and outside quoted values, so it bounds each
 * unquoted stretch of a tag (or of a {@code <!DOCTYPE ...>} declaration): the element name, and
 * the names, white space and {@code =} between two attribute values. It follows just enough of
 * the markup to know where those stretches are (tags, quotes, comments, CDATA sections,
 * processing instructions); text and quoted values pass untouched. Most of a report is text and
 * quoted values, so the delimiters are searched for eight bytes at a time.
 */
final class NameLengthGuard extends FilterInputStream {
    private static final int TEXT = 0;
    private static final int AFTER_LT = 1;
    private static final int TAG = 2;
    private static final int DOUBLE_QUOTED = 3;
    private static final int SINGLE_QUOTED = 4;
    private static final int BANG = 5;
    private static final int SKIP = 6;

    private static final byte[] CDATA_START = {'[', 'C', 'D', 'A', 'T', 'A', '['};
    private static final byte[] CDATA_END = {']', ']', '>'};
    private static final byte[] COMMENT_END = {'-', '-', '>'};
    private static final byte[] PI_END = {'?', '>'};

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long APOSTROPHES = '\'' * ONES;
    private static final long GREATER_THANS = '>' * ONES;

    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxNameBytes;
    private final byte[] single = new byte[1];
    private int state = TEXT;
    /** Bytes so far in the current unquoted stretch of a tag. */
    private int run;
    /** Bytes passed on before the current read. */
    private long offset;

    private boolean endedEmpty;
    private byte[] terminator = PI_END;
    private int matched;
    private boolean maybeCdata;
    private boolean maybeComment;
    /** Before the root element, where lines are counted. */
    private boolean prolog = true;

    private int prologLine = 1;
    private long prologLineStart;

    NameLengthGuard(InputStream in, int maxNameBytes) {
        super(in);
        this.maxNameBytes = maxNameBytes;
    }

    /** Thrown when a name is too long; the reader turns it into a {@link ReportException}. */
    static final class NameTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        final long offset;

        NameTooLongException(long offset, int max) {
            super("an element or attribute name longer than " + max + " bytes at byte offset " + offset);
            this.offset = offset;
        }
    }

    /** Thrown at a {@code <!DOCTYPE} (or any other markup declaration) before the parser reads it. */
    static final class DeclarationException extends IOException {
        private static final long serialVersionUID = 1L;

        final int line;
        final int column;

        DeclarationException(long offset, int line, int column) {
            super("a DOCTYPE at byte offset " + offset);
            this.line = line;
            this.column = column;
        }
    }

    /** Whether the stream ended before it gave a single byte: an empty file, not a malformed one. */
    boolean endedEmpty() {
        return endedEmpty;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        endedEmpty |= b < 0 && offset == 0;
        if (b >= 0) {
            single[0] = (byte) b;
            scan(single, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = in.read(buffer, off, len);
        endedEmpty |= n < 0 && offset == 0;
        if (n > 0) {
            scan(buffer, off, off + n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    /** Follows the markup through {@code buffer[from, end)}, with the state in local variables. */
    private void scan(byte[] buffer, int from, int end) throws IOException {
        long base = offset - from; // the stream offset of buffer[0]
        int s = state;
        int r = run;
        int i = from;
        while (i < end) {
            switch (s) {
                case TEXT -> {
                    i = indexOf(buffer, i, end, (byte) '<');
                    if (i < end) {
                        i++;
                        s = AFTER_LT;
                    }
                }
                case AFTER_LT -> {
                    byte c = buffer[i];
                    if (c == '!') {
                        i++;
                        s = BANG;
                        matched = 0;
                        maybeCdata = true;
                        maybeComment = true;
                    } else if (c == '?') {
                        i++;
                        s = SKIP;
                        terminator = PI_END;
                        matched = 0;
                    } else {
                        if (prolog) {
                            countPrologLines(buffer, from, i, base);
                            prolog = false; // the root element: no declaration may follow
                        }
                        s = TAG;
                        r = 0;
                    }
                }
                case TAG -> {
                    int stop = indexOfTagDelimiter(buffer, i, end);
                    int before = r;
                    r += stop - i;
                    if (r > maxNameBytes) { // the byte that went over the limit, counted from 1
                        throw new NameTooLongException(base + i + (maxNameBytes - before) + 1, maxNameBytes);
                    }
                    i = stop;
                    if (i < end) {
                        byte c = buffer[i++];
                        s = c == '>' ? TEXT : c == '"' ? DOUBLE_QUOTED : SINGLE_QUOTED;
                        r = 0;
                    }
                }
                case DOUBLE_QUOTED, SINGLE_QUOTED -> {
                    i = indexOf(buffer, i, end, s == DOUBLE_QUOTED ? (byte) '"' : (byte) '\'');
                    if (i < end) {
                        i++;
                        s = TAG;
                    }
                }
                case BANG -> {
                    byte c = buffer[i];
                    maybeCdata = maybeCdata && matched < CDATA_START.length && c == CDATA_START[matched];
                    maybeComment = maybeComment && matched < 2 && c == '-';
                    if (!maybeCdata && !maybeComment) {
                        // <!DOCTYPE ...>: refused by the reader anyway, and its quoted system id can be
                        // of any size, which the parser would read whole before saying no
                        countPrologLines(buffer, from, i, base);
                        long at = base + i - matched - 2;
                        throw new DeclarationException(at, prologLine, (int) (at - prologLineStart) + 1);
                    } else {
                        i++;
                        matched++;
                        if (maybeComment && matched == 2) {
                            s = SKIP;
                            terminator = COMMENT_END;
                            matched = 0;
                        } else if (maybeCdata && matched == CDATA_START.length) {
                            s = SKIP;
                            terminator = CDATA_END;
                            matched = 0;
                        }
                    }
                }
                default -> { // SKIP: inside a comment, CDATA section or processing instruction
                    if (matched == 0) {
                        i = indexOf(buffer, i, end, terminator[0]);
                        if (i == end) {
                            break;
                        }
                    }
                    if (skip(buffer[i++])) {
                        s = TEXT;
                    }
                }
            }
        }
        if (prolog) {
            countPrologLines(buffer, from, end, base);
        }
        state = s;
        run = r;
        offset = base + end;
    }

    /** Lines are counted only before the root element, for where a declaration stands: text after it costs nothing. */
    private void countPrologLines(byte[] buffer, int from, int to, long base) {
        for (int k = from; k < to; k++) {
            if (buffer[k] == '\n') {
                prologLine++;
                prologLineStart = base + k + 1;
            }
        }
    }

    /** Follows the terminator of a comment, CDATA section or processing instruction; true at its end. */
    private boolean skip(byte c) {
        if (c == terminator[matched]) {
            return ++matched == terminator.length;
        }
        if (!(matched > 0 && c == terminator[0] && terminator[matched - 1] == c)) {
            matched = c == terminator[0] ? 1 : 0;
        }
        return false;
    }

    /** The index of the first {@code target} in {@code buffer[from, end)}, or {@code end}. */
    static int indexOf(byte[] buffer, int from, int end, byte target) {
        long pattern = (target & 0xFFL) * ONES;
        int i = from;
        while (i + Long.BYTES <= end) {
            long found = zeroBytes((long) LITTLE_ENDIAN_LONGS.get(buffer, i) ^ pattern);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < end && buffer[i] != target) {
            i++;
        }
        return i;
    }

    /** The index of the first {@code "}, {@code '} or {@code >} in {@code buffer[from, end)}, or {@code end}. */
    static int indexOfTagDelimiter(byte[] buffer, int from, int end) {
        int i = from;
        while (i + Long.BYTES <= end) {
            long word = (long) LITTLE_ENDIAN_LONGS.get(buffer, i);
            long found = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ APOSTROPHES) | zeroBytes(word ^ GREATER_THANS);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < end && buffer[i] != '"' && buffer[i] != '\'' && buffer[i] != '>') {
            i++;
        }
        return i;
    }

    /**
     * A flag in the high bit of each zero byte of {@code word}, read little-endian. Bytes above a
     * zero byte may be flagged too (a borrow), but the lowest flag is always exact, and that is the
     * only one the searches use.
     */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGH_BITS;
    }
}
