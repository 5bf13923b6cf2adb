package io.jenkins.plugins.tiers.report;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 report's characters for the parser, decoded by the JDK's decoder, whose ASCII fast path
 * converts many bytes per instruction where the parser's own decoder converts one at a time: it
 * makes reading a big report a sixth faster (see docs/performance.md). Bytes that are not UTF-8
 * are refused with their exact offset, never replaced. It starts with the bytes its
 * {@link ReportHead} already read, then reads 64 KB at a time.
 */
final class Utf8Input extends Reader {
    /** Bytes read at a time once a report proves bigger than its first read. */
    static final int BUFFER_BYTES = 1 << 16;

    private final InputStream in;
    private ByteBuffer bytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** The stream offset of {@code bytes}' index 0. */
    private long base;

    private boolean ended;
    private boolean flushed;
    /** The second half of a surrogate pair when a caller asked for one character only; or -1. */
    private int pending = -1;

    Utf8Input(ReportHead head, InputStream rest) {
        this.in = rest;
        this.bytes = ByteBuffer.wrap(head.buffer(), 0, head.length());
    }

    /** Bytes that are not UTF-8; the reader turns it into a {@link ReportException}. */
    static final class InvalidUtf8Exception extends CharConversionException {
        private static final long serialVersionUID = 1L;

        InvalidUtf8Exception(long offset, int value, boolean cutShort) {
            super((cutShort
                            ? "the file ends inside a UTF-8 character, at byte offset " + offset
                            : String.format("invalid UTF-8 at byte offset %d (byte 0x%02X)", offset, value))
                    + "; a report in another encoding must declare it,"
                    + " as in <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
        }
    }

    @Override
    public int read(char[] chars, int off, int len) throws IOException {
        if (len <= 0) {
            return 0;
        }
        if (pending >= 0) {
            chars[off] = (char) pending;
            pending = -1;
            return 1;
        }
        if (flushed) {
            return -1;
        }
        if (len == 1) {
            return readOne(chars, off);
        }
        CharBuffer out = CharBuffer.wrap(chars, off, len);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, ended);
            if (result.isError()) {
                throw invalid(result);
            }
            int produced = out.position() - off;
            if (produced > 0) {
                return produced;
            }
            if (ended) {
                return flush(out, off);
            }
            fill();
        }
    }

    /** A surrogate pair needs two characters: decode it into a small buffer and hand one on at a time. */
    private int readOne(char[] chars, int off) throws IOException {
        char[] two = new char[2];
        int n = read(two, 0, 2);
        if (n > 0) {
            chars[off] = two[0];
            pending = n == 2 ? two[1] : -1;
            return 1;
        }
        return n;
    }

    private int flush(CharBuffer out, int off) throws IOException {
        if (!flushed) {
            flushed = true;
            CoderResult result = decoder.flush(out);
            if (result.isError()) {
                throw invalid(result);
            }
        }
        int produced = out.position() - off;
        return produced > 0 ? produced : -1;
    }

    /** Moves the bytes not yet decoded to the front and reads more behind them. */
    private void fill() throws IOException {
        base += bytes.position();
        if (bytes.limit() == bytes.capacity() && bytes.capacity() < BUFFER_BYTES) {
            // the first read filled its small buffer: a big report, read 64 KB at a time from now on
            ByteBuffer bigger = ByteBuffer.allocate(BUFFER_BYTES);
            bigger.put(bytes);
            bytes = bigger;
        } else {
            bytes.compact();
        }
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            ended = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private InvalidUtf8Exception invalid(CoderResult result) {
        int at = bytes.position();
        int value = bytes.get(at) & 0xFF;
        boolean cutShort = ended && value >= 0xC2 && value <= 0xF4 && at + result.length() == bytes.limit();
        return new InvalidUtf8Exception(base + at, value, cutShort);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
