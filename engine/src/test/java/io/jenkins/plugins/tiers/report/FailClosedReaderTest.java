package io.jenkins.plugins.tiers.report;

import static io.jenkins.plugins.tiers.report.Reports.counts;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The reader's fail-closed rules, one fixture per rule under {@code failclosed/}, each named after
 * the rule it proves: nothing in a report that could be a failure is lost on the way to the counts.
 * Counts are passed, failed, errored, skipped, flaky.
 */
public class FailClosedReaderTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static TestEvidence fixture(String name) throws ReportException {
        return Reports.fixture("failclosed", name);
    }

    private static List<String> failedNames(TestEvidence e) {
        return e.failures().stream().map(f -> f.id().displayName()).toList();
    }

    @Test
    public void aSkippedTestWhoseTeardownErrsIsAnError() throws ReportException {
        TestEvidence e = fixture("skipped-beside-error-is-an-error.xml");
        assertThat(counts(e), equalTo(new int[] {1, 0, 1, 0, 0}));
        assertThat(e.failures().get(0).kind(), is(TestFailure.Kind.ERROR));
    }

    @Test
    public void aFailureBesideADisabledStatusIsAFailure() throws ReportException {
        assertThat(
                counts(fixture("disabled-status-beside-failure-is-a-failure.xml")), equalTo(new int[] {0, 1, 0, 0, 0}));
    }

    @Test
    public void rerunFailuresWithoutAFinalFailureAreFailures() throws ReportException {
        TestEvidence e = fixture("rerun-failure-alone-is-a-failure.xml");
        assertThat(counts(e), equalTo(new int[] {0, 1, 1, 0, 0}));
        assertThat(failedNames(e), contains("a.B.retried", "a.B.errored"));
    }

    @Test
    public void anUnknownStatusValueIsAFailureAndKnownOnesAreTolerated() throws ReportException {
        TestEvidence e = fixture("unknown-status-is-a-failure.xml");
        // by_result, by_status failed; broken errored; gtest pass and ok passed; gtest skip and disabled skipped
        assertThat(counts(e), equalTo(new int[] {2, 2, 1, 2, 0}));
        assertThat(failedNames(e), contains("x.Y.by_result", "x.Y.by_status", "x.Y.broken"));
        assertThat(e.failures().get(0).message(), is("result=\"failed\""));
    }

    @Test
    public void theSameNameInTwoSuitesIsTwoTestsAndTheFailureStands() throws ReportException {
        TestEvidence e = fixture("same-name-in-two-suites-is-two-tests.xml");
        assertThat(counts(e), equalTo(new int[] {1, 1, 0, 0, 0}));
        assertThat(e.flaky(), is(empty()));
    }

    @Test
    public void aRepeatedCaseInOneSuiteIsARerun() throws ReportException {
        // Gradle writes a retried test as repeated cases of one suite; Jest's two tests of one title
        // look the same, and count as a flaky test (which a policy can count as failed)
        assertThat(counts(fixture("gradle-rerun-in-one-suite-is-flaky.xml")), equalTo(new int[] {0, 0, 0, 0, 1}));
        assertThat(counts(fixture("jest-same-title-twice-is-two-tests.xml")), equalTo(new int[] {0, 0, 0, 0, 1}));
    }

    @Test
    public void casesWithoutANameAreNeverMerged() throws ReportException {
        TestEvidence e = fixture("cases-without-a-name-are-never-merged.xml");
        assertThat(counts(e), equalTo(new int[] {1, 1, 0, 0, 0}));
    }

    @Test
    public void classnameWinsOverClassWhereverItStandsAndOneSpellingServesMergingAndDisplay() throws ReportException {
        TestEvidence e = fixture("classname-wins-over-class.xml");
        assertThat(counts(e), equalTo(new int[] {0, 0, 0, 0, 1}));
        assertThat(e.flaky().get(0).displayName(), is("shop.A.t"));
    }

    @Test
    public void aTestCaseInAnUnknownWrapperIsCountedWithAWarning() throws ReportException {
        TestEvidence e = fixture("testcase-in-unknown-wrapper-is-counted.xml");
        assertThat(counts(e), equalTo(new int[] {0, 1, 0, 0, 0}));
        assertThat(e.warnings(), hasItem(containsString("<testcase> inside <group>")));
    }

    @Test
    public void aTestCaseInsideATestCaseIsRefused() {
        ReportException e =
                assertThrows(ReportException.class, () -> fixture("testcase-inside-testcase-is-refused.xml"));
        assertThat(e.getMessage(), containsString("a <testcase> inside a <testcase>"));
    }

    @Test
    public void failuresInAForeignNamespaceOrAnotherLetterCaseAreFailures() throws ReportException {
        assertThat(counts(fixture("foreign-namespace-failure-is-a-failure.xml")), equalTo(new int[] {0, 1, 0, 0, 0}));
        assertThat(counts(fixture("other-letter-case-failure-is-a-failure.xml")), equalTo(new int[] {0, 1, 1, 0, 0}));
    }

    @Test
    public void aFailureOutsideAnyTestCaseIsCountedAsAFailedTest() throws ReportException {
        TestEvidence e = fixture("failure-outside-a-testcase-is-counted.xml");
        assertThat(counts(e), equalTo(new int[] {1, 0, 1, 0, 0}));
        assertThat(failedNames(e).get(0), startsWith("setup.<error> outside any test case, line 2"));
        assertThat(e.failures().get(0).message(), is("suite setup failed"));
    }

    @Test
    public void aFailureInsideAnUnknownElementOfATestCaseIsAFailure() throws ReportException {
        assertThat(
                counts(fixture("failure-in-unknown-element-of-a-testcase-is-a-failure.xml")),
                equalTo(new int[] {0, 1, 0, 0, 0}));
    }

    @Test
    public void failuresDeclaredButNotListedAreCountedAndMakeTheEvidenceIncomplete() throws ReportException {
        TestEvidence e = fixture("declared-failures-not-listed-block.xml");
        assertThat(counts(e), equalTo(new int[] {2, 2, 0, 0, 0}));
        assertThat(e.failures().size(), is(1)); // passing tests are still only those listed
        assertThat(e.isComplete(), is(false));
        assertThat(
                e.incomplete(),
                contains("declared-failures-not-listed-block.xml:2: suite 'shop.CartTest' declares failures=\"2\""
                        + " errors=\"0\" but lists 1 failed or errored test cases; the 1 unlisted are counted as"
                        + " failed"));
    }

    @Test
    public void aSuiteWithNoCasesDeclaringFailuresMakesTheEvidenceIncomplete() throws ReportException {
        TestEvidence e = fixture("suite-with-no-cases-declaring-failures-blocks.xml");
        assertThat(counts(e), equalTo(new int[] {0, 1, 0, 0, 0}));
        assertThat(e.incomplete().get(0), containsString("suite 'Test_Summary_Report' declares failures=\"1\""));
    }

    @Test
    public void aRootDeclaringMoreErrorsThanItsSuitesListMakesTheEvidenceIncomplete() throws ReportException {
        TestEvidence e = fixture("testsuites-root-declaring-errors-blocks.xml");
        assertThat(e.totals().failed() + e.totals().errored(), is(3));
        assertThat(e.incomplete().get(0), containsString("<testsuites> declares failures=\"0\" errors=\"3\""));
    }

    @Test
    public void failuresDeclaredAndListedLeaveTheEvidenceComplete() throws ReportException {
        TestEvidence e = fixture("gradle-rerun-in-one-suite-is-flaky.xml");
        assertThat(e.isComplete(), is(true));
    }

    @Test
    public void oneFileFoundUnderTwoPathsIsReadOnce() throws IOException, ReportException {
        Path report = folder.getRoot().toPath().resolve("TEST-a.xml");
        Files.writeString(report, "<testsuite name=\"s\"><testcase classname=\"a.B\" name=\"t\"/></testsuite>");
        Path link = folder.getRoot().toPath().resolve("alias");
        Files.createSymbolicLink(link, folder.getRoot().toPath());
        TestEvidence e = new TestReportReader().read(List.of(report, link.resolve("TEST-a.xml")));
        assertThat(e.totals().tests(), is(1));
        assertThat(e.warnings(), hasItem(containsString("is the same file as")));
    }

    @Test
    public void twoFilesWithTheSameSuiteCountBoth() throws IOException, ReportException {
        String content = "<testsuite name=\"s\"><testcase classname=\"a.B\" name=\"t\"/></testsuite>";
        Path a = Files.writeString(folder.getRoot().toPath().resolve("a.xml"), content);
        Path b = Files.writeString(folder.getRoot().toPath().resolve("b.xml"), content);
        assertThat(new TestReportReader().read(List.of(a, b)).totals().tests(), is(2));
    }

    @Test
    public void aSymlinkedReportThatIsNotFollowedMakesTheEvidenceIncomplete() throws IOException, ReportException {
        Path base = folder.newFolder("ws").toPath();
        Files.writeString(base.resolve("TEST-real.xml"), "<testsuite name=\"s\"><testcase name=\"t\"/></testsuite>");
        Path elsewhere = folder.newFile("TEST-elsewhere.xml").toPath();
        Files.writeString(elsewhere, "<testsuite name=\"x\"><testcase name=\"t\"><failure/></testcase></testsuite>");
        Files.createSymbolicLink(base.resolve("TEST-linked.xml"), elsewhere);
        ReportSet set = ReportGlob.parse("TEST-*.xml").collect(base);
        assertThat(set.files(), contains("TEST-real.xml"));
        TestEvidence e = new TestReportReader().read(set);
        assertThat(e.incomplete(), contains(startsWith("TEST-linked.xml matches 'TEST-*.xml' but is a symbolic link")));
    }

    @Test
    public void overlongUtf8AfterAByteOrderMarkIsRefusedAsWithoutOne() {
        byte[] head = "\uFEFF<testsuite name=\"".getBytes(StandardCharsets.UTF_8);
        byte[] overlong = {(byte) 0xC0, (byte) 0xBC}; // '<' spelled in two bytes
        byte[] tail = "\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] report = new byte[head.length + overlong.length + tail.length];
        System.arraycopy(head, 0, report, 0, head.length);
        System.arraycopy(overlong, 0, report, head.length, overlong.length);
        System.arraycopy(tail, 0, report, head.length + overlong.length, tail.length);
        ReportException e = assertThrows(ReportException.class, () -> new TestReportReader()
                .read("report.xml", new ByteArrayInputStream(report)));
        assertThat(e.getMessage(), startsWith("report.xml: not well-formed XML: bytes that are not UTF-8"));
    }

    @Test
    public void utf16AndEbcdicReportsAreReadThroughTheJdkDecoders() throws ReportException {
        String report = "<?xml version=\"1.0\" encoding=\"%s\"?><testsuite name=\"s\">"
                + "<testcase classname=\"a.B\" name=\"caf\u00e9\"><failure message=\"x\"/></testcase></testsuite>";
        for (String charset : List.of("UTF-16", "UTF-32", "IBM037", "ISO-8859-1")) {
            byte[] bytes = String.format(report, charset).getBytes(java.nio.charset.Charset.forName(charset));
            if (charset.equals("UTF-32")) { // Java writes UTF-32 without a byte order mark; XML wants one
                byte[] bom = {0, 0, (byte) 0xFE, (byte) 0xFF};
                byte[] marked = new byte[bytes.length + 4];
                System.arraycopy(bom, 0, marked, 0, 4);
                System.arraycopy(bytes, 0, marked, 4, bytes.length);
                bytes = marked;
            }
            TestEvidence e = new TestReportReader().read("report.xml", new ByteArrayInputStream(bytes));
            assertThat(charset, failedNames(e), contains("a.B.caf\u00e9"));
        }
    }
}
