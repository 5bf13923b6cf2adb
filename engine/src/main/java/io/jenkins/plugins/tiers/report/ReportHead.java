package io.jenkins.plugins.tiers.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The first bytes of a report, read far enough to know whether it is UTF-8: what it declares in
 * {@code <?xml ... encoding="..."?>}, or UTF-8 by default when it declares nothing. Only a report
 * that is plainly UTF-8 is decoded by {@link Utf8Input}; anything else (a byte order mark, UTF-16,
 * another declared encoding, a declaration it cannot follow) is left to the parser's own encoding
 * detection, byte for byte as read.
 */
final class ReportHead {
    /**
     * Bytes read first: most reports are this small, and a bigger buffer would cost more to make
     * than to fill. {@link Utf8Input} moves to {@link Utf8Input#BUFFER_BYTES} once it is full.
     */
    static final int FIRST_READ_BYTES = 1 << 13;

    /** How far to read, at most, for a declaration whose end has not come yet. */
    private static final int MAX_DECLARATION_BYTES = 1024;

    /** How far to read a report that is not ASCII-compatible: a UTF-32 declaration takes four bytes a character. */
    private static final int MAX_FOREIGN_DECLARATION_BYTES = 4 * MAX_DECLARATION_BYTES;

    private static final byte[] DECLARATION_START = "<?xml".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DECLARATION_END = "?>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCODING = "encoding".getBytes(StandardCharsets.US_ASCII);

    private final byte[] buffer;
    private final int length;
    private final boolean utf8;

    private ReportHead(byte[] buffer, int length, boolean utf8) {
        this.buffer = buffer;
        this.length = length;
        this.utf8 = utf8;
    }

    /** Reads the start of {@code in}: at least its XML declaration, when it has one. */
    static ReportHead read(InputStream in) throws IOException {
        byte[] buffer = new byte[FIRST_READ_BYTES];
        int length = readStart(in, buffer);
        return new ReportHead(buffer, length, isPlainlyUtf8(buffer, length));
    }

    /** Reads the start of a stream that is UTF-8 whatever it declares: a report {@link TranscodedInput} made. */
    static ReportHead readTranscoded(InputStream in) throws IOException {
        byte[] buffer = new byte[FIRST_READ_BYTES];
        return new ReportHead(buffer, readStart(in, buffer), true);
    }

    private static int readStart(InputStream in, byte[] buffer) throws IOException {
        int length = 0;
        while (length < buffer.length) {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
            if (decided(buffer, length)) {
                break;
            }
        }
        return length;
    }

    /** Whether the report is UTF-8, declared so or by default. */
    boolean isUtf8() {
        return utf8;
    }

    /** The buffer holding the bytes read, from index 0 (handed on, not copied). */
    byte[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    /** The whole report as bytes again: the head, then the rest of {@code in}. */
    InputStream replayedBefore(InputStream in) {
        return new SequenceInputStream(new ByteArrayInputStream(buffer, 0, length), in);
    }

    private static boolean decided(byte[] b, int n) {
        if (!looksAscii(b, n)) {
            return n >= MAX_FOREIGN_DECLARATION_BYTES; // a BOM, UTF-16, UTF-32, EBCDIC: enough for its declaration
        }
        int prefix = Math.min(n, DECLARATION_START.length);
        boolean mayDeclare = Arrays.equals(b, 0, prefix, DECLARATION_START, 0, prefix);
        if (!mayDeclare || n >= MAX_DECLARATION_BYTES) {
            return true;
        }
        if (n <= DECLARATION_START.length) {
            return false; // "<?xml" so far: a declaration, or a processing instruction such as <?xml-stylesheet
        }
        return !isWhiteSpace(b[DECLARATION_START.length]) || indexOf(b, n, DECLARATION_END, 0) >= 0;
    }

    /** Whether the first bytes are ASCII markup: no byte order mark, no zero bytes, no EBCDIC. */
    private static boolean looksAscii(byte[] b, int n) {
        if (n == 0) {
            return true;
        }
        if (b[0] != '<' && !isWhiteSpace(b[0])) {
            return false; // a byte order mark, or an encoding where '<' is not the ASCII byte
        }
        for (int i = 0; i < Math.min(n, 4); i++) {
            if (b[i] == 0) {
                return false; // UTF-16 or UTF-32 without a byte order mark
            }
        }
        return true;
    }

    private static boolean isPlainlyUtf8(byte[] b, int n) {
        if (n == 0) {
            return true; // the parser finds nothing either way; the guard tells an empty file
        }
        if (!looksAscii(b, n)) {
            return false;
        }
        if (!startsWith(b, n, DECLARATION_START)
                || n == DECLARATION_START.length
                || !isWhiteSpace(b[DECLARATION_START.length])) {
            return true; // no declaration (a processing instruction such as <?xml-stylesheet is not one)
        }
        // only as far as it would have read had the bytes come one at a time: the same bytes, the same decision
        int end = indexOf(b, Math.min(n, MAX_DECLARATION_BYTES), DECLARATION_END, 0);
        if (end < 0) {
            return false;
        }
        String declared = declaredEncoding(b, end);
        return declared == null
                || declared.toUpperCase(Locale.ROOT).equals("UTF-8")
                || declared.toUpperCase(Locale.ROOT).equals("UTF8");
    }

    /** The value of {@code encoding="..."} before {@code end}, null when absent, "?" when it cannot be followed. */
    private static String declaredEncoding(byte[] b, int end) {
        int at = indexOf(b, end, ENCODING, DECLARATION_START.length);
        if (at < 0) {
            return null;
        }
        int i = skipWhiteSpace(b, at + ENCODING.length, end);
        if (i >= end || b[i] != '=') {
            return "?";
        }
        i = skipWhiteSpace(b, i + 1, end);
        if (i >= end || (b[i] != '"' && b[i] != '\'')) {
            return "?";
        }
        byte quote = b[i];
        int close = i + 1;
        while (close < end && b[close] != quote) {
            close++;
        }
        return close < end ? new String(b, i + 1, close - i - 1, StandardCharsets.ISO_8859_1) : "?";
    }

    private static int skipWhiteSpace(byte[] b, int from, int end) {
        int i = from;
        while (i < end && isWhiteSpace(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhiteSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean startsWith(byte[] b, int n, byte[] prefix) {
        return n >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] b, int end, byte[] target, int from) {
        outer:
        for (int i = from; i + target.length <= end; i++) {
            for (int j = 0; j < target.length; j++) {
                if (b[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
