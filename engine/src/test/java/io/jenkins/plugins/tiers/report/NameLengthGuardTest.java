package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * The guard in front of the parser: its eight-bytes-at-a-time searches agree with a plain loop,
 * and its decision (and the offset it names) does not depend on how the stream is cut into reads.
 */
public class NameLengthGuardTest {
    private static final int LIMIT = 64;

    @Test
    public void searchesAgreeWithAPlainLoopAtEveryPositionAndLength() {
        Random random = new Random(7);
        byte[] alphabet = {'a', '<', '>', '"', '\'', ' ', '-', (byte) 0x80, (byte) 0xFF, (byte) 0xC3, 0, '!'};
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int end = from + random.nextInt(bytes.length - from + 1);
            for (byte target : alphabet) {
                assertThat(
                        NameLengthGuard.indexOf(bytes, from, end, target), is(plainIndexOf(bytes, from, end, target)));
            }
            assertThat(NameLengthGuard.indexOfTagDelimiter(bytes, from, end), is(plainTagDelimiter(bytes, from, end)));
        }
    }

    private static int plainIndexOf(byte[] bytes, int from, int end, byte target) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == target) {
                return i;
            }
        }
        return end;
    }

    private static int plainTagDelimiter(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == '"' || bytes[i] == '\'' || bytes[i] == '>') {
                return i;
            }
        }
        return end;
    }

    @Test
    public void longTextValuesCommentsCdataAndInstructionsPass() throws IOException {
        String word = "w".repeat(LIMIT * 10);
        for (String document : List.of(
                "<a>" + word + "</a>",
                "<a b=\"" + word + "\" c='" + word + "'/>",
                "<a b=\"x>" + word + "\"/>",
                "<!-- <" + word + " -- -> --><a/>",
                "<a><![CDATA[<" + word + "]]]]></a>",
                "<?pi <" + word + "?><a/>",
                "<a>" + "<b/>".repeat(100) + "</a>")) {
            for (int chunk : new int[] {1, 2, 3, 7, 8, 9, 64, 4096}) {
                assertThat(document + " in reads of " + chunk, outcome(document, chunk), is(-1L));
            }
        }
    }

    @Test
    public void aLongNameIsRefusedAtTheSameOffsetHoweverTheStreamIsCut() throws IOException {
        String name = "n".repeat(LIMIT + 1);
        List<String> documents = List.of(
                "<" + name + "/>",
                "<a>text</a><" + name + ">",
                "<a x=\"1\" " + name + "=\"2\"/>",
                "<a x='1'" + " ".repeat(LIMIT + 1) + "y='2'/>",
                "<a><!-- c --><![CDATA[d]]><?p q?><b " + name + "/></a>",
                "<!-- c -->\n<!DOCTYPE " + name + ">",
                "</" + name + ">");
        Random random = new Random(11);
        for (String document : documents) {
            long expected = outcome(document, 4096);
            assertThat(document, expected > 0, is(true));
            for (int chunk : new int[] {1, 2, 3, 5, 8, 13, 64}) {
                assertThat(document + " in reads of " + chunk, outcome(document, chunk), is(expected));
            }
            for (int round = 0; round < 20; round++) {
                assertThat(document + " in random reads", outcome(document, -1 - random.nextInt(1000)), is(expected));
            }
            assertThat(document + " byte by byte", outcomeByteByByte(document), is(expected));
        }
    }

    @Test
    public void theOffsetIsTheFirstByteBeyondTheLimitCountedFromOne() throws IOException {
        String prefix = "<testsuite><";
        long offset = outcome(prefix + "n".repeat(LIMIT * 3) + "/>", 4096);
        assertThat(offset, is((long) prefix.length() + LIMIT + 1));
    }

    @Test
    public void anUnquotedStretchOfExactlyTheLimitPassesAndOneByteMoreDoesNot() throws IOException {
        String element = "n".repeat(LIMIT);
        String attribute = " " + "n".repeat(LIMIT - 2) + "="; // between two values: space, name and '='
        assertThat(outcome("<" + element + ">", 4096), is(-1L));
        assertThat(outcome("<a x='1'" + attribute + "'2'/>", 4096), is(-1L));
        assertThat(outcome("<" + element + "n>", 4096) > 0, is(true));
        assertThat(outcome("<a x='1'" + attribute.replace("=", "n=") + "'2'/>", 4096) > 0, is(true));
    }

    @Test
    public void anEmptyStreamIsToldFromAShortOne() throws IOException {
        NameLengthGuard empty = new NameLengthGuard(new ByteArrayInputStream(new byte[0]), LIMIT);
        assertThat(empty.read(new byte[10], 0, 10), is(-1));
        assertThat(empty.endedEmpty(), is(true));
        NameLengthGuard blank = new NameLengthGuard(new ByteArrayInputStream(new byte[] {' '}), LIMIT);
        assertThat(blank.read(new byte[10], 0, 10), is(1));
        assertThat(blank.read(new byte[10], 0, 10), is(-1));
        assertThat(blank.endedEmpty(), is(false));
    }

    @Test
    public void singleByteReadsAreGuardedToo() {
        NameLengthGuard guard = new NameLengthGuard(bytes("<" + "n".repeat(LIMIT + 1)), LIMIT);
        assertThrows(NameLengthGuard.NameTooLongException.class, () -> {
            while (guard.read() >= 0) {
                // reading on until the guard objects
            }
        });
    }

    /** -1 when the whole document passes, else the offset the guard refused at. */
    private static long outcome(String document, int chunk) throws IOException {
        Random random = chunk < 0 ? new Random(chunk) : null;
        try (NameLengthGuard guard = new NameLengthGuard(bytes(document), LIMIT)) {
            byte[] buffer = new byte[4096];
            while (guard.read(buffer, 0, random == null ? chunk : 1 + random.nextInt(97)) >= 0) {
                // reading on until the end or a refusal
            }
            return -1;
        } catch (NameLengthGuard.NameTooLongException e) {
            return e.offset;
        } catch (NameLengthGuard.DeclarationException e) {
            return 1_000_000 * e.line + e.column; // where it stands, however the stream is cut
        }
    }

    private static long outcomeByteByByte(String document) throws IOException {
        try (NameLengthGuard guard = new NameLengthGuard(bytes(document), LIMIT)) {
            while (guard.read() >= 0) {
                // reading on until the end or a refusal
            }
            return -1;
        } catch (NameLengthGuard.NameTooLongException e) {
            return e.offset;
        } catch (NameLengthGuard.DeclarationException e) {
            return 1_000_000 * e.line + e.column; // where it stands, however the stream is cut
        }
    }

    private static InputStream bytes(String document) {
        return new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8));
    }
}
