package io.jenkins.plugins.tiers.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test helpers: read a fixture from the classpath, or a report written inline. */
final class Reports {
    private Reports() {}

    static TestEvidence fixture(String name) throws ReportException {
        return fixture("dialects", name);
    }

    /** A fixture from a folder of the test resources beside this class. */
    static TestEvidence fixture(String folder, String name) throws ReportException {
        try (InputStream in = Reports.class.getResourceAsStream(folder + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new TestReportReader().read(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestEvidence xml(String xml) throws ReportException {
        return xml(new TestReportReader(), xml);
    }

    static TestEvidence xml(TestReportReader reader, String xml) throws ReportException {
        return reader.read("report.xml", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The corpus of real-world reports beside the worktree, or {@code null} when it is absent. */
    static Path corpus() {
        String root = System.getProperty("tiers.root");
        return root == null
                ? null
                : Path.of(root, "..", "shared", "corpus", "junit").normalize();
    }

    /** passed, failed, errored, skipped, flaky: the counts in the order every assertion uses. */
    static int[] counts(TestEvidence evidence) {
        TestTotals t = evidence.totals();
        return new int[] {t.passed(), t.failed(), t.errored(), t.skipped(), t.flaky()};
    }
}
