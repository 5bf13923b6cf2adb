package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/**
 * Which reports the reader decodes as UTF-8 itself: those plainly UTF-8; every other one goes to
 * the parser byte for byte, whether the bytes arrive all at once or one at a time.
 */
public class ReportHeadTest {

    private static InputStream oneByteAtATime(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static boolean isUtf8(byte[] bytes) throws IOException {
        boolean whole = ReportHead.read(new ByteArrayInputStream(bytes)).isUtf8();
        boolean trickled = ReportHead.read(oneByteAtATime(bytes)).isUtf8();
        assertThat("the same decision whatever the reads", trickled, is(whole));
        return whole;
    }

    private static boolean isUtf8(String start) throws IOException {
        return isUtf8((start + "<testsuite/>").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    public void plainlyUtf8ReportsAreDecodedHere() throws IOException {
        assertThat(isUtf8(""), is(true));
        assertThat(isUtf8("  \n"), is(true));
        assertThat(isUtf8("<?xml version=\"1.0\"?>"), is(true));
        assertThat(isUtf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), is(true));
        assertThat(isUtf8("<?xml version='1.0' encoding = 'utf-8' ?>"), is(true));
        assertThat(isUtf8("<?xml version=\"1.0\" encoding=\"UTF8\"?>"), is(true));
        assertThat(
                isUtf8("<?xml-stylesheet href=\"a.xsl\"?>"), is(true)); // a processing instruction, not a declaration
        assertThat(isUtf8(new byte[0]), is(true));
    }

    @Test
    public void everyOtherReportIsLeftToTheParser() throws IOException {
        assertThat(isUtf8("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"), is(false));
        assertThat(isUtf8("<?xml version=\"1.0\" encoding=\"windows-1252\"?>"), is(false));
        assertThat(isUtf8("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>"), is(false));
        assertThat(isUtf8("<?xml version=\"1.0\" encoding=UTF-8?>"), is(false)); // not followed: the parser says why
        assertThat(isUtf8("<?xml version=\"1.0\" encoding=\"UTF-8\" " + " ".repeat(2000) + "?>"), is(false));
        assertThat(isUtf8("\u00ef\u00bb\u00bf"), is(false)); // UTF-8 byte order mark
        assertThat(isUtf8("<testsuite/>".getBytes(StandardCharsets.UTF_16)), is(false));
        assertThat(isUtf8("<testsuite/>".getBytes(StandardCharsets.UTF_16LE)), is(false));
        assertThat(isUtf8(new byte[] {0x4C, 0x6F, (byte) 0xA7, (byte) 0x94}), is(false)); // EBCDIC "<?xm"
    }

    @Test
    public void theBytesReadAreReplayedBeforeTheRest() throws IOException {
        byte[] bytes = "<?xml version='1.0' encoding='ISO-8859-1'?><testsuite name='\u00e9'/>"
                .getBytes(StandardCharsets.ISO_8859_1);
        InputStream in = oneByteAtATime(bytes);
        ReportHead head = ReportHead.read(in);
        assertThat(head.length() < bytes.length, is(true));
        assertThat(head.replayedBefore(in).readAllBytes(), is(bytes));
    }
}
