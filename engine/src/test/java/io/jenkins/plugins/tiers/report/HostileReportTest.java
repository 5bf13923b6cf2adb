package io.jenkins.plugins.tiers.report;

import static io.jenkins.plugins.tiers.report.Reports.counts;
import static io.jenkins.plugins.tiers.report.Reports.xml;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Reports are attacker-controlled input: no DTD, no entity, no fetch of any kind, and limits on
 * sizes. A listener on the loopback interface must never see a connection.
 */
public class HostileReportTest {

    private static final String DOCTYPE_REFUSED = "a DOCTYPE is not allowed in a test report: DTDs and entities"
            + " are refused to rule out XXE and entity expansion attacks";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private ServerSocket listener;
    private String url;

    @Before
    public void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(200);
        url = "http://127.0.0.1:" + listener.getLocalPort() + "/evil";
    }

    @After
    public void listenerReceivedNothing() throws IOException {
        try (Socket connection = listener.accept()) {
            fail("the reader connected to " + url + " from " + connection.getRemoteSocketAddress());
        } catch (SocketTimeoutException expected) {
            // nobody called
        } finally {
            listener.close();
        }
    }

    private static String refusal(String report) {
        return assertThrows(ReportException.class, () -> xml(report)).getMessage();
    }

    @Test(timeout = 10_000)
    public void anExternalGeneralEntityIsRefusedAndNeverFetched() {
        assertThat(
                refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [\n  <!ENTITY xxe SYSTEM \"" + url + "\">\n]>\n"
                        + "<testsuite><testcase name=\"&xxe;\"/></testsuite>"),
                is("report.xml:2:1: " + DOCTYPE_REFUSED));
    }

    @Test(timeout = 10_000)
    public void aLocalFileEntityIsRefusedAndItsContentNeverLeaks() throws IOException {
        Path secret = folder.newFile("secret.txt").toPath();
        Files.writeString(secret, "s3cr3t-token", StandardCharsets.UTF_8);
        String message = refusal("<!DOCTYPE testsuite [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<testsuite><testcase name=\"a\"><failure message=\"&x;\"/></testcase></testsuite>");
        assertThat(message, is("report.xml:1:1: " + DOCTYPE_REFUSED));
        assertThat(message, not(containsString("s3cr3t")));
    }

    @Test(timeout = 10_000)
    public void anExternalParameterEntityIsRefusedAndNeverFetched() {
        assertThat(
                refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [\n<!ENTITY % remote SYSTEM \"" + url
                        + "\">\n%remote;\n]>\n<testsuite/>"),
                is("report.xml:2:1: " + DOCTYPE_REFUSED));
    }

    @Test(timeout = 10_000)
    public void anExternalDtdIsNeverFetched() {
        assertThat(
                refusal("<!DOCTYPE testsuite SYSTEM \"" + url + "\"><testsuite/>"),
                is("report.xml:1:1: " + DOCTYPE_REFUSED));
    }

    @Test(timeout = 2_000)
    public void billionLaughsIsRefusedBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            String previous = i == 1 ? "lol" : "lol" + (i - 1);
            dtd.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&" + previous + ";").repeat(10))
                    .append("\">\n");
        }
        dtd.append("]>\n<testsuite><testcase name=\"&lol9;\"/></testsuite>");
        assertThat(refusal(dtd.toString()), is("report.xml:1:1: " + DOCTYPE_REFUSED));
    }

    @Test(timeout = 10_000)
    public void anEntityReferenceWithoutADtdIsRefused() {
        assertThat(
                refusal("<testsuite><testcase name=\"&xxe;\"/></testsuite>"),
                is("report.xml:1:32: not well-formed XML: Undeclared general entity \"xxe\""));
    }

    @Test(timeout = 10_000)
    public void xincludeSchemaLocationsAndStylesheetsAreInertText() throws ReportException {
        TestEvidence e = xml("<?xml-stylesheet type=\"text/xsl\" href=\"" + url + "\"?>\n"
                + "<testsuite xmlns:xi=\"http://www.w3.org/2001/XInclude\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:x " + url + "\">"
                + "<testcase name=\"a\"><xi:include href=\"" + url + "\" parse=\"text\"/></testcase>"
                + "<testcase name=\"b\"><failure><xi:include href=\"" + url + "\"/>plain</failure></testcase>"
                + "</testsuite>");
        assertThat(counts(e), equalTo(new int[] {1, 1, 0, 0, 0}));
        assertThat(e.failures().get(0).detail(), is("plain"));
    }

    @Test(timeout = 10_000)
    public void characterReferencesAndPredefinedEntitiesStillWork() throws ReportException {
        TestEvidence e = xml("<testsuite><testcase name=\"a&lt;&#x42;&#67;&amp;&quot;&apos;&gt;\"/></testsuite>");
        assertThat(e.suites().get(0).totals().passed(), is(1));
        assertThat(
                xml("<testsuite><testcase name=\"x\"><failure message=\"&lt;b&gt;\"/></testcase></testsuite>")
                        .failures()
                        .get(0)
                        .message(),
                is("<b>"));
    }

    @Test(timeout = 10_000)
    public void aHugeAttributeValueIsRefused() {
        assertThat(
                refusal("<testsuite><testcase name=\"" + "x".repeat(TestReportReader.DEFAULT_MAX_ATTRIBUTE_CHARS + 1)
                        + "\"/></testsuite>"),
                is("report.xml:1:12: refused, beyond a safety limit: Maximum attribute size limit (65536) exceeded"));
    }

    @Test(timeout = 10_000)
    public void tooManyAttributesAreRefused() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            attributes.append(" a").append(i).append("=\"1\"");
        }
        assertThat(
                refusal("<testsuite><testcase" + attributes + "/></testsuite>"),
                is("report.xml:1:12: refused, beyond a safety limit: Attribute limit (512) exceeded"));
    }

    @Test(timeout = 10_000)
    public void deepNestingIsRefused() {
        int depth = 100_000;
        assertThat(
                refusal("<testsuite>" + "<a>".repeat(depth) + "</a>".repeat(depth) + "</testsuite>"),
                is("report.xml:1:777: refused, beyond a safety limit: Maximum Element Depth limit (256) Exceeded"));
    }

    @Test(timeout = 10_000)
    public void aHugeElementNameIsRefusedBeforeItIsBuffered() {
        assertThat(
                refusal("<testsuite><" + "n".repeat(1 << 20) + "/></testsuite>"),
                is("report.xml: refused, beyond a safety limit: an element or attribute name longer than 8192"
                        + " bytes at byte offset 8205"));
    }

    @Test(timeout = 10_000)
    public void aHugeAttributeNameIsRefusedBeforeItIsBuffered() {
        assertThat(
                refusal("<testsuite><testcase name='a' " + "n".repeat(1 << 20) + "='x'/></testsuite>"),
                containsString("refused, beyond a safety limit: an element or attribute name longer than 8192 bytes"));
    }

    @Test
    public void theFactoryLentToOthersIsAsHardenedAsTheReadersOwn() throws Exception {
        javax.xml.stream.XMLInputFactory factory = TestReportReader.inputFactory();
        assertThat(factory.getProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD), is(false));
        assertThat(factory.getProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES), is(false));
        StringBuilder tag = new StringBuilder("<a");
        for (int i = 0; i < 600; i++) {
            tag.append(" a").append(i).append("=\"1\"");
        }
        javax.xml.stream.XMLStreamReader xml = factory.createXMLStreamReader(
                new java.io.ByteArrayInputStream((tag + "/>").getBytes(StandardCharsets.UTF_8)));
        javax.xml.stream.XMLStreamException e = assertThrows(javax.xml.stream.XMLStreamException.class, xml::next);
        assertThat(e.getMessage(), containsString("Attribute limit (512) exceeded"));
    }

    @Test(timeout = 10_000)
    public void aHugeDoctypeNameIsRefusedAtItsStartBeforeItIsBuffered() {
        assertThat(
                refusal("<!DOCTYPE " + "n".repeat(1 << 20) + "><testsuite/>"),
                is("report.xml:1:1: a DOCTYPE is not allowed in a test report: DTDs and entities are refused"
                        + " to rule out XXE and entity expansion attacks"));
    }

    @Test(timeout = 10_000)
    public void longWordsInTextCdataAndCommentsAreNotNames() throws ReportException {
        String word = "w".repeat(100_000);
        TestEvidence e = xml("<testsuite><!-- <" + word + " --><testcase name=\"a\"><system-out><![CDATA[<" + word
                + "]]]]></system-out></testcase><testcase name=\"b\"><failure>" + word
                + "</failure></testcase></testsuite>");
        assertThat(counts(e), equalTo(new int[] {1, 1, 0, 0, 0}));
        assertThat(e.failures().get(0).detail().length(), is(TestReportReader.DEFAULT_MAX_DETAIL_CHARS + 2));
    }
}
