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
        int i = off;
        int end = off + len;
        if (i < end && afterCarriageReturn) {
            afterCarriageReturn = false;
            if (source[i] == '\n') {
                i++; // the second half of a CR LF already kept as a line feed
            }
        }
        while (i < end) {
            if (length == limit) {
                truncated = true;
                return;
            }
            int stop = Math.min(end, i + (limit - length));
            int run = i;
            while (run < stop && source[run] != '\r') {
                run++;
            }
            append(source, i, run - i);
            i = run;
            if (i < stop) { // a carriage return, alone or before a line feed: one line feed
                chars[length++] = '\n';
                i++;
                if (i == end) {
                    afterCarriageReturn = true;
                } else if (source[i] == '\n') {
                    i++;
                }
            }
        }
    }

    private void append(char[] source, int from, int count) {
        if (chars.length < length + count + 1) {
            chars = Arrays.copyOf(chars, Math.min(limit, Math.max(length + count + 1, chars.length * 2)));
        }
        System.arraycopy(source, from, chars, length, count);
        length += count;
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
