package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/**
 * Reports in every encoding XML allows are read alike; bytes that are not in the report's
 * encoding are refused with their offset, never replaced or counted.
 */
public class ReportEncodingTest {
    private static final String NAME = "größer_als_中文_😀";
    private static final String BODY = "<testsuite name=\"s\"><testcase classname=\"c.Ä\" name=\"" + NAME
            + "\"><failure message=\"é\">détail ✓</failure></testcase></testsuite>";

    private static TestEvidence read(byte[] bytes) throws ReportException {
        return new TestReportReader().read("report.xml", new ByteArrayInputStream(bytes));
    }

    private static byte[] bytes(String declaration, Charset charset, byte... bom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes((declaration + BODY).getBytes(charset));
        return out.toByteArray();
    }

    private static void assertReadExactly(byte[] bytes) throws ReportException {
        TestFailure failure = read(bytes).failures().get(0);
        assertThat(failure.id(), is(new TestId("c.Ä", NAME)));
        assertThat(failure.message(), is("é"));
        assertThat(failure.detail(), is("détail ✓"));
    }

    @Test
    public void utf8IsReadWithOrWithoutADeclarationOrAByteOrderMark() throws ReportException {
        assertReadExactly(bytes("", StandardCharsets.UTF_8));
        assertReadExactly(bytes("<?xml version=\"1.0\"?>\n", StandardCharsets.UTF_8));
        assertReadExactly(bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", StandardCharsets.UTF_8));
        assertReadExactly(bytes("<?xml version='1.0' encoding = 'utf-8' standalone='yes'?>", StandardCharsets.UTF_8));
        assertReadExactly(bytes("", StandardCharsets.UTF_8, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF));
    }

    @Test
    public void utf16IsReadWithAByteOrderMark() throws ReportException {
        assertReadExactly(bytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", StandardCharsets.UTF_16));
        assertReadExactly(bytes("", StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE));
    }

    @Test
    public void aDeclaredSingleByteEncodingIsHonoured() throws ReportException {
        String latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><testsuite><testcase name=\"größer\">"
                + "<failure>é</failure></testcase></testsuite>";
        TestFailure failure =
                read(latin1.getBytes(StandardCharsets.ISO_8859_1)).failures().get(0);
        assertThat(failure.id().name(), is("größer"));
        assertThat(failure.detail(), is("é"));
    }

    @Test
    public void latin1WithoutADeclarationIsRefusedAtItsFirstForeignByte() {
        byte[] latin1 =
                "<testsuite><testcase name=\"gr\u00f6\u00dfer\"/></testsuite>".getBytes(StandardCharsets.ISO_8859_1);
        ReportException e = assertThrows(ReportException.class, () -> read(latin1));
        assertThat(
                e.getMessage(),
                is("report.xml: not well-formed XML: invalid UTF-8 at byte offset 29 (byte 0xF6); a report in"
                        + " another encoding must declare it, as in <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"));
    }

    @Test
    public void aReportCutInsideACharacterSaysSo() {
        byte[] whole = "<testsuite><testcase name=\"中\"/></testsuite>".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(whole, 29); // two of the three bytes of 中
        ReportException e = assertThrows(ReportException.class, () -> read(cut));
        assertThat(
                e.getMessage(),
                is("report.xml: not well-formed XML: the file ends inside a UTF-8 character, at byte offset 27;"
                        + " a report in another encoding must declare it, as in"
                        + " <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"));
    }

    @Test
    public void overlongFormsAndEncodedSurrogatesAreNotUtf8() {
        byte[] overlongSlash = attributeOf((byte) 0xC0, (byte) 0xAF);
        assertThat(
                assertThrows(ReportException.class, () -> read(overlongSlash)).getMessage(), is(invalidAt(14, 0xC0)));
        byte[] surrogate = attributeOf((byte) 0xED, (byte) 0xA0, (byte) 0x80);
        assertThat(assertThrows(ReportException.class, () -> read(surrogate)).getMessage(), is(invalidAt(14, 0xED)));
    }

    /** {@code <testsuite n="…"/>} with these bytes as the value, which starts at byte offset 14. */
    private static byte[] attributeOf(byte... value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("<testsuite n=\"".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
        out.writeBytes("\"/>".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String invalidAt(int offset, int value) {
        return String.format(
                "report.xml: not well-formed XML: invalid UTF-8 at byte offset %d (byte 0x%02X); a report in another"
                        + " encoding must declare it, as in <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
                offset, value);
    }

    @Test
    public void utf16WithoutAByteOrderMarkIsRefused() {
        // XML requires a byte order mark in UTF-16: read as the UTF-8 it declares, it is not well-formed
        ReportException e = assertThrows(ReportException.class, () -> read(bytes("", StandardCharsets.UTF_16LE)));
        assertThat(e.getMessage(), startsWith("report.xml: not well-formed XML: "));
    }
}
