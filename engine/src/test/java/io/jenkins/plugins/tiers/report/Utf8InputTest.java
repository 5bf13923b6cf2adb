package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.Test;

/**
 * The report's own UTF-8 decoding gives exactly the JDK's characters however the bytes arrive and
 * however many characters the parser asks for, and names the offset of the first byte that is not
 * UTF-8.
 */
public class Utf8InputTest {
    private static final String[] PIECES = {"a", "<", "\n", "é", "ß", "中", "😀", "\u0800", "\uFFFD", "ok "};

    /** A stream giving at most {@code most} bytes a read, fewer at random. */
    private static InputStream trickling(byte[] bytes, int most, Random random) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(most)));
            }
        };
    }

    private static String decode(InputStream in, int mostChars, Random random) throws IOException {
        Utf8Input input = new Utf8Input(ReportHead.read(in), in);
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[mostChars + 3];
        int n;
        while ((n = input.read(buffer, 3, 1 + random.nextInt(mostChars))) >= 0) {
            out.append(buffer, 3, n);
        }
        assertThat("read after the end", input.read(buffer, 0, 4), is(-1));
        return out.toString();
    }

    private static String randomText(Random random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    @Test
    public void givesTheJdksCharactersHoweverTheBytesArriveAndHoweverManyAreAskedFor() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            String text = randomText(random, round < 200 ? random.nextInt(40) : 30_000 + random.nextInt(30_000));
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int mostBytes = round % 3 == 0 ? 1 : 1 + random.nextInt(70_000);
            int mostChars = round % 4 == 0 ? 1 : 1 + random.nextInt(70_000);
            assertThat("round " + round, decode(trickling(bytes, mostBytes, random), mostChars, random), is(text));
        }
    }

    @Test
    public void namesTheOffsetOfTheFirstByteThatIsNotUtf8WhereverTheReadsCut() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            String before = randomText(random, random.nextInt(30_000));
            byte[] good = before.getBytes(StandardCharsets.UTF_8);
            byte[] bytes = java.util.Arrays.copyOf(good, good.length + 3);
            bytes[good.length] = (byte) 0xFF;
            bytes[good.length + 1] = 'x';
            bytes[good.length + 2] = 'y';
            int most = round % 2 == 0 ? 1 + random.nextInt(5) : 1 + random.nextInt(70_000);
            Utf8Input.InvalidUtf8Exception e = assertThrows(
                    Utf8Input.InvalidUtf8Exception.class, () -> decode(trickling(bytes, most, random), 9_000, random));
            assertThat(
                    e.getMessage(),
                    is("invalid UTF-8 at byte offset " + good.length + " (byte 0xFF); a report in another encoding"
                            + " must declare it, as in <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"));
        }
    }

    @Test
    public void aStreamEndingInsideACharacterIsToldFromABadByte() {
        byte[] cut = {'a', 'b', (byte) 0xF0, (byte) 0x9F, (byte) 0x98};
        Utf8Input.InvalidUtf8Exception e = assertThrows(
                Utf8Input.InvalidUtf8Exception.class, () -> decode(new ByteArrayInputStream(cut), 10, new Random(1)));
        assertThat(e.getMessage().startsWith("the file ends inside a UTF-8 character, at byte offset 2;"), is(true));
        byte[] bad = {'a', 'b', (byte) 0xF0, 'c'};
        e = assertThrows(
                Utf8Input.InvalidUtf8Exception.class, () -> decode(new ByteArrayInputStream(bad), 10, new Random(1)));
        assertThat(e.getMessage().startsWith("invalid UTF-8 at byte offset 2 (byte 0xF0);"), is(true));
    }
}
