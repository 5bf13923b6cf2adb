package io.jenkins.plugins.tiers.report;

import java.io.Writer;
import java.util.Arrays;

/**
 * Keeps the first characters written to it, up to a limit, and only notes that more came: the
 * parser streams a text event of any size through it (a gigabyte CDATA section included) without
 * ever holding more than the limit. Line ends become line feeds: Woodstox's streaming of a CDATA
 * section passes on the carriage return of a CR LF split by its buffer boundary, and in a test's
 * detail a carriage return is never worth keeping. Reused for every failure of one read.
 */
final class TextPrefix extends Writer {
    private char[] chars = new char[0];
    private int length;
    private int limit;
    private boolean truncated;
    private boolean afterCarriageReturn;

    /** Forgets what was kept and keeps at most {@code limit} characters from now on. */
    void reset(int limit) {
        this.limit = limit;
        this.length = 0;
        this.truncated = false;
        this.afterCarriageReturn = false;
    }

    /** Whether more characters were written than kept. */
    boolean truncated() {
        return truncated;
    }

    /** The characters kept, without leading and trailing white space. */
    String strippedText() {
        int start = 0;
        while (start < length && Character.isWhitespace(chars[start])) {
            start++;
        }
        int end = length;
        while (end > start && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        return new String(chars, start, end - start);
    }

    @Override
    public void write(char[] source, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = source[i];
            if (c == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false; // the second half of a CR LF already kept as a line feed
                continue;
            }
            if (length == limit) {
                truncated = true;
                return;
            }
            afterCarriageReturn = c == '\r';
            if (chars.length == length) {
                chars = Arrays.copyOf(chars, Math.min(limit, Math.max(16, chars.length * 2)));
            }
            chars[length++] = afterCarriageReturn ? '\n' : c;
        }
    }

    @Override
    public void write(String source, int off, int len) {
        write(source.substring(off, off + len).toCharArray(), 0, len);
    }

    @Override
    public void write(int c) {
        write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void flush() {
        // nothing is held for anyone else
    }

    @Override
    public void close() {
        // reused; nothing to release
    }
}
