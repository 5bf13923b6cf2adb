package io.jenkins.plugins.tiers.report;

import static io.jenkins.plugins.tiers.report.Reports.xml;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

/**
 * What is kept of a failure: its message and the start of its detail, whatever the text is made
 * of (plain text, CDATA sections, nested elements, CR LF line ends) and wherever the parser's
 * buffers happen to cut it.
 */
public class FailureDetailTest {

    private static String detailOf(TestReportReader reader, String failureContent) throws ReportException {
        TestEvidence e = xml(
                reader,
                "<testsuite><testcase classname=\"c.A\" name=\"t\"><failure message=\"m\">" + failureContent
                        + "</failure></testcase></testsuite>");
        return e.failures().get(0).detail();
    }

    @Test
    public void textCdataAndNestedElementsMakeOneDetailStrippedOfOuterWhiteSpace() throws ReportException {
        assertThat(
                detailOf(new TestReportReader(), "\n  first <![CDATA[<second>]]> <b>third</b>\n  "),
                is("first <second> third"));
    }

    @Test
    public void crLfLineEndsBecomeLineFeeds() throws ReportException {
        assertThat(
                detailOf(new TestReportReader(), "<![CDATA[java.lang.AssertionError\r\n\tat c.A.t(A.java:1)\r\n]]>"),
                is("java.lang.AssertionError\n\tat c.A.t(A.java:1)"));
    }

    @Test
    public void aLongDetailKeepsItsStartAndSaysItWasCut() throws ReportException {
        String line = "\tat c.A.t(A.java:1)\r\n";
        String kept = detailOf(
                new TestReportReader().withMaxDetailChars(50),
                "<![CDATA[java.lang.AssertionError\r\n" + line.repeat(10_000) + "]]>");
        assertThat(
                kept, is(("java.lang.AssertionError\n" + "\tat c.A.t(A.java:1)\n".repeat(3)).substring(0, 50) + "\n…"));
    }

    @Test
    public void theMessageIsCutAtItsOwnLimit() throws ReportException {
        TestEvidence e = xml(
                new TestReportReader().withMaxMessageChars(5),
                "<testsuite><testcase name=\"t\"><failure message=\"expected 1 but was 2\"/></testcase></testsuite>");
        assertThat(e.failures().get(0).message(), is("expec…"));
    }

    /**
     * A CDATA section that starts just before the end of the parser's 64 K character buffer is
     * one the parser would gather whole if asked for its characters; streamed, it is cut at the
     * limit wherever it starts.
     */
    @Test
    public void aCdataDetailIsCutAtTheLimitWhereverItMeetsABufferBoundary() throws ReportException {
        String head = "<testsuite><testcase classname=\"c.A\" name=\"t\"><failure message=\"m\">";
        String trace = "java.lang.AssertionError\r\n" + "\tat c.A.t(A.java:1)\r\n".repeat(10_000);
        String expected = "java.lang.AssertionError\n" + "\tat c.A.t(A.java:1)\n".repeat(10_000);
        int boundary = 1 << 16;
        for (int start = boundary - 80; start <= boundary + 8; start += 4) {
            // a comment pads the report so that "<![CDATA[" starts `start` characters in
            String padding = "<!--" + "p".repeat(start - head.length() - "<!---->".length()) + "-->";
            TestEvidence e = xml(
                    new TestReportReader().withMaxDetailChars(4_000),
                    head + padding + "<![CDATA[" + trace + "]]></failure></testcase></testsuite>");
            assertThat("CDATA at " + start, e.failures().get(0).detail(), is(expected.substring(0, 4_000) + "\n…"));
        }
    }
}
