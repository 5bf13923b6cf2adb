package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class CandidateOrderTest {

    @Test
    public void ordersVersionsNaturally() {
        List<String> versions = new ArrayList<>(List.of("1.10", "1.4.10", "1.4.9", "1.4.2-rc1", "1.4.2", "v2", "1.9"));
        versions.sort(CandidateOrder::compareVersions);
        assertThat(versions, contains("1.4.2", "1.4.2-rc1", "1.4.9", "1.4.10", "1.9", "1.10", "v2"));
    }

    @Test
    public void leadingZerosNeverMakeAVersionNewer() {
        assertThat(CandidateOrder.compareVersions("1.02", "1.2") < 0, is(true));
        assertThat(CandidateOrder.compareVersions("1.2", "1.02") > 0, is(true));
        assertThat(CandidateOrder.compareVersions("1.002", "1.02") < 0, is(true));
        assertThat(CandidateOrder.compareVersions("1.00", "1.0") < 0, is(true));
        assertThat(CandidateOrder.compareVersions("1.02", "1.3") < 0, is(true));
        assertThat(CandidateOrder.compareVersions("1.010", "1.9") > 0, is(true));
        assertThat(CandidateOrder.compareVersions("1.02", "1.02"), is(0));
    }

    @Test
    public void digitsOfOtherScriptsCompareAsText() {
        // U+0663 (ARABIC-INDIC DIGIT THREE) is text, so it cannot sit between numbers in one place and above them in
        // another
        List<String> versions = new ArrayList<>(List.of("1.\u0663", "1.10", "1.:", "1.5"));
        versions.sort(CandidateOrder::compareVersions);
        assertThat(versions, contains("1.5", "1.10", "1.:", "1.\u0663"));
    }

    @Test
    public void theVersionOrderIsATotalOrderOnRandomLabels() {
        // alphabet with separators on both sides of the digits in UTF-16, leading zeros and a foreign digit
        char[] alphabet = {'0', '0', '1', '2', '9', '.', '-', '+', ':', 'a', 'B', '~', '\u0663', '\u00e9'};
        Random random = new Random(20_261_127L);
        List<String> labels = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            StringBuilder label = new StringBuilder();
            int length = random.nextInt(7);
            for (int k = 0; k < length; k++) {
                label.append(alphabet[random.nextInt(alphabet.length)]);
            }
            labels.add(label.toString());
        }
        labels.addAll(List.of("1.02", "1.2", "01.2", "1.002", "1.0", "1.00", "", "0", "00"));
        for (String a : labels) {
            for (String b : labels) {
                int ab = Integer.signum(CandidateOrder.compareVersions(a, b));
                int ba = Integer.signum(CandidateOrder.compareVersions(b, a));
                assertThat("antisymmetric: " + a + " vs " + b, ab, is(-ba));
                assertThat("zero only for equal labels: " + a + " vs " + b, ab == 0, is(a.equals(b)));
            }
        }
        for (int n = 0; n < 200_000; n++) {
            String a = labels.get(random.nextInt(labels.size()));
            String b = labels.get(random.nextInt(labels.size()));
            String c = labels.get(random.nextInt(labels.size()));
            if (CandidateOrder.compareVersions(a, b) <= 0 && CandidateOrder.compareVersions(b, c) <= 0) {
                assertThat(
                        "transitive: " + a + " <= " + b + " <= " + c,
                        CandidateOrder.compareVersions(a, c) <= 0,
                        is(true));
            }
        }
        List<String> sorted = new ArrayList<>(labels);
        sorted.sort(CandidateOrder::compareVersions);
        for (int round = 0; round < 20; round++) {
            List<String> shuffled = new ArrayList<>(labels);
            Collections.shuffle(shuffled, random);
            shuffled.sort(CandidateOrder::compareVersions);
            assertThat("the same order whatever the input order", shuffled, is(sorted));
        }
    }

    @Test
    public void theNewestChangeDecidesBeforeTheVersion() {
        Candidate older = new Candidate("9.0", null, null, Instant.parse("2026-01-01T00:00:00Z"));
        Candidate newer = new Candidate("1.0", null, null, Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(CandidateOrder.OLDEST_FIRST.compare(older, newer) < 0, is(true));
        Candidate sameTime = new Candidate("9.1", null, null, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(CandidateOrder.OLDEST_FIRST.compare(older, sameTime) < 0, is(true));
        assertThat(CandidateOrder.OLDEST_FIRST.compare(Candidate.of("2.0"), newer) > 0, is(true));
    }
}
