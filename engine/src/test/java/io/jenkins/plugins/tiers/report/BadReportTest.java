package io.jenkins.plugins.tiers.report;

import static io.jenkins.plugins.tiers.report.Reports.xml;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
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

/** What cannot be read is refused with the file, line, column and what was expected; never "0 tests". */
public class BadReportTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static String refusal(String report) {
        return assertThrows(ReportException.class, () -> xml(report)).getMessage();
    }

    @Test
    public void aStreamThatFailsMidwayIsUnreadableNotMalformed() {
        byte[] start = "<testsuite><testcase name=\"a\"/>".getBytes(StandardCharsets.UTF_8);
        java.io.InputStream failing =
                new java.io.SequenceInputStream(new ByteArrayInputStream(start), new java.io.InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disk gone");
                    }
                });
        ReportException e =
                assertThrows(ReportException.class, () -> new TestReportReader().read("remote.xml", failing));
        assertThat(e.getMessage(), is("remote.xml: cannot be read: java.io.IOException: disk gone"));
    }

    @Test
    public void anEmptyFileIsRefused() {
        ReportException e = assertThrows(ReportException.class, () -> new TestReportReader()
                .read("empty.xml", new ByteArrayInputStream(new byte[0])));
        assertThat(
                e.getMessage(),
                is("empty.xml: the file is empty; expected <testsuite> or <testsuites> as the root element"));
        assertThat(e.file(), is("empty.xml"));
        assertThat(e.line(), is(0));
    }

    @Test
    public void aFileOfWhiteSpaceHasNoRootElement() {
        assertThat(
                refusal("  \n  "),
                is("report.xml:2:2: expected <testsuite> or <testsuites> as the root element, found no element"));
    }

    @Test
    public void aPomIsNotATestReport() {
        ReportException e = assertThrows(
                ReportException.class,
                () -> xml(
                        "<?xml version=\"1.0\"?>\n<!-- build -->\n    <project><modelVersion>4.0.0</modelVersion></project>"));
        assertThat(
                e.getMessage(),
                is("report.xml:3:5: expected <testsuite> or <testsuites> as the root element, found <project>"));
        assertThat(e.line(), is(3));
        assertThat(e.column(), is(5));
        assertThat(e.problem(), is("expected <testsuite> or <testsuites> as the root element, found <project>"));
    }

    @Test
    public void mismatchedTagsAreNotWellFormed() {
        assertThat(
                refusal("<testsuite name=\"a\">\n<testcase name=\"x\">\n</testsuite>"),
                is("report.xml:3:11: not well-formed XML: Unexpected close tag </testsuite>; expected </testcase>."));
    }

    @Test
    public void aTruncatedReportIsRefused() {
        assertThat(
                refusal("<testsuite name=\"a\">\n<testcase name=\"x\"/>\n<testca"),
                is(
                        "report.xml:3:7: the report ends too early (truncated?): Unexpected end of input block in start tag"));
        assertThat(
                refusal("<testsuite name=\"a\">\n<testcase name=\"x\"/>\n"),
                is("report.xml:3: the report ends too early (truncated?): Unexpected EOF; was expecting a close"
                        + " tag for element <testsuite>"));
    }

    @Test
    public void plainTextIsRefused() {
        assertThat(
                refusal("Tests run: 5, Failures: 0"),
                is("report.xml:1:1: not well-formed XML: Unexpected character 'T' (code 84) in prolog; expected '<'"));
    }

    @Test
    public void binaryGarbageIsRefused() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        assertThrows(
                ReportException.class, () -> new TestReportReader().read("logo.png", new ByteArrayInputStream(png)));
    }

    @Test
    public void anUnknownEncodingIsRefused() {
        assertThat(
                refusal("<?xml version=\"1.0\" encoding=\"NOPE-1\"?><testsuite/>"),
                is("report.xml: not well-formed XML: Unsupported encoding: NOPE-1"));
    }

    @Test
    public void aDocumentWithNoTestCasesIsReadButSaysSo() throws ReportException {
        TestEvidence e = xml("<testsuites/>");
        assertThat(e.totals().tests(), is(0));
        assertThat(e.warnings(), contains("report.xml: contains no test cases"));
    }

    @Test
    public void aMissingFileIsRefused() {
        Path missing = folder.getRoot().toPath().resolve("TEST-missing.xml");
        ReportException e = assertThrows(ReportException.class, () -> new TestReportReader().read(List.of(missing)));
        assertThat(e.getMessage(), is(missing + ": no such file"));
    }

    @Test
    public void noFilesAtAllIsRefused() {
        ReportException e = assertThrows(ReportException.class, () -> new TestReportReader().read(List.of()));
        assertThat(e.getMessage(), is("(no files): no test report files were given; expected at least one"));
    }

    @Test
    public void oneBadFileRefusesTheWholeReadAndEveryBadFileIsNamed() throws IOException {
        Path good = write("TEST-good.xml", "<testsuite><testcase name=\"a\"/></testsuite>");
        Path pom = write("pom.xml", "<project/>");
        Path empty = write("TEST-empty.xml", "");
        ReportException e =
                assertThrows(ReportException.class, () -> new TestReportReader().read(List.of(good, pom, empty)));
        assertThat(
                e.getMessage(),
                is(pom + ":1:1: expected <testsuite> or <testsuites> as the root element, found <project>"));
        assertThat(e.getSuppressed(), arrayWithSize(1));
        assertThat(
                e.getSuppressed()[0].getMessage(),
                is(empty + ": the file is empty; expected <testsuite> or" + " <testsuites> as the root element"));
    }

    private Path write(String name, String content) throws IOException {
        Path file = folder.getRoot().toPath().resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
