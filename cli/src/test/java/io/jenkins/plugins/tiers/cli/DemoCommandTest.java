package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.LadderFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class DemoCommandTest {
    /** The demo application's log, in its own ledger directory beside the demo's ladder. */
    private static final String LOG = ".tiers/" + LedgerDirectoryName.of("shop") + "/events.jsonl";

    private static final String START = "2026-11-02T06:00:00Z";

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static Path demo;
    private static String printed;
    private static List<LedgerEvent> events;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = TiersCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @BeforeClass
    public static void runDemoOnce() throws Exception {
        demo = TMP.getRoot().toPath().resolve("demo");
        DemoCommandTest first = new DemoCommandTest();
        int code = first.run("demo", "--out", demo.toString(), "--start", START);
        assertThat(first.err.toString(), code, is(0));
        printed = first.out.toString();
        try (FileLedger ledger = FileLedger.open(demo.resolve(LOG).getParent(), "shop")) {
            events = ledger.events();
        }
    }

    @Test
    public void writesALadderThatReadsAndAPageAndPrintsItsPath() throws Exception {
        assertThat(LadderFile.read(demo.resolve("tiers.yaml")).ids(), is("development, testing, staging, production"));
        Path page = demo.resolve("index.html");
        assertThat(printed, containsString(page.toAbsolutePath().toString()));
        String html = Files.readString(page, StandardCharsets.UTF_8);
        PageXml.parse(html);
        assertThat(html, containsString("2.14.1"));
        assertThat(html.contains("<script"), is(false));
        assertThat(Files.size(page) < 200_000, is(true));
    }

    @Test
    public void aboutThirtyCandidatesOverTwoWeeksWithRealReports() throws Exception {
        Set<String> versions = events.stream().map(LedgerEvent::version).collect(Collectors.toSet());
        assertThat(versions.size(), greaterThanOrEqualTo(25));
        assertThat(versions.size(), lessThanOrEqualTo(35));
        try (Stream<Path> reports = Files.walk(demo.resolve("builds"))) {
            List<Path> xml = reports.filter(p -> p.getFileName().toString().startsWith("TEST-com.shop."))
                    .toList();
            assertThat(xml.size(), greaterThanOrEqualTo(versions.size() * 8));
        }
        LedgerEvent first = events.get(0);
        LedgerEvent last = events.get(events.size() - 1);
        assertThat(first.time().isBefore(java.time.Instant.parse(START)), is(false));
        assertThat(last.time().isAfter(java.time.Instant.parse(START).plus(java.time.Duration.ofDays(14))), is(false));
    }

    @Test
    public void someCandidatesAreBlockedByNewFailures() {
        long blockedByNewFailures = events.stream()
                .filter(e -> e.type() == EventType.GATE_VERDICT && e.status() == VerdictStatus.BLOCKED)
                .filter(e -> e.verdict().findings().stream()
                        .anyMatch(f -> f.outcome() == Finding.Outcome.BLOCK
                                && f.message().contains("new failure")))
                .count();
        assertThat(blockedByNewFailures, greaterThanOrEqualTo(3L));
    }

    @Test
    public void oneCandidateWaitsForApprovalAtTheEnd() throws Exception {
        try (FileLedger ledger = FileLedger.open(demo.resolve(LOG).getParent(), "shop")) {
            var waiting = ledger.liveState().tier("production").waiting();
            assertThat(waiting.size(), is(1));
            assertThat(String.join(" ", waiting.get(0).reasons()), containsString("approval"));
        }
        assertThat(printed, containsString("Waiting:"));
    }

    @Test
    public void stagingSwitchesAutomaticallyAndOnceBackAndProductionRunsCanariesOneAbortedAt25Percent() {
        List<LedgerEvent> switches =
                events.stream().filter(e -> e.type() == EventType.SWITCHED).toList();
        assertThat(switches.size(), greaterThanOrEqualTo(10));
        assertThat(switches.stream().allMatch(e -> e.tier().equals("staging")), is(true));
        List<LedgerEvent> back =
                events.stream().filter(e -> e.type() == EventType.SWITCHED_BACK).toList();
        assertThat(back.size(), is(1));
        assertThat(back.get(0).tier(), is("staging"));
        assertThat(back.get(0).rolledBackFrom(), is(notNullValue()));
        List<LedgerEvent> completed = events.stream()
                .filter(e -> e.type() == EventType.CANARY_COMPLETED)
                .toList();
        assertThat(completed.size(), greaterThanOrEqualTo(5));
        List<LedgerEvent> aborted = events.stream()
                .filter(e -> e.type() == EventType.CANARY_ABORTED)
                .toList();
        assertThat(aborted.size(), is(1));
        assertThat(aborted.get(0).steps().get(aborted.get(0).step() - 1), is(25));
        assertThat(aborted.get(0).verdict().status(), is(VerdictStatus.BLOCKED));
        // the aborted canary never went live in production
        assertThat(
                events.stream()
                        .anyMatch(e -> e.makesLive()
                                && e.tier().equals("production")
                                && e.version().equals(aborted.get(0).version())),
                is(false));
        assertThat(printed, containsString("Switched back: "));
        assertThat(printed, containsString("Canary aborted: "));
        // every switch and canary step after the first carries the check that let it happen
        assertThat(switches.stream().allMatch(e -> e.verdict() != null), is(true));
        assertThat(
                events.stream()
                        .filter(e -> e.type() == EventType.CANARY_STEP_REACHED && e.step() > 1)
                        .allMatch(e -> e.verdict() != null && e.verdict().status() == VerdictStatus.PASSED),
                is(true));
    }

    @Test
    public void thePageMarksTheSwitchBackTheAbortedCanaryAndTheChecks() throws Exception {
        String html = Files.readString(demo.resolve("index.html"));
        LedgerEvent back = events.stream()
                .filter(e -> e.type() == EventType.SWITCHED_BACK)
                .findFirst()
                .orElseThrow();
        LedgerEvent aborted = events.stream()
                .filter(e -> e.type() == EventType.CANARY_ABORTED)
                .findFirst()
                .orElseThrow();
        // both are recent enough to be drawn in the flow chart, with their words
        assertThat(html, containsString(back.rolledBackFrom() + " switched back in Staging"));
        assertThat(html, containsString(aborted.version() + " canary aborted at Production"));
        assertThat(html, containsString("#tiers-mk-switched-back"));
        assertThat(html, containsString("check passed</b>: smoke-check.sh"));
        assertThat(html, containsString("1 caught by canary"));
        assertThat(html, containsString("class=\"tiers-slots\""));
        assertThat(html, containsString("class=\"tiers-canary-bar\""));
    }

    @Test
    public void productionIsRolledBackOnceAndAFreezeIsOverriddenOnce() {
        List<LedgerEvent> rollbacks =
                events.stream().filter(e -> e.type() == EventType.ROLLED_BACK).toList();
        assertThat(rollbacks.size(), is(1));
        assertThat(rollbacks.get(0).tier(), is("production"));
        List<LedgerEvent> overrides = events.stream()
                .filter(e -> e.type() == EventType.FREEZE_OVERRIDE)
                .toList();
        assertThat(overrides.size(), is(1));
        // the override let a verdict pass that the freeze window would have held
        assertThat(
                events.stream()
                        .filter(e -> e.type() == EventType.GATE_VERDICT
                                && e.version().equals(overrides.get(0).version())
                                && e.tier().equals("production")
                                && e.status() == VerdictStatus.PASSED)
                        .flatMap(e -> e.verdict().findings().stream())
                        .map(Finding::code)
                        .toList(),
                hasItem("FREEZE_OVERRIDDEN"));
        assertThat(printed, containsString("Rolled back: "));
        assertThat(printed, containsString("Freeze override: "));
    }

    @Test
    public void everyVerdictCarriesTheEnginesFindingsAndApprovalsComeFromReleaseManagers() {
        for (LedgerEvent e : events) {
            if (e.type() == EventType.GATE_VERDICT) {
                assertThat(e.verdict().findings().size(), greaterThanOrEqualTo(3));
            }
            if (e.type() == EventType.APPROVAL) {
                assertThat(e.approval().groups(), hasItem("release-managers"));
            }
        }
        assertThat(events.stream().anyMatch(e -> e.type() == EventType.DEPLOYMENT_FAILED), is(true));
    }

    @Test
    public void theSameSeedAndStartGiveTheSameDemoAndAnEarlierDemoMayBeOverwritten() throws Exception {
        Path again = TMP.getRoot().toPath().resolve("again");
        assertThat(run("demo", "--out", again.toString(), "--start", START), is(0));
        assertThat(run("demo", "--out", again.toString(), "--start", START), is(0));
        assertThat(Files.readString(again.resolve(LOG)), is(Files.readString(demo.resolve(LOG))));
        assertThat(Files.readString(again.resolve("index.html")), is(Files.readString(demo.resolve("index.html"))));
    }

    @Test
    public void refusesAFolderThatIsNotEmptyAndNotAnEarlierDemo() throws Exception {
        Path busy = TMP.newFolder("busy").toPath();
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertThat(run("demo", "--out", busy.toString(), "--start", START), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("is not empty and was not written by tiers demo"));
        assertThat(Files.readString(busy.resolve("notes.txt")), is("mine"));
    }

    @Test
    public void aStartThatIsNotAnInstantIsAUsageError() {
        assertThat(
                run("demo", "--out", TMP.getRoot().toPath().resolve("x").toString(), "--start", "monday"),
                is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("--start"));
    }

    @Test
    public void reportRendersTheDemosLedger() throws Exception {
        Path out = TMP.getRoot().toPath().resolve("report");
        int code = run(
                "report",
                "--ladder",
                demo.resolve("tiers.yaml").toString(),
                "--out",
                out.toString(),
                "--window",
                "14d");
        assertThat(err.toString(), code, is(0));
        assertThat(this.out.toString(), containsString(out.resolve("index.html").toString()));
        String html = Files.readString(out.resolve("index.html"));
        PageXml.parse(html);
        assertThat(html, containsString("2.14.2"));
    }
}
