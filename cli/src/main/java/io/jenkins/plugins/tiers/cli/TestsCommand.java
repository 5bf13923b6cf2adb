package io.jenkins.plugins.tiers.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.tiers.report.ReportException;
import io.jenkins.plugins.tiers.report.ReportFile;
import io.jenkins.plugins.tiers.report.ReportGlob;
import io.jenkins.plugins.tiers.report.ReportSet;
import io.jenkins.plugins.tiers.report.SuiteSummary;
import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.report.TestFailure;
import io.jenkins.plugins.tiers.report.TestId;
import io.jenkins.plugins.tiers.report.TestReportReader;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tiers tests}: reads JUnit XML reports the way a gate will, so a pipeline (or a person) can
 * see the evidence, and fail on a report that cannot be read, before any promotion depends on it.
 */
@Command(
        name = "tests",
        mixinStandardHelpOptions = true,
        description = {
            "Read JUnit-style XML test reports and print their totals, failures and warnings.",
            "A pattern that matches nothing, or any unreadable report, is an error (exit 65), never \"0 tests\"."
        },
        footer = {"", "Exit codes: 0 reports read, 64 usage error, 65 a report is missing or bad."})
public final class TestsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--base",
            paramLabel = "DIR",
            description = "Directory the patterns are relative to (default: the working directory).")
    Path base = Path.of("");

    @Option(
            names = "--newer-than",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description = "Ignore reports last modified before this ISO-8601 instant (e.g. the build's start),"
                    + " with a warning naming them.")
    Instant newerThan;

    @Option(names = "--json", description = "Print machine-readable JSON on stdout.")
    boolean json;

    @Parameters(
            arity = "1..*",
            paramLabel = "GLOB",
            description = "Ant-style patterns such as '**/target/*-reports/TEST-*.xml'; several may be given, or"
                    + " separated by commas. A pattern may be absolute or start outside --base"
                    + " (~/reports/TEST-a.xml, ../other/**/TEST-*.xml).")
    List<String> patterns;

    /** Parses {@code --newer-than}, saying what form is expected. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an instant; expected ISO-8601 such as 2026-11-26T04:00:00Z");
            }
        }
    }

    /**
     * Report patterns as a person types them on their own machine: absolute, outside the working
     * directory ({@code ../other/**}{@code /TEST-*.xml}), or from the home directory when the shell
     * left {@code ~/} alone (quoted). Only the Jenkins steps confine patterns to the workspace.
     *
     * @throws IllegalArgumentException naming the pattern at fault
     */
    static ReportGlob reportGlob(List<String> patterns) {
        String home = System.getProperty("user.home");
        List<String> expanded = patterns.stream()
                .map(p -> home != null && (p.equals("~") || p.startsWith("~/")) ? home + p.substring(1) : p)
                .toList();
        return ReportGlob.anywhere(expanded);
    }

    @Override
    public Integer call() throws JsonProcessingException {
        ReportGlob glob;
        try {
            glob = reportGlob(patterns);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TestEvidence evidence;
        try {
            ReportSet reports = glob.collect(base.toAbsolutePath().normalize(), newerThan);
            evidence = new TestReportReader().read(reports);
        } catch (ReportException e) {
            err.println("tiers tests: " + e.getMessage());
            for (Throwable more : e.getSuppressed()) {
                err.println("tiers tests: " + more.getMessage());
            }
            err.flush();
            return ExitCodes.INPUT;
        }
        if (json) {
            out.println(mapper().writeValueAsString(TestsJson.of(evidence)));
        } else {
            printText(out, evidence);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static void printText(PrintWriter out, TestEvidence evidence) {
        TestTotals t = evidence.totals();
        out.printf(
                Locale.ROOT,
                "%d tests: %d passed, %d failed, %d errored, %d skipped, %d flaky in %.3f s (%d suites, %d files)%n",
                t.tests(),
                t.passed(),
                t.failed(),
                t.errored(),
                t.skipped(),
                t.flaky(),
                t.durationSeconds(),
                evidence.suites().size(),
                evidence.files().size());
        for (TestFailure f : evidence.failures()) {
            String message = f.message().isEmpty() ? "" : ": " + firstLine(f.message());
            out.println(
                    (f.kind() == TestFailure.Kind.ERROR ? "ERROR   " : "FAILED  ") + f.id().displayName() + message);
        }
        for (TestId id : evidence.flaky()) {
            out.println("FLAKY   " + id.displayName());
        }
        if (evidence.failuresLeftOut() > 0) {
            out.println("FAILED  " + evidence.failuresLeftOut() + " more, counted but not named");
        }
        for (String why : evidence.incomplete()) {
            out.println("incomplete: " + why);
        }
        for (String warning : evidence.warnings()) {
            out.println("warning: " + warning);
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end) + " …";
    }

    /** The JSON shape: totals at the top level, then the lists; stable for scripts. */
    record TestsJson(
            @JsonUnwrapped TotalsJson totals,
            List<FailureJson> failures,
            List<String> flakyTests,
            List<SuiteJson> suites,
            List<ReportFile> files,
            List<String> warnings,
            List<String> incomplete,
            int failuresNotNamed) {

        static TestsJson of(TestEvidence e) {
            return new TestsJson(
                    TotalsJson.of(e.totals()),
                    e.failures().stream().map(FailureJson::of).toList(),
                    e.flaky().stream().map(TestId::displayName).toList(),
                    e.suites().stream().map(SuiteJson::of).toList(),
                    e.files(),
                    e.warnings(),
                    e.incomplete(),
                    e.failuresLeftOut());
        }
    }

    /** The counts under the names scripts read, for the whole read and for each suite alike. */
    record TotalsJson(int tests, int passed, int failed, int errored, int skipped, int flaky, double durationSeconds) {
        static TotalsJson of(TestTotals t) {
            return new TotalsJson(
                    t.tests(), t.passed(), t.failed(), t.errored(), t.skipped(), t.flaky(), t.durationSeconds());
        }
    }

    /** One failed or errored test. */
    record FailureJson(String className, String name, String kind, String message, String detail) {
        static FailureJson of(TestFailure f) {
            return new FailureJson(
                    f.id().className(),
                    f.id().name(),
                    f.kind().name().toLowerCase(Locale.ROOT),
                    f.message(),
                    f.detail());
        }
    }

    /** One suite's counts, named like the totals. */
    record SuiteJson(String name, @JsonUnwrapped TotalsJson totals) {
        static SuiteJson of(SuiteSummary s) {
            return new SuiteJson(s.name(), TotalsJson.of(s.totals()));
        }
    }
}
