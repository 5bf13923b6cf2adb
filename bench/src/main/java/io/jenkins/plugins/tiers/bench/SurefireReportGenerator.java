package io.jenkins.plugins.tiers.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a large, realistic Maven Surefire report: many test cases, a share of failures with
 * multi-line stack traces, and big {@code system-out} blocks. Deterministic for the same
 * arguments, so benchmark runs compare like with like.
 */
public final class SurefireReportGenerator {

    private final int testCases;
    private final int failureEvery;
    private final int traceLines;
    private final int systemOutEvery;
    private final int systemOutLines;

    /**
     * @param testCases how many test cases to write
     * @param failureEvery one test case in this many fails (0 for none)
     * @param traceLines stack-trace lines per failure
     * @param systemOutEvery one test case in this many carries a {@code system-out} block (0 for
     *     none)
     * @param systemOutLines lines in each {@code system-out} block
     */
    public SurefireReportGenerator(
            int testCases, int failureEvery, int traceLines, int systemOutEvery, int systemOutLines) {
        this.testCases = testCases;
        this.failureEvery = failureEvery;
        this.traceLines = traceLines;
        this.systemOutEvery = systemOutEvery;
        this.systemOutLines = systemOutLines;
    }

    /** The number of failing test cases this generator writes. */
    public int failures() {
        return failureEvery == 0 ? 0 : (testCases + failureEvery - 1) / failureEvery;
    }

    /** Writes the report to a file, replacing it. */
    public Path writeTo(Path file) throws IOException {
        try (Writer w = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            write(w);
        }
        return file;
    }

    /** Writes the report. */
    public void write(Writer w) throws IOException {
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write(String.format(
                Locale.ROOT,
                "<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" name=\"com.example.GeneratedTest\""
                        + " time=\"%d.5\" tests=\"%d\" errors=\"0\" skipped=\"0\" failures=\"%d\">",
                testCases / 100,
                testCases,
                failures()));
        w.write("\n  <properties>\n    <property name=\"java.version\" value=\"17.0.15\"/>\n  </properties>\n");
        for (int i = 0; i < testCases; i++) {
            String className = "com.example.module" + (i % 50) + ".Generated" + (i % 997) + "Test";
            w.write("  <testcase name=\"test");
            w.write(Integer.toString(i));
            w.write("\" classname=\"");
            w.write(className);
            w.write("\" time=\"0.0");
            w.write(Integer.toString(i % 10));
            w.write('"');
            boolean fails = failureEvery > 0 && i % failureEvery == 0;
            boolean out = systemOutEvery > 0 && i % systemOutEvery == 0;
            if (!fails && !out) {
                w.write("/>\n");
                continue;
            }
            w.write(">\n");
            if (fails) {
                w.write("    <failure message=\"expected:&lt;" + i + "&gt; but was:&lt;" + (i + 1)
                        + "&gt;\" type=\"java.lang.AssertionError\">java.lang.AssertionError: expected\n");
                for (int l = 0; l < traceLines; l++) {
                    w.write("\tat " + className + ".helper" + l + "(Generated.java:" + (l + 10) + ")\n");
                }
                w.write("</failure>\n");
            }
            if (out) {
                w.write("    <system-out><![CDATA[");
                for (int l = 0; l < systemOutLines; l++) {
                    w.write("2026-11-26 04:00:00.000 INFO  [main] c.e.Generated - processing record " + l + " of batch "
                            + i + "\n");
                }
                w.write("]]></system-out>\n");
            }
            w.write("  </testcase>\n");
        }
        w.write("</testsuite>\n");
    }
}
