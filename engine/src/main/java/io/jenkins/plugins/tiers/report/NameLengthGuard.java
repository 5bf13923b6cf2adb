package io.jenkins.plugins.tiers.report;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses element and attribute names longer than a limit before the parser buffers them: StAX
 * parsers bound attribute values and nesting, but a name of a gigabyte would otherwise be read
 * whole into memory. It follows just enough of the markup (tags, quotes, {@code <!...>} and {@code
 * <?...?>}) to know when it is inside a name; text and attribute values pass untouched.
 */
final class NameLengthGuard extends FilterInputStream {
    private static final int TEXT = 0;
    private static final int NAME = 1;
    private static final int TAG = 2;
    private static final int DOUBLE_QUOTED = 3;
    private static final int SINGLE_QUOTED = 4;
    private static final int BANG = 5;
    private static final int SKIP = 6;

    private static final byte[] CDATA_START = {'[', 'C', 'D', 'A', 'T', 'A', '['};
    private static final byte[] CDATA_END = {']', ']', '>'};
    private static final byte[] COMMENT_END = {'-', '-', '>'};
    private static final byte[] PI_END = {'?', '>'};
    private static final byte[] DECLARATION_END = {'>'};

    private final int maxNameBytes;
    private int state = TEXT;
    private int run;
    private long offset;
    private byte[] terminator = DECLARATION_END;
    private int matched;
    private boolean maybeCdata;
    private boolean maybeComment;

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

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            scan((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = in.read(buffer, off, len);
        int i = off;
        int end = off + Math.max(n, 0);
        while (i < end) {
            // the common states get tight loops; the rest goes byte by byte through scan()
            if (state == TEXT) {
                while (i < end && buffer[i] != '<') {
                    i++;
                }
                offset += i - off;
                off = i;
                if (i == end) {
                    break;
                }
            } else if (state == SKIP && matched == 0) {
                byte first = terminator[0];
                while (i < end && buffer[i] != first) {
                    i++;
                }
                offset += i - off;
                off = i;
                if (i == end) {
                    break;
                }
            } else if (state == NAME && run > 0) {
                int start = i;
                int limit = (int) Math.min(end, (long) i + maxNameBytes - run + 1);
                while (i < limit && isNameByte(buffer[i])) {
                    i++;
                }
                run += i - start;
                offset += i - off;
                off = i;
                if (run > maxNameBytes) {
                    throw new NameTooLongException(offset, maxNameBytes);
                }
                if (i == end) {
                    break;
                }
            } else if (state == DOUBLE_QUOTED) {
                while (i < end && buffer[i] != '"') {
                    i++;
                }
                offset += i - off;
                off = i;
                if (i == end) {
                    break;
                }
            }
            scan(buffer[i++]);
            off = i;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    private void scan(byte c) throws NameTooLongException {
        offset++;
        switch (state) {
            case TEXT -> {
                if (c == '<') {
                    state = NAME;
                    run = 0;
                }
            }
            case NAME -> name(c);
            case TAG -> {
                if (c == '>') {
                    state = TEXT;
                } else if (c == '"') {
                    state = DOUBLE_QUOTED;
                } else if (c == '\'') {
                    state = SINGLE_QUOTED;
                } else if (!isSpace(c) && c != '/' && c != '=') {
                    state = NAME;
                    run = 1;
                }
            }
            case DOUBLE_QUOTED -> {
                if (c == '"') {
                    state = TAG;
                }
            }
            case SINGLE_QUOTED -> {
                if (c == '\'') {
                    state = TAG;
                }
            }
            case BANG -> bang(c);
            default -> skip(c);
        }
    }

    /** After {@code <!}: a comment, a CDATA section or a declaration, each with its own end. */
    private void bang(byte c) {
        maybeCdata = maybeCdata && matched < CDATA_START.length && c == CDATA_START[matched];
        maybeComment = maybeComment && matched < 2 && c == '-';
        matched++;
        if (maybeComment && matched == 2) {
            skipUntil(COMMENT_END);
        } else if (maybeCdata && matched == CDATA_START.length) {
            skipUntil(CDATA_END);
        } else if (!maybeCdata && !maybeComment) {
            skipUntil(DECLARATION_END);
            skip(c);
        }
    }

    private void skipUntil(byte[] end) {
        state = SKIP;
        terminator = end;
        matched = 0;
    }

    private void skip(byte c) {
        if (c == terminator[matched]) {
            if (++matched == terminator.length) {
                state = TEXT;
            }
        } else if (!(matched > 0 && c == terminator[0] && terminator[matched - 1] == c)) {
            matched = c == terminator[0] ? 1 : 0;
        }
    }

    private void name(byte c) throws NameTooLongException {
        if (run == 0 && c == '!') {
            state = BANG; // comment, CDATA section or declaration: not a name
            matched = 0;
            maybeCdata = true;
            maybeComment = true;
        } else if (run == 0 && c == '?') {
            skipUntil(PI_END);
        } else if (c == '>') {
            state = TEXT;
        } else if (isSpace(c) || c == '=' || c == '/' && run > 0) {
            state = TAG;
        } else if (c == '"') {
            state = DOUBLE_QUOTED;
        } else if (c == '\'') {
            state = SINGLE_QUOTED;
        } else if (c == '<') {
            run = 0;
        } else if (++run > maxNameBytes) {
            throw new NameTooLongException(offset, maxNameBytes);
        }
    }

    /** Bytes that continue a name: anything but the few that end one. */
    private static boolean isNameByte(byte c) {
        return c > ' ' && c != '>' && c != '=' && c != '/' && c != '"' && c != '\'' && c != '<' || c < 0;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
