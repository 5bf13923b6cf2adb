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
 * a 256 MB stack trace and a million test cases are read by a JVM with a 64 MB heap. The inputs
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
                        "million tests=1000000 passed=990000 failed=10000 failures=10000 maxDetail=1101 warnings=1"));
    }
}
