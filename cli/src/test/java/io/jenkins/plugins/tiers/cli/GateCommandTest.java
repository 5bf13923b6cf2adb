package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.EvidenceSummary;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class GateCommandTest {

    private static final String AT = "2026-11-26T10:00:00Z";

    private static final String LADDER = "application: shop\n"
            + "tiers:\n"
            + "  - id: testing\n"
            + "  - id: staging\n"
            + "    gate:\n"
            + "      minTests: 2\n"
            + "      noNewFailures: true\n"
            + "  - id: production\n"
            + "    gate:\n"
            + "      approval:\n"
            + "        required: 1\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path dir;

    @Before
    public void writeLadderAndReports() throws Exception {
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("tiers.yaml"), LADDER);
        Files.createDirectories(dir.resolve("reports"));
        report("green", "TEST-com.shop.CartIT.xml", 3, List.of());
        report("red", "TEST-com.shop.OrderIT.xml", 2, List.of("refund"));
    }

    private void report(String folder, String name, int passing, List<String> failing) throws Exception {
        Path d = Files.createDirectories(dir.resolve("reports").resolve(folder));
        String suite = name.substring(5, name.length() - 4);
        StringBuilder xml = new StringBuilder("<testsuite name=\"" + suite + "\" tests=\"" + (passing + failing.size())
                + "\" failures=\"" + failing.size() + "\" errors=\"0\" skipped=\"0\">\n");
        for (int i = 0; i < passing; i++) {
            xml.append("  <testcase classname=\"")
                    .append(suite)
                    .append("\" name=\"ok")
                    .append(i)
                    .append("\"/>\n");
        }
        for (String f : failing) {
            xml.append("  <testcase classname=\"")
                    .append(suite)
                    .append("\" name=\"")
                    .append(f)
                    .append("\"><failure message=\"no\">trace</failure></testcase>\n");
        }
        Files.writeString(d.resolve(name), xml.append("</testsuite>\n"));
    }

    /** Runs {@code tiers gate} on a clock stopped at {@link #AT}, so what it records is at that time. */
    private int run(String... args) {
        List<String> all =
                new ArrayList<>(List.of("--ladder", dir.resolve("tiers.yaml").toString()));
        all.addAll(List.of(args));
        CommandLine cli = new CommandLine(new GateCommand(Clock.fixed(Instant.parse(AT), ZoneOffset.UTC)));
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.getCommandSpec().exitCodeOnExecutionException(ExitCodes.SOFTWARE);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    /** Runs {@code tiers gate} for candidate 1.4.2 into {@code tier} on the reports in {@code folder}. */
    private int gate(String tier, String folder, String... more) {
        List<String> args = new ArrayList<>(
                List.of("--tier", tier, "--candidate", "1.4.2", "--tests", "*.xml", "--base", reports(folder)));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** shop's own ledger, beside the ladder. */
    private Path ledgerDir() {
        return dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop"));
    }

    /** Records that 1.4.2 went live in {@code tier} at {@code instant}. */
    private void deployed(String tier, String instant) {
        record(LedgerEvent.deploymentSucceeded("shop", tier, Candidate.of("1.4.2"), "ci", Instant.parse(instant)));
    }

    private List<LedgerEvent> events() {
        try (FileLedger ledger = FileLedger.open(ledgerDir())) {
            return ledger.events();
        }
    }

    private String reports(String folder) {
        return dir.resolve("reports").resolve(folder).toString();
    }

    @Test
    public void passesTheFirstTierOnGreenReportsAndPrintsTheEvidence() {
        assertThat(
                run("--tier", "testing", "--candidate", "1.4.2", "--tests", "**/*.xml", "--base", reports("green")),
                is(0));
        assertThat(out.toString(), containsString("shop: 1.4.2 → testing: PASSED"));
        assertThat(
                out.toString(),
                containsString("PASS  tests             3 tests, 0 failed, 0 skipped (min 1, max 0 failures)"));
        assertThat(out.toString(), containsString("evaluated at 2026-11-26T10:00:00Z"));
    }

    @Test
    public void blocksWithoutReportsAndSaysWhy() {
        assertThat(run("--tier", "testing", "--candidate", "1.4.2"), is(ExitCodes.BLOCKED));
        assertThat(
                out.toString(),
                containsString("BLOCK evidence          no test evidence: no test reports given (--tests)"));
        assertThat(gate("testing", "none"), is(ExitCodes.BLOCKED));
        assertThat(out.toString(), containsString("no test evidence: "));
    }

    @Test
    public void blocksAFailingRunWithTheFailureNamed() {
        assertThat(gate("testing", "red"), is(ExitCodes.BLOCKED));
        assertThat(
                out.toString(),
                containsString(
                        "3 tests, 1 failed, 0 skipped (min 1, max 0 failures): 1 failure counts, OrderIT.refund"));
    }

    @Test
    public void withoutALedgerNothingHasPassedBelowAndThereIsNoBaseline() {
        assertThat(gate("staging", "green"), is(ExitCodes.BLOCKED));
        assertThat(
                out.toString(),
                containsString("1.4.2 is neither live in nor has passed testing, the tier below staging"));
        assertThat(out.toString(), containsString("no baseline in staging"));
    }

    @Test
    public void readsTheLedgerBesideTheLadderForHistory() {
        Candidate c = Candidate.of("1.4.2");
        Verdict passed = new Verdict(
                "shop",
                "testing",
                c,
                List.of(new Finding("tests", Finding.Outcome.PASS, "TESTS_OK", "3 tests")),
                Map.of(),
                Instant.parse("2026-11-26T08:00:00Z"));
        try (FileLedger ledger = FileLedger.open(ledgerDir())) {
            ledger.append(LedgerEvent.verdict(
                    passed, new EvidenceSummary(new TestTotals(3, 0, 0, 0, 0, 1), List.of()), "ci"));
            ledger.append(
                    LedgerEvent.deploymentSucceeded("shop", "testing", c, "ci", Instant.parse("2026-11-26T08:05:00Z")));
        }
        assertThat(gate("staging", "green"), is(0));
        assertThat(out.toString(), containsString("1.4.2 is live in testing"));
    }

    @Test
    public void waitsForAnApprovalWithExitCodeTwoAndWritesJson() throws Exception {
        deployed("staging", "2026-11-26T08:05:00Z");
        assertThat(gate("production", "green", "--json"), is(ExitCodes.WAITING));
        JsonNode verdict = new ObjectMapper().readTree(out.toString());
        assertThat(verdict.get("status").asText(), is("WAITING"));
        assertThat(verdict.get("policy").get("approval").asText(), is("1 of anyone"));
        JsonNode last = verdict.get("findings").get(verdict.get("findings").size() - 1);
        assertThat(last.get("code").asText(), is("APPROVAL_PENDING"));
        assertThat(last.get("message").asText(), is("waiting for 1 more approval from anyone"));
    }

    @Test
    public void aBadLadderIsAnInputErrorNamingTheLine() throws Exception {
        Files.writeString(dir.resolve("tiers.yaml"), "application: shop\ntiers:\n  - id: testing\n    gat: {}\n");
        assertThat(run("--tier", "testing", "--candidate", "1.4.2"), is(ExitCodes.INPUT));
        assertThat(err.toString(), containsString("tiers.yaml:4:5: tiers[0].gat: unknown key \"gat\""));
    }

    @Test
    public void anUnknownTierOrBadCandidateIsAUsageError() {
        assertThat(run("--tier", "prod", "--candidate", "1.4.2"), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("--tier: no tier \"prod\""));
        assertThat(run("--tier", "testing", "--candidate", " "), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("--candidate: candidate version must not be blank"));
        assertThat(
                run("--tier", "testing", "--candidate", "1", "--at", "yesterday", "--no-record"), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("--at: \"yesterday\" is not an instant"));
        assertThat(run("--tier", "testing", "--candidate", "1", "--override-freeze", "alice"), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("a freeze override needs a reason"));
    }

    @Test
    public void countsApprovalsRecordedInTheLedger() {
        Candidate c = Candidate.of("1.4.2");
        try (FileLedger ledger = FileLedger.open(ledgerDir())) {
            ledger.append(
                    LedgerEvent.deploymentSucceeded("shop", "staging", c, "ci", Instant.parse("2026-11-26T08:05:00Z")));
            ledger.append(LedgerEvent.approval(
                    "shop",
                    "production",
                    c,
                    new io.jenkins.plugins.tiers.ledger.Approval(true, "alice", List.of(), "ok"),
                    Instant.parse("2026-11-26T09:00:00Z")));
        }
        assertThat(gate("production", "green"), is(0));
        assertThat(out.toString(), containsString("approved by alice (1 of 1 required from anyone)"));
    }

    @Test
    public void refusesAtWithoutNoRecordAsAUsageErrorNamingBothOptionsAndRecordsNothing() {
        String[] args = {
            "--tier",
            "testing",
            "--candidate",
            "1.4.2",
            "--tests",
            "*.xml",
            "--base",
            reports("green"),
            "--at",
            "2027-01-01T00:00:00Z"
        };
        assertThat(run(args), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("--at"));
        assertThat(err.toString(), containsString("--no-record"));
        assertThat(Files.exists(dir.resolve(".tiers")), is(false));
    }

    @Test
    public void atWithNoRecordEvaluatesAsOfThatTimeAndRecordsNothing() {
        deployed("testing", "2026-11-26T08:05:00Z");
        assertThat(gate("staging", "green", "--at", "2027-01-01T00:00:00Z", "--no-record"), is(0));
        assertThat(out.toString(), containsString("evaluated at 2027-01-01T00:00:00Z"));
        assertThat(events().size(), is(1));
    }

    private void record(LedgerEvent... recorded) {
        try (FileLedger ledger = FileLedger.open(ledgerDir())) {
            for (LedgerEvent e : recorded) {
                ledger.append(e);
            }
        }
    }

    private void dated(String folder, String name, String instant) throws Exception {
        Files.setLastModifiedTime(
                dir.resolve("reports").resolve(folder).resolve(name), FileTime.from(Instant.parse(instant)));
    }

    @Test
    public void ignoresReportsOlderThanTheCandidatesFirstLedgerEventWithAWarningNamingThem() throws Exception {
        report("mixed", "TEST-com.shop.OldIT.xml", 5, List.of());
        report("mixed", "TEST-com.shop.NewIT.xml", 2, List.of());
        dated("mixed", "TEST-com.shop.OldIT.xml", "2026-11-25T12:00:00Z");
        dated("mixed", "TEST-com.shop.NewIT.xml", "2026-11-26T09:00:00Z");
        deployed("testing", "2026-11-26T08:05:00Z");
        assertThat(gate("staging", "mixed"), is(0));
        assertThat(out.toString(), containsString("2 tests, 0 failed"));
        assertThat(out.toString(), containsString("ignored 1 report(s) older than 2026-11-26T08:05:00Z"));
        assertThat(out.toString(), containsString("TEST-com.shop.OldIT.xml"));
        assertThat(out.toString(), containsString("1.4.2's first ledger event"));
    }

    @Test
    public void blocksWhenEveryReportIsOlderThanTheCandidatesFirstLedgerEventUnlessToldOtherwise() throws Exception {
        dated("green", "TEST-com.shop.CartIT.xml", "2026-11-25T12:00:00Z");
        deployed("testing", "2026-11-26T08:05:00Z");
        assertThat(gate("staging", "green"), is(ExitCodes.BLOCKED));
        assertThat(out.toString(), containsString("BLOCK evidence"));
        assertThat(out.toString(), containsString("older than 2026-11-26T08:05:00Z"));
        out.getBuffer().setLength(0);
        assertThat(gate("staging", "green", "--newer-than", "2026-11-01T00:00:00Z"), is(0));
        assertThat(out.toString(), containsString("3 tests, 0 failed"));
    }

    @Test
    public void aReportDatedInTheFutureIsAWarningNotAgeZero() throws Exception {
        dated("green", "TEST-com.shop.CartIT.xml", "2026-11-27T10:00:00Z");
        assertThat(gate("testing", "green"), is(0));
        assertThat(
                out.toString(),
                containsString("INFO  reportDates       warning: 1 report is dated after 2026-11-26T10:00:00Z, so its"
                        + " age is unknown (a wrong clock?): TEST-com.shop.CartIT.xml (2026-11-27T10:00:00Z)"));
    }
}
