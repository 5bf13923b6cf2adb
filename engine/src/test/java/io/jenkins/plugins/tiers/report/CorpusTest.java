package io.jenkins.plugins.tiers.report;

import static io.jenkins.plugins.tiers.report.Reports.counts;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The real-world reports in {@code ../shared/corpus/junit/} (skipped when absent): which parse,
 * which are refused and why, and exact counts for files whose counts were established by reading
 * them.
 */
public class CorpusTest {

    private static Path corpus;

    @BeforeClass
    public static void findCorpus() {
        corpus = Reports.corpus();
        assumeTrue("no corpus at " + corpus, corpus != null && Files.isDirectory(corpus));
    }

    /** Every file, read on its own: counts as "passed failed errored skipped flaky", or the refusal. */
    private static Map<String, String> readAll() throws IOException {
        Map<String, String> results = new TreeMap<>();
        TestReportReader reader = new TestReportReader();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String name = corpus.relativize(file).toString().replace('\\', '/');
            try (InputStream in = Files.newInputStream(file)) {
                int[] c = counts(reader.read(name, in));
                results.put(name, c[0] + " " + c[1] + " " + c[2] + " " + c[3] + " " + c[4]);
            } catch (ReportException e) {
                results.put(name, "refused: " + e.getMessage());
            }
        }
        return results;
    }

    @Test
    public void onlyBrokenAndHostileFilesAreRefusedAndEachSaysWhy() throws IOException {
        Map<String, String> refused = new TreeMap<>();
        readAll().forEach((file, result) -> {
            if (result.startsWith("refused")) {
                refused.put(file, result);
            }
        });
        String web = "not well-formed XML: Unexpected character '<' (code 60) in attribute value";
        assertThat(
                refused,
                equalTo(Map.of(
                        "action-junit-report/corrupt-junit/e2e-tests/corrupt/target/sf-reports/TEST-test.CorruptTest.xml",
                        "refused: action-junit-report/corrupt-junit/e2e-tests/corrupt/target/sf-reports/"
                                + "TEST-test.CorruptTest.xml:18:25: the report ends too early (truncated?): Unexpected"
                                + " end of input block in CDATA section",
                        "action-junit-report/junit-web-test/expected.xml",
                        "refused: action-junit-report/junit-web-test/expected.xml:9:59: " + web,
                        "action-junit-report/junit-web-test/expectedRetries.xml",
                        "refused: action-junit-report/junit-web-test/expectedRetries.xml:9:59: " + web,
                        "junit-plugin/testXxe-oob.xml",
                        "refused: junit-plugin/testXxe-oob.xml:1:1: a DOCTYPE is not allowed in a test report: DTDs"
                                + " and entities are refused to rule out XXE and entity expansion attacks",
                        "junit-plugin/testXxe-xxe.xml",
                        "refused: junit-plugin/testXxe-xxe.xml:2:1: a DOCTYPE is not allowed in a test report: DTDs"
                                + " and entities are refused to rule out XXE and entity expansion attacks")));
    }

    @Test
    public void exactCountsOfFilesReadByHand() throws IOException {
        Map<String, String> all = readAll();
        Map<String, String> expected = new TreeMap<>();
        // passed failed errored skipped flaky
        expected.put("action-junit-report/flaky_retries/flaky_all_failures.xml", "0 1 0 0 0");
        expected.put("action-junit-report/flaky_retries/flaky_success_first.xml", "0 0 0 0 1");
        // declares failures="1" errors="2" but lists one of each (merged as a flaky test): the one
        // unlisted is counted as failed, and the evidence is incomplete
        expected.put("action-junit-report/flaky_retries/flaky_with_classname_file.xml", "2 1 0 0 1");
        expected.put("action-junit-report/junit_flaky_failure/marathon_junit_report.xml", "0 0 0 0 1");
        expected.put("action-junit-report/junit_flaky_failure/mixed_flaky_and_passed.xml", "2 0 0 0 1");
        expected.put("action-junit-report/issues/testDisabled.xml", "6 4 2 10 0");
        expected.put(
                "action-junit-report/issues/testFailedDisabled.xml",
                "0 1 0 0 0"); // a failure beside status="disabled" fails
        expected.put("action-junit-report/cunit/testEmpty.xml", "0 0 0 0 0");
        expected.put("action-junit-report/cunit/testFailure.xml", "3 1 0 0 0");
        expected.put("action-junit-report/catch2/report.xml", "0 1 0 0 0");
        expected.put("action-junit-report/perl/result.xml", "1 0 0 0 0");
        expected.put("action-junit-report/xunit/report.xml", "3 1 0 0 0");
        expected.put("action-junit-report/nested/junit.xml", "2 3 0 0 0");
        expected.put("action-junit-report/python/report_flaky.xml", "2 2 0 0 0");
        expected.put(
                "action-junit-report/tests/email/target/surefire-reports/"
                        + "TEST-action.surefire.report.email.EmailAddressTest.xml",
                "2 2 5 0 0");
        expected.put("junit-plugin/junit-report-huge.xml", "5130 19 0 2430 1");
        expected.put("junit-plugin/eclipse-plugin-test-report.xml", "3366 0 0 0 0");
        // its 'Test_Summary_Report' suite declares failures="1" and lists no case: counted, and incomplete
        expected.put("junit-plugin/junit-report-1472.xml", "2652 2 0 0 0");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(e.getKey(), all.get(e.getKey()), is(e.getValue()));
        }
    }

    @Test
    public void readingEveryGoodFileTogetherAddsUp() throws IOException, ReportException {
        List<Path> good;
        try (Stream<Path> walk = Files.walk(corpus)) {
            good = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("corrupt")
                            && !p.toString().contains("junit-web-test")
                            && !p.getFileName().toString().startsWith("testXxe"))
                    .sorted()
                    .toList();
        }
        TestEvidence all = new TestReportReader().read(good);
        assertThat(all.files().size(), is(good.size()));
        assertThat(
                all.totals().tests(),
                is(all.suites().stream().mapToInt(s -> s.totals().tests()).sum()));
        int failed = all.totals().failed() + all.totals().errored();
        int named = all.failures().size() + all.failuresLeftOut();
        // failures declared but not listed are counted, not named, and make the evidence incomplete
        assertThat(named <= failed, is(true));
        assertThat(all.incomplete().isEmpty(), is(named == failed));
        assertThat(all.flaky().size(), is(all.totals().flaky()));
    }
}
