package io.jenkins.plugins.tiers.report;

import static io.jenkins.plugins.tiers.report.Reports.counts;
import static io.jenkins.plugins.tiers.report.Reports.xml;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * How a test case is identified while its report streams, without a string per passing test:
 * the characters, their hash, the failure index and the ring of recent passes.
 */
public class TestIdentityTest {

    @Test
    public void theHashOfTheCharactersIsTheHashOfTheString() {
        Random random = new Random(3);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0x3000)));
            }
            String value = text.toString();
            AttributeText decoded = decoded(value);
            assertThat(value, decoded.textHash(), is(value.hashCode()));
            assertThat(decoded.toString(), is(value));
            assertThat(decoded.contentEquals(value), is(true));
            assertThat(decoded.contentEquals(value + "x"), is(false));
        }
    }

    @Test
    public void aCaseNameHashesAsItsTestId() {
        CaseName test = caseName("com.acme.CartTest", "adds[1]");
        assertThat(test.hash(), is(new TestId("com.acme.CartTest", "adds[1]").hashCode()));
        assertThat(test.toTestId(), is(new TestId("com.acme.CartTest", "adds[1]")));
    }

    @Test
    public void failuresAreFoundByTheirCharactersAmongThousandsAndEqualHashes() {
        FailureIndex index = new FailureIndex();
        List<TestId> failed = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            failed.add(new TestId("c.Class" + (i % 97), "test" + i));
        }
        // "Aa" and "BB" have the same String hash: the index must still tell them apart
        failed.add(new TestId("c.Same", "Aa"));
        failed.add(new TestId("c.Same", "BB"));
        for (TestId id : failed) {
            index.add(new FailureRecord(id, Outcome.FAILED, null, "", ""));
        }
        for (TestId id : failed) {
            FailureRecord found = index.find(caseName(id.className(), id.name()));
            assertThat(id.toString(), found.id, is(id));
        }
        assertThat(index.find(caseName("c.Class1", "test2")), nullValue()); // test2 is in c.Class2
        assertThat(index.find(caseName("c.Same", "C#")), nullValue()); // same hash as Aa, not recorded
        assertThat(index.find(caseName("c.Other", "test1")), nullValue());
    }

    @Test
    public void theSketchOfTheCharactersIsTheSketchOfTheTestId() {
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            String owner = randomText(random, random.nextInt(8));
            String name = randomText(random, random.nextInt(8));
            CaseName fromBuffers = new CaseName();
            fromBuffers.owner.copyOf(decoded(owner));
            fromBuffers.name.copyOf(decoded(name));
            assertThat(owner + "." + name, fromBuffers.sketch(), is(CaseName.sketch(new TestId(owner, name))));
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(3) : random.nextInt(0x3000)));
        }
        return text.toString();
    }

    @Test
    public void testsWithTheSameLengthAndEndingAreStillToldApart() {
        // equal sketches: the index must fall back to the hash and the characters
        FailureIndex index = new FailureIndex();
        index.add(new FailureRecord(new TestId("c.Same", "first_case"), Outcome.FAILED, null, "", ""));
        assertThat(
                caseName("c.Same", "other_case").sketch(),
                is(caseName("c.Same", "first_case").sketch()));
        assertThat(index.find(caseName("c.Same", "other_case")), nullValue());
        assertThat(index.find(caseName("c.Same", "first_case")).id, is(new TestId("c.Same", "first_case")));
    }

    @Test
    public void theRingTellsApartPassesWithTheSameLengthAndEnding() {
        RecentPasses ring = new RecentPasses(8);
        SuiteTally suite = new SuiteTally("s");
        ring.remember(caseName("c.Same", "first_case"), suite);
        assertThat(ring.forget(caseName("c.Same", "other_case")), nullValue());
        assertThat(ring.forget(caseName("c.Same", "first_case")), sameInstance(suite));
        assertThat(ring.forget(caseName("c.Same", "first_case")), nullValue()); // forgotten once found
    }

    @Test
    public void theRingKeepsThePassAndHandsBackASpare() {
        RecentPasses ring = new RecentPasses(4);
        SuiteTally suite = new SuiteTally("s");
        CaseName first = caseName("c.A", "one");
        CaseName spare = ring.remember(first, suite);
        assertThat(spare, not(sameInstance(first)));
        spare.clear();
        spare.name.decode("two");
        spare.owner.decode("c.A");
        ring.remember(spare, suite);
        assertThat(ring.forget(caseName("c.A", "one")), sameInstance(suite));
        assertThat(ring.forget(caseName("c.A", "one")), nullValue()); // forgotten once matched
        assertThat(ring.forget(caseName("c.A", "two")), sameInstance(suite));
    }

    @Test
    public void theRingRemembersOnlyTheLastPassesOfItsSize() {
        RecentPasses ring = new RecentPasses(16);
        SuiteTally suite = new SuiteTally("s");
        CaseName next = new CaseName();
        for (int i = 0; i < 40; i++) { // grows 8 -> 16, then wraps
            next.clear();
            next.owner.decode("c.A");
            next.name.decode("t" + i);
            next = ring.remember(next, suite);
        }
        for (int i = 0; i < 24; i++) {
            assertThat("t" + i, ring.forget(caseName("c.A", "t" + i)), nullValue());
        }
        for (int i = 24; i < 40; i++) {
            assertThat("t" + i, ring.forget(caseName("c.A", "t" + i)), sameInstance(suite));
        }
    }

    @Test
    public void theRingNeitherKeepsLongIdentitiesNorBigBuffers() {
        RecentPasses ring = new RecentPasses(8);
        SuiteTally suite = new SuiteTally("s");
        CaseName longOne = caseName("c.A", "n".repeat(RecentPasses.MAX_CHARS + 1));
        assertThat(ring.remember(longOne, suite), sameInstance(longOne));
        assertThat(ring.forget(longOne), nullValue());

        CaseName grown = caseName("c.A", "n".repeat(RecentPasses.MAX_CHARS * 4));
        grown.clear();
        grown.owner.decode("c.A");
        grown.name.decode("short");
        assertThat(ring.remember(grown, suite), sameInstance(grown)); // copied, not kept
        assertThat(ring.forget(caseName("c.A", "short")), sameInstance(suite));
    }

    @Test
    public void aPassLongBeforeItsFailureInAGrowingRingStillMakesItFlaky() throws ReportException {
        StringBuilder report = new StringBuilder("<testsuite name=\"s\">");
        report.append("<testcase classname=\"c.A\" name=\"retried\"/>");
        for (int i = 0; i < 200; i++) {
            report.append("<testcase classname=\"c.A\" name=\"t").append(i).append("\"/>");
        }
        report.append("<testcase classname=\"c.A\" name=\"retried\"><failure message=\"m\"/></testcase>");
        TestEvidence e = xml(report.append("</testsuite>").toString());
        assertThat(counts(e), equalTo(new int[] {200, 0, 0, 0, 1}));
        assertThat(e.flaky(), contains(new TestId("c.A", "retried")));
    }

    @Test
    public void namesAreReadWithoutTheirSurroundingSpaceAndTheSuiteStandsInForAMissingClass() throws ReportException {
        TestEvidence e = xml("<testsuite name=\"pkg.Suite\">"
                + "<testcase classname=\" c.A \" name=\"  spaced  \"><failure/></testcase>"
                + "<testcase name=\"classless\"><error/></testcase>"
                + "<testcase classname=\"\" name=\"\"><failure/></testcase>"
                + "</testsuite>");
        assertThat(
                e.failures().stream().map(TestFailure::id).toList(),
                contains(
                        new TestId("c.A", "spaced"),
                        new TestId("pkg.Suite", "classless"),
                        new TestId("pkg.Suite", "")));
    }

    private static AttributeText decoded(String value) {
        AttributeText text = new AttributeText();
        char[] buffer = ("##" + value + "#").toCharArray();
        text.decode(buffer, 2, 2 + value.length());
        return text;
    }

    private static CaseName caseName(String owner, String name) {
        CaseName test = new CaseName();
        test.owner.decode(owner);
        test.name.decode(name);
        return test;
    }
}
