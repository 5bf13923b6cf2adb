package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Randomly truncated and corrupted corpus files (fixed seed, bounded count) only ever give evidence
 * or a {@link ReportException}: never another exception, never a hang.
 */
public class CorruptedCorpusTest {

    private static final long SEED = 20261126L;
    private static final int MUTATIONS = 1500;
    private static final int MAX_SIZE = 64 * 1024;
    private static final byte[] NASTY =
            "<>&;\"'/![]-?=\u0000\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test(timeout = 120_000)
    public void corruptedReportsOnlyEverRaiseReportException() throws IOException {
        Path corpus = Reports.corpus();
        assumeTrue("no corpus at " + corpus, corpus != null && Files.isDirectory(corpus));
        List<byte[]> originals;
        try (Stream<Path> walk = Files.walk(corpus)) {
            originals = walk.filter(Files::isRegularFile)
                    .sorted()
                    .map(CorruptedCorpusTest::readSmall)
                    .filter(b -> b.length > 0)
                    .toList();
        }
        Random random = new Random(SEED);
        TestReportReader reader = new TestReportReader();
        int refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] original = originals.get(random.nextInt(originals.size()));
            byte[] mutated = mutate(original, random);
            try {
                reader.read("mutant-" + i + ".xml", new ByteArrayInputStream(mutated));
            } catch (ReportException expected) {
                refused++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError(
                        "mutant " + i + " raised " + e + " for:\n"
                                + new String(mutated, java.nio.charset.StandardCharsets.ISO_8859_1),
                        e);
            }
        }
        assertThat("most mutants should be refused", refused, greaterThan(MUTATIONS / 4));
    }

    private static byte[] readSmall(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return bytes.length > MAX_SIZE ? Arrays.copyOf(bytes, MAX_SIZE) : bytes;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int at = random.nextInt(b.length);
        switch (random.nextInt(6)) {
            case 0 -> {
                return Arrays.copyOf(b, at); // truncated
            }
            case 1 -> {
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256); // random bytes
                }
                return b;
            }
            case 2 -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    b[random.nextInt(b.length)] = NASTY[random.nextInt(NASTY.length)]; // markup characters
                }
                return b;
            }
            case 3 -> {
                int end = Math.min(b.length, at + 1 + random.nextInt(200)); // a range deleted
                byte[] out = new byte[b.length - (end - at)];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, end, out, at, b.length - end);
                return out;
            }
            case 4 -> {
                int end = Math.min(b.length, at + 1 + random.nextInt(200)); // a range duplicated
                byte[] out = new byte[b.length + (end - at)];
                System.arraycopy(b, 0, out, 0, end);
                System.arraycopy(b, at, out, end, b.length - at);
                return out;
            }
            default -> {
                int from = random.nextInt(b.length); // a range moved elsewhere
                int len = Math.min(b.length - Math.max(from, at), random.nextInt(100));
                if (len > 0) {
                    System.arraycopy(original, from, b, at, len);
                }
                return b;
            }
        }
    }
}
