package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Memory does not grow with the size of a report or its passing tests: a 1 GB {@code system-out},
 * a 256 MB stack trace, a million test cases, 2 million suites, 300,000 failures and huge names in
 * UTF-16, UTF-32 and EBCDIC are read (or refused with the typed error) by a JVM with a 64 MB heap. The inputs
 * are made up while read, so nothing touches the disk.
 */
public class HugeReportTest {

    @Test(timeout = 240_000)
    public void hugeReportsAreReadInA64MegabyteHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(
                        java.toString(),
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        HugeReportProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(200, TimeUnit.SECONDS), is(true));
        assertThat(output, probe.exitValue(), is(0));
        // the first 4096 characters of the trace, less the space they end on, then a new line and an ellipsis
        int detail = TestReportReader.DEFAULT_MAX_DETAIL_CHARS - 1 + 2;
        // 10,000 traces of ~1,100 characters overrun the 4 M character detail budget: one warning says so
        assertThat(
                output.lines().toList(),
                contains(
                        "system-out tests=1 passed=1 failed=0 failures=0 maxDetail=0 warnings=0",
                        "huge-trace tests=1 passed=0 failed=1 failures=1 maxDetail=" + detail + " warnings=0",
                        // the same with CR LF line ends: 4096 characters, none of them white space at the end
                        "windows-trace tests=1 passed=0 failed=1 failures=1 maxDetail=" + (detail + 1) + " warnings=0",
                        "million tests=1000000 passed=990000 failed=10000 failures=10000 maxDetail=1101 warnings=1",
                        // names measured after decoding, whatever the encoding: the guard reads them as UTF-8
                        "utf16-name refused: utf16-name.xml: refused, beyond a safety limit: an element or attribute"
                                + " name longer than 8192 bytes at byte offset 8297",
                        "utf32-name refused: utf32-name.xml: refused, beyond a safety limit: an element or attribute"
                                + " name longer than 8192 bytes at byte offset 8401",
                        "ebcdic-name refused: ebcdic-name.xml: refused, beyond a safety limit: an element or attribute"
                                + " name longer than 8192 bytes at byte offset 8244",
                        // refused at its start, before the parser reads a 60 MB system id
                        "doctype-system-id refused: doctype-system-id.xml:1:1: a DOCTYPE is not allowed in a test"
                                + " report: DTDs and entities are refused to rule out XXE and entity expansion attacks",
                        // 2 million suites: 10,000 kept by name, the rest counted together
                        "empty-suites tests=0 passed=0 failed=0 failures=0 maxDetail=0 warnings=2 suites=10001",
                        // 300,000 failures: all counted, the first 10,000 kept by name
                        "failures tests=300000 passed=0 failed=300000 failures=10000 maxDetail=5 warnings=1"
                                + " leftOut=290000"));
    }
}
