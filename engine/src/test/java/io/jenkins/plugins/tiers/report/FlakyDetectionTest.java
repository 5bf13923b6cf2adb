package io.jenkins.plugins.tiers.report;

import static io.jenkins.plugins.tiers.report.Reports.counts;
import static io.jenkins.plugins.tiers.report.Reports.xml;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Retries: a test that failed and also passed is flaky, one that failed several times counts once. */
public class FlakyDetectionTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static final TestId FOO = new TestId("t.Foo", "test_foo");

    private static String suite(String... cases) {
        return "<testsuite name=\"s\">" + String.join("", cases) + "</testsuite>";
    }

    private static String pass(String cls, String name) {
        return "<testcase classname=\"" + cls + "\" name=\"" + name + "\" time=\"1\"/>";
    }

    private static String fail(String cls, String name, String message) {
        return "<testcase classname=\"" + cls + "\" name=\"" + name + "\" time=\"1\"><failure message=\"" + message
                + "\">trace</failure></testcase>";
    }

    private static String error(String cls, String name) {
        return "<testcase classname=\"" + cls + "\" name=\"" + name + "\"><error message=\"boom\"/></testcase>";
    }

    @Test
    public void aTestThatFailedThenPassedIsFlakyNotFailed() throws ReportException {
        TestEvidence e = xml(suite(
                fail("t.Foo", "test_foo", "first"),
                error("t.Foo", "test_foo"),
                pass("t.Foo", "test_foo"),
                pass("t.Bar", "test_foo")));
        assertThat(counts(e), equalTo(new int[] {1, 0, 0, 0, 1}));
        assertThat(e.flaky(), contains(FOO));
        assertThat(e.failures(), is(empty()));
        assertThat(e.suites().get(0).totals().flaky(), is(1));
    }

    @Test
    public void aPassWrittenBeforeTheFailuresAlsoMakesItFlaky() throws ReportException {
        TestEvidence e =
                xml(suite(pass("t.Foo", "test_foo"), fail("t.Foo", "test_foo", "later"), error("t.Foo", "test_foo")));
        assertThat(counts(e), equalTo(new int[] {0, 0, 0, 0, 1}));
        assertThat(e.flaky(), contains(FOO));
        assertThat(e.failures(), is(empty()));
    }

    @Test
    public void aTestThatNeverPassedCountsOnceAsFailedWithItsFirstMessage() throws ReportException {
        TestEvidence e = xml(suite(
                fail("t.Foo", "test_foo", "first"), fail("t.Foo", "test_foo", "second"), error("t.Foo", "test_foo")));
        assertThat(counts(e), equalTo(new int[] {0, 1, 0, 0, 0}));
        assertThat(e.failures().get(0).message(), is("first"));
        assertThat(e.flaky(), is(empty()));
    }

    @Test
    public void sameNameInAnotherClassIsAnotherTest() throws ReportException {
        TestEvidence e = xml(suite(fail("t.Foo", "test_foo", "x"), pass("t.Bar", "test_foo")));
        assertThat(counts(e), equalTo(new int[] {1, 1, 0, 0, 0}));
    }

    @Test
    public void aSkippedRetryDoesNotHideAFailure() throws ReportException {
        TestEvidence e = xml(suite(
                fail("t.Foo", "test_foo", "x"),
                "<testcase classname=\"t.Foo\" name=\"test_foo\"><skipped/></testcase>"));
        assertThat(counts(e), equalTo(new int[] {0, 1, 0, 0, 0}));
    }

    @Test
    public void surefireRerunFailuresStayFailedAndFlakyElementsAreFlaky() throws ReportException {
        TestEvidence e = xml(suite(
                "<testcase classname=\"t.A\" name=\"a\"><failure message=\"m\"/><rerunFailure message=\"m\"/></testcase>",
                "<testcase classname=\"t.A\" name=\"b\"><error message=\"m\"/><rerunError message=\"m\"/></testcase>",
                "<testcase classname=\"t.A\" name=\"c\"><flakyFailure message=\"m\"/><flakyError/></testcase>",
                "<testcase classname=\"t.A\" name=\"d\"><flakyError message=\"m\"/></testcase>"));
        assertThat(counts(e), equalTo(new int[] {0, 1, 1, 0, 2}));
        assertThat(e.flaky(), contains(new TestId("t.A", "c"), new TestId("t.A", "d")));
    }

    @Test
    public void aPassOfTheSameTestInAnotherFileIsAnotherTestAndTheFailureStands() throws ReportException, IOException {
        // a module where it fails and a module where it passes: not a rerun, nothing says so
        Path first = write("first.xml", suite(fail("t.Foo", "test_foo", "x")));
        Path second = write("second.xml", "<testsuite name=\"rerun\">" + pass("t.Foo", "test_foo") + "</testsuite>");
        TestEvidence e = new TestReportReader().read(List.of(first, second));
        assertThat(counts(e), equalTo(new int[] {1, 1, 0, 0, 0}));
        assertThat(e.failures().get(0).id().displayName(), is("t.Foo.test_foo"));
    }

    @Test
    public void aPassIsRememberedOnlyForTheNextFewTestCases() throws ReportException {
        StringBuilder between = new StringBuilder();
        for (int i = 0; i < EvidenceBuilder.RECENT_PASSES; i++) {
            between.append(pass("t.Other", "t" + i));
        }
        TestEvidence e = xml(suite(pass("t.Foo", "test_foo"), between.toString(), fail("t.Foo", "test_foo", "x")));
        assertThat(e.totals().failed(), is(1));
        assertThat(e.totals().flaky(), is(0));
        assertThat(e.totals().tests(), is(EvidenceBuilder.RECENT_PASSES + 2));
    }

    private Path write(String name, String content) throws IOException {
        Path file = folder.getRoot().toPath().resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
