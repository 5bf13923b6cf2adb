package io.jenkins.plugins.tiers.report;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A report in another encoding than plain UTF-8 (a byte order mark, UTF-16, UTF-32, EBCDIC,
 * ISO-8859-1), turned into UTF-8 by the JDK's decoders, so that the same {@link NameLengthGuard}
 * and {@link Utf8Input} read every report: a guard reading UTF-16 or EBCDIC bytes as if they were
 * ASCII would miss a name of a gigabyte, and the parser's own decoders accept what the JDK's refuse
 * (overlong UTF-8 after a byte order mark). A leading byte order mark is dropped; bytes that are not
 * in the encoding are refused with their offset.
 */
final class TranscodedInput extends InputStream {
    private static final int CHUNK = 1 << 14;

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer raw = ByteBuffer.allocate(CHUNK);
    private final CharBuffer chars = CharBuffer.allocate(CHUNK);
    private final ByteBuffer utf8 = ByteBuffer.allocate(CHUNK * 3);
    /** Raw bytes decoded before {@link #raw}'s current contents. */
    private long consumed;

    private boolean ended;
    private boolean first = true;
    private boolean done;

    TranscodedInput(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        raw.flip();
        chars.flip();
        utf8.flip();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!utf8.hasRemaining()) {
            if (done) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, utf8.remaining());
        utf8.get(b, off, n);
        return n;
    }

    private void fill() throws IOException {
        if (!ended && raw.remaining() < CHUNK / 2) {
            raw.compact();
            int n = in.read(raw.array(), raw.position(), raw.remaining());
            if (n < 0) {
                ended = true;
            } else {
                raw.position(raw.position() + n);
            }
            raw.flip();
        }
        chars.compact(); // keeps half a surrogate pair the encoder left for the next round
        int before = raw.position();
        CoderResult decoded = decoder.decode(raw, chars, ended);
        consumed += raw.position() - before;
        if (decoded.isError()) {
            throw new CharConversionException(String.format(
                    "bytes that are not %s at byte offset %d; a report must be in the encoding it declares",
                    charset.name(), consumed));
        }
        boolean allDecoded = ended && !raw.hasRemaining();
        if (allDecoded) {
            decoder.flush(chars);
        }
        chars.flip();
        if (first && chars.hasRemaining()) {
            first = false;
            if (chars.get(0) == '\uFEFF') {
                chars.get(); // a byte order mark says how to decode; it is not part of the report
            }
        }
        utf8.clear();
        if (encoder.encode(chars, utf8, allDecoded).isError()) {
            throw new CharConversionException(
                    "a lone surrogate character near byte offset " + consumed + " in a " + charset.name() + " report");
        }
        utf8.flip();
        done = allDecoded && !chars.hasRemaining() && !utf8.hasRemaining();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
