package io.jenkins.plugins.tiers.report;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Run by {@link HugeReportTest} in a child JVM with a small heap: reads synthesized reports far
 * larger than the heap and prints what it found, one line per case.
 */
public final class HugeReportProbe {
    private HugeReportProbe() {}

    public static void main(String[] args) throws ReportException {
        TestReportReader reader = new TestReportReader();
        long gigabyte = 1L << 30;
        String line = "2026-11-26 04:00:00.000 INFO  [main] c.e.Service - processing &lt;record&gt; of batch 42\n";
        long lines = gigabyte / line.length();
        TestEvidence out = reader.read(
                "system-out.xml",
                SynthesizedReport.repeating(
                        "<testsuite name=\"big\"><testcase classname=\"c.Big\" name=\"logs\"><system-out>",
                        lines,
                        line,
                        "</system-out></testcase></testsuite>"));
        print("system-out", out);

        print("huge-trace", reader.read("huge-trace.xml", hugeTrace("", "\n")));
        // a first line ending in CR LF once made the parser gather the whole CDATA section at once
        print("windows-trace", reader.read("windows-trace.xml", hugeTrace("java.lang.StackOverflowError\r\n", "\r\n")));

        TestEvidence many = reader.read(
                "million.xml",
                new SynthesizedReport(
                        "<testsuites><testsuite name=\"many\">",
                        1_000_000,
                        i -> testCase(i),
                        "</testsuite></testsuites>"));
        print("million", many);

        // a name of 20 M characters in encodings whose bytes the guard cannot read as ASCII
        String name = "n".repeat(1 << 10);
        long repeats = (20L << 20) / name.length();
        refusal(
                "utf16-name",
                reader,
                SynthesizedReport.repeating(
                        Charset.forName("UTF-16BE"),
                        "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><testsuite><x",
                        repeats,
                        name,
                        "/></testsuite>"));
        refusal(
                "utf32-name",
                reader,
                SynthesizedReport.repeating(
                        Charset.forName("UTF-32BE"),
                        "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-32\"?><testsuite><x",
                        repeats,
                        name,
                        "/></testsuite>"));
        refusal(
                "ebcdic-name",
                reader,
                SynthesizedReport.repeating(
                        Charset.forName("IBM037"),
                        "<?xml version=\"1.0\" encoding=\"IBM037\"?><testsuite><x",
                        repeats,
                        name,
                        "/></testsuite>"));
        refusal(
                "doctype-system-id",
                reader,
                SynthesizedReport.repeating(
                        "<!DOCTYPE r SYSTEM \"", (60L << 20) / name.length(), name, "\"><testsuite/>"));
        print(
                "empty-suites",
                reader.read(
                        "empty-suites.xml",
                        new SynthesizedReport(
                                "<testsuites>",
                                2_000_000,
                                i -> ("<testsuite name=\"com.example.Suite" + i + "\" tests=\"0\"/>\n")
                                        .getBytes(StandardCharsets.UTF_8),
                                "</testsuites>")));
        print(
                "failures",
                reader.read(
                        "failures.xml",
                        new SynthesizedReport(
                                "<testsuite name=\"failing\">",
                                300_000,
                                i -> ("<testcase classname=\"com.example.Failing\" name=\"test" + i
                                                + "\"><failure message=\"" + "expected ".repeat(100) + i
                                                + "\">trace</failure></testcase>\n")
                                        .getBytes(StandardCharsets.UTF_8),
                                "</testsuite>")));
    }

    private static void refusal(String name, TestReportReader reader, SynthesizedReport report) {
        try {
            print(name, reader.read(name + ".xml", report));
        } catch (ReportException e) {
            System.out.println(name + " refused: " + e.getMessage());
        }
    }

    /** A failure whose CDATA detail is 256 MB of trace lines. */
    private static SynthesizedReport hugeTrace(String firstLine, String lineEnd) {
        return SynthesizedReport.repeating(
                "<testsuite name=\"big\"><testcase classname=\"c.Big\" name=\"fails\"><failure message=\"m\">"
                        + "<![CDATA[" + firstLine,
                (256L << 20) / 40,
                "\tat c.Big.recurse(Big.java:10) <<>> " + lineEnd,
                "]]></failure></testcase></testsuite>");
    }

    private static byte[] testCase(long i) {
        String head = "<testcase classname=\"com.example.Generated" + (i % 997) + "Test\" name=\"test" + i
                + "\" time=\"0.001\"";
        if (i % 100 != 0) {
            return (head + "/>\n").getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder trace = new StringBuilder("java.lang.AssertionError: expected " + i + "\n");
        for (int l = 0; l < 20; l++) {
            trace.append("\tat com.example.Generated.helper")
                    .append(l)
                    .append("(Generated.java:")
                    .append(l)
                    .append(")\n");
        }
        return (head + "><failure message=\"expected\">" + trace + "</failure></testcase>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void print(String name, TestEvidence e) {
        TestTotals t = e.totals();
        int detail =
                e.failures().stream().mapToInt(f -> f.detail().length()).max().orElse(0);
        System.out.println(name + " tests=" + t.tests() + " passed=" + t.passed() + " failed=" + t.failed()
                + " failures=" + e.failures().size() + " maxDetail=" + detail + " warnings="
                + e.warnings().size() + (e.failuresLeftOut() > 0 ? " leftOut=" + e.failuresLeftOut() : "")
                + (e.suites().size() > 1 ? " suites=" + e.suites().size() : ""));
    }
}
