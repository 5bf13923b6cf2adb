package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerCodec;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.strategy.BlueGreen.Idle;
import io.jenkins.plugins.tiers.strategy.Canary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * {@code tiers deploy} around a blue-green and a canary tier, {@code tiers switch}, {@code tiers
 * abort} and {@code tiers status}, as a CI script runs them; the deployment command writes what it
 * was asked to do into a file, so each test sees which variables each run got.
 */
public class StrategyCommandsTest {

    private static final String LADDER = "application: shop\n"
            + "tiers:\n"
            + "  - id: development\n"
            + "  - id: staging\n"
            + "    strategy: blue-green\n"
            + "    previewUrl: https://preview.staging.example.com\n"
            + "  - id: qa\n"
            + "    strategy: blue-green\n"
            + "    switch: auto\n"
            + "    skippable: true\n"
            + "  - id: production\n"
            + "    strategy: canary\n"
            + "    steps: [5, 25, 100]\n"
            + "    pause: 10m\n";

    /** Appends one line per run: the action or step, slot, weight and abort flag it was given. */
    private static final String RECORDER =
            "echo \"${DEPLOY_ACTION:-step} ${DEPLOY_SLOT:-} ${DEPLOY_PREVIEW_URL:-} ${DEPLOY_STEP:-}/${DEPLOY_STEPS:-}"
                    + " ${DEPLOY_WEIGHT:-} ${DEPLOY_ABORT:-}\" | sed 's/  */ /g' >> \"$RUNS\"";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path dir;
    private Path runs;
    private Instant buildStart;
    private SimulatedClock clock;

    @Before
    public void writeLadderAndReports() throws Exception {
        buildStart = Instant.now().minusSeconds(60);
        dir = tmp.getRoot().toPath();
        runs = dir.resolve("runs.txt");
        Files.writeString(dir.resolve("tiers.yaml"), LADDER);
        Path reports = Files.createDirectories(dir.resolve("build/target/surefire-reports"));
        Files.writeString(
                reports.resolve("TEST-com.shop.OrderIT.xml"),
                "<testsuite name=\"com.shop.OrderIT\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
                        + "  <testcase classname=\"com.shop.OrderIT\" name=\"a\"/>\n"
                        + "  <testcase classname=\"com.shop.OrderIT\" name=\"b\"/>\n"
                        + "</testsuite>\n");
        clock = new SimulatedClock(Instant.now(), ZoneOffset.UTC);
    }

    private int execute(Callable<Integer> command, List<String> args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all =
                new ArrayList<>(List.of("--ladder", dir.resolve("tiers.yaml").toString()));
        all.addAll(args);
        CommandLine cli = new CommandLine(command);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    private int tiers(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--ladder");
        all.add(2, dir.resolve("tiers.yaml").toString());
        CommandLine cli = TiersCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    private void exits(int actual, int expected) {
        assertThat("stdout:\n" + out + "\nstderr:\n" + err, actual, is(expected));
    }

    private void gate(String tier, String version) {
        exits(
                tiers(
                        "gate",
                        "--tier",
                        tier,
                        "--candidate",
                        version,
                        "--tests",
                        "**/TEST-*.xml",
                        "--base",
                        dir.resolve("build").toString(),
                        "--newer-than",
                        buildStart.toString()),
                ExitCodes.OK);
    }

    /** {@code tiers deploy} on the simulated clock, the recorder as the deployment command. */
    private int deploy(String tier, String version, String... more) {
        List<String> args = new ArrayList<>(List.of("--tier", tier, "--candidate", version));
        args.addAll(List.of(more));
        args.addAll(List.of("--", "sh", "-c", RECORDER.replace("$RUNS", runs.toString())));
        return execute(new DeployCommand(clock), args);
    }

    private void direct(String tier, String version) {
        gate(tier, version);
        exits(deploy(tier, version), ExitCodes.OK);
    }

    private List<String> runs() throws Exception {
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    private TierState tier(String id) throws Exception {
        try (FileLedger ledger =
                FileLedger.open(dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")), "shop")) {
            return ledger.liveState().tier(id);
        }
    }

    private List<LedgerEvent> events(String tier) throws Exception {
        try (FileLedger ledger =
                FileLedger.open(dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")), "shop")) {
            return ledger.events().stream().filter(e -> e.tier().equals(tier)).toList();
        }
    }

    /** 1.0 live in staging, switched by hand. */
    private void stagingOn10() throws Exception {
        direct("development", "1.0");
        gate("staging", "1.0");
        exits(deploy("staging", "1.0"), ExitCodes.OK);
        assertThat(out.toString(), containsString("1.0 deployed into the green slot of staging; not live until"));
        exits(tiers("switch", "--tier", "staging"), ExitCodes.OK);
    }

    @Test
    public void aBlueGreenDeploymentGoesIntoTheIdleSlotWithItsPreviewAndIsLiveOnlyAfterTheSwitch() throws Exception {
        direct("development", "1.0");
        gate("staging", "1.0");
        exits(deploy("staging", "1.0"), ExitCodes.OK);
        assertThat(runs().get(runs().size() - 1), is("deploy green https://preview.staging.example.com / "));
        assertThat(tier("staging").liveCandidate().isPresent(), is(false));
        assertThat(tier("staging").slots().idleRole(), is(Idle.AWAITING_SWITCH));
        exits(tiers("status"), ExitCodes.OK);
        assertThat(out.toString(), containsString("staging: nothing live"));
        assertThat(out.toString(), containsString("slots: blue active (empty); green idle: 1.0 awaiting switch"));
        exits(tiers("switch", "--tier", "staging"), ExitCodes.OK);
        assertThat(tier("staging").live().candidate().version(), is("1.0"));
        assertThat(runs().size(), is(2));
    }

    @Test
    public void switchBackRestoresThePreviousCandidateWithoutRunningTheDeployCommand() throws Exception {
        stagingOn10();
        direct("development", "1.1");
        gate("staging", "1.1");
        exits(deploy("staging", "1.1"), ExitCodes.OK);
        exits(tiers("switch", "--tier", "staging"), ExitCodes.OK);
        assertThat(tier("staging").live().candidate().version(), is("1.1"));
        List<String> before = runs();

        exits(tiers("switch", "--tier", "staging", "--back", "--reason", "errors up", "--json"), ExitCodes.OK);

        assertThat(runs(), is(before));
        TierState staging = tier("staging");
        assertThat(staging.live().candidate().version(), is("1.0"));
        assertThat(staging.live().rollback(), is(true));
        assertThat(staging.slots().idleRole(), is(Idle.WITHDRAWN));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("type").asText(), is("SWITCHED_BACK"));
        LedgerEvent back = events("staging").get(events("staging").size() - 1);
        assertThat(back.rolledBackFrom(), is("1.1"));
        assertThat(back.reason(), is("errors up"));
        // the idle slot now holds the withdrawn candidate: neither a second switch back nor a switch to it
        exits(tiers("switch", "--tier", "staging", "--back"), ExitCodes.BLOCKED);
        assertThat(err.toString(), containsString("cannot switch back: the idle blue slot holds 1.1, withdrawn"));
        exits(tiers("switch", "--tier", "staging"), ExitCodes.BLOCKED);
    }

    @Test
    public void switchBackIsRefusedOnceANewerCandidateReusedTheIdleSlot() throws Exception {
        stagingOn10();
        direct("development", "1.1");
        gate("staging", "1.1");
        exits(deploy("staging", "1.1"), ExitCodes.OK);
        exits(tiers("switch", "--tier", "staging"), ExitCodes.OK);
        direct("development", "1.2");
        gate("staging", "1.2");
        exits(deploy("staging", "1.2"), ExitCodes.OK);
        exits(tiers("switch", "--tier", "staging", "--back"), ExitCodes.BLOCKED);
        assertThat(err.toString(), containsString("holds 1.2, awaiting switch, not the previous candidate"));
        assertThat(tier("staging").live().candidate().version(), is("1.1"));
    }

    @Test
    public void switchAutoSwitchesWhenTheCheckPassesAndWaitsWhenItFails() throws Exception {
        stagingOn10();
        gate("qa", "1.0");
        exits(deploy("qa", "1.0", "--check", "test \"$DEPLOY_SLOT\" = green"), ExitCodes.OK);
        assertThat(tier("qa").live().candidate().version(), is("1.0"));
        LedgerEvent switched = events("qa").get(events("qa").size() - 1);
        assertThat(switched.type(), is(EventType.SWITCHED));
        assertThat(switched.verdict().findings().get(0).code(), is("CHECK_PASSED"));
        assertThat(runs().subList(runs().size() - 2, runs().size()), contains("deploy green / ", "switch green / "));
        direct("development", "1.1");
        gate("staging", "1.1");
        exits(deploy("staging", "1.1"), ExitCodes.OK);
        exits(tiers("switch", "--tier", "staging"), ExitCodes.OK);
        gate("qa", "1.1");
        exits(deploy("qa", "1.1", "--check", "exit 3"), ExitCodes.BLOCKED);
        assertThat(err.toString(), containsString("not switched: the switch check of qa did not pass"));
        assertThat(err.toString(), containsString("exited with 3 in the blue slot"));
        assertThat(tier("qa").live().candidate().version(), is("1.0"));
        assertThat(tier("qa").slots().idleRole(), is(Idle.AWAITING_SWITCH));
    }

    @Test
    public void aFailedAutomaticSwitchCheckIsRecordedAndStatusSaysWhyItDidNotSwitch() throws Exception {
        stagingOn10();
        gate("qa", "1.0");
        exits(deploy("qa", "1.0", "--check", "echo checking; exit 3"), ExitCodes.BLOCKED);
        LedgerEvent failed = events("qa").get(events("qa").size() - 1);
        assertThat(failed.type(), is(EventType.SWITCH_CHECK_FAILED));
        assertThat(failed.slot(), is("green"));
        assertThat(failed.verdict().status(), is(VerdictStatus.BLOCKED));
        assertThat(failed.verdict().findings().get(0).message(), containsString("exited with 3 in the green slot"));
        // not a gate verdict: the gate that let 1.0 into qa still stands, and nothing went live
        assertThat(
                events("qa").stream()
                        .filter(e -> e.type() == EventType.GATE_VERDICT)
                        .allMatch(e -> e.verdict().status() == VerdictStatus.PASSED),
                is(true));
        assertThat(tier("qa").liveCandidate().isPresent(), is(false));
        exits(tiers("status"), ExitCodes.OK);
        assertThat(
                out.toString(),
                containsString("  not switched: the switch check failed at " + failed.time() + ": the check `echo"
                        + " checking; exit 3` exited with 3 in the green slot"));
        exits(tiers("status", "--json"), ExitCodes.OK);
        assertThat(
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(out.toString())
                        .path("notSwitched")
                        .path("qa")
                        .asText(),
                containsString("not switched: the switch check failed at " + failed.time()));
        // a person may still switch it by hand; then status no longer reports the failed check
        exits(tiers("switch", "--tier", "qa"), ExitCodes.OK);
        exits(tiers("status"), ExitCodes.OK);
        assertThat(out.toString().contains("not switched"), is(false));
        exits(tiers("status", "--json"), ExitCodes.OK);
        assertThat(out.toString().contains("notSwitched"), is(false));
    }

    @Test
    public void aCanaryWhoseCheckFailsAtStepTwoLeavesProductionOnTheOldCandidateRecordsTheAbortAndExitsNonZero()
            throws Exception {
        stagingOn10();
        gate("production", "1.0");
        Instant start = clock.instant();
        exits(deploy("production", "1.0", "--check", "true"), ExitCodes.OK);
        // the pauses after steps 1 and 2 took no time on the simulated clock, but moved it
        assertThat(clock.instant(), is(start.plus(Duration.ofMinutes(20))));
        // each step after the first carries the step check that let the canary on to it
        List<LedgerEvent> ladder = events("production");
        LedgerEvent second = ladder.get(ladder.size() - 2);
        assertThat(second.type(), is(EventType.CANARY_STEP_REACHED));
        assertThat(second.step(), is(2));
        assertThat(second.verdict().findings().get(0).message(), containsString("at step 1 of 3 (5%)"));
        assertThat(ladder.get(ladder.size() - 1).verdict().findings().get(0).message(), containsString("step 2 of 3"));
        assertThat(ladder.get(ladder.size() - 3).verdict(), is(nullValue()));
        assertThat(tier("production").live().candidate().version(), is("1.0"));
        direct("development", "1.1");
        gate("staging", "1.1");
        exits(deploy("staging", "1.1"), ExitCodes.OK);
        exits(tiers("switch", "--tier", "staging"), ExitCodes.OK);
        gate("production", "1.1");
        Files.delete(runs);

        int exit = deploy("production", "1.1", "--check", "test \"$DEPLOY_STEP\" -lt 2");

        exits(exit, ExitCodes.BLOCKED);
        assertThat(
                err.toString(),
                containsString("canary of 1.1 in production aborted: the step check failed at step 2 of 3 (25%):"
                        + " the check `test \"$DEPLOY_STEP\" -lt 2` exited with 1 at step 2 of 3 (25%); 1.0 stays"
                        + " live"));
        assertThat(runs(), contains("step 1/3 5 ", "step 2/3 25 ", "step 2/3 0 true"));
        TierState production = tier("production");
        assertThat(production.live().candidate().version(), is("1.0"));
        assertThat(production.canary().status(), is(Canary.Status.ABORTED));
        LedgerEvent abort = events("production").get(events("production").size() - 1);
        assertThat(abort.type(), is(EventType.CANARY_ABORTED));
        assertThat(abort.step(), is(2));
        assertThat(abort.verdict().reasons().get(0).code(), is("CHECK_FAILED"));
        exits(tiers("status"), ExitCodes.OK);
        assertThat(out.toString(), containsString("production: 1.0 live since"));
        assertThat(out.toString(), containsString("canary: 1.1 canary aborted at step 2 of 3; 1.0 stays live"));
    }

    @Test
    public void aCanaryLeftUnfinishedByADeadRunIsShownAsSuchAndWithdrawnByTheNextRun() throws Exception {
        stagingOn10();
        gate("production", "1.0");
        exits(deploy("production", "1.0", "--check", "true"), ExitCodes.OK);
        direct("development", "1.1");
        gate("staging", "1.1");
        exits(deploy("staging", "1.1"), ExitCodes.OK);
        exits(tiers("switch", "--tier", "staging"), ExitCodes.OK);
        gate("production", "1.1");
        // the run died after reaching step 1: only its start and first step are in the ledger
        try (FileLedger ledger =
                FileLedger.open(dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")), "shop")) {
            Candidate c = ledger.candidate("1.1").orElseThrow().candidate();
            List<Integer> steps = List.of(5, 25, 100);
            ledger.append(LedgerEvent.canaryStarted("shop", "production", c, "ci", clock.instant(), steps));
            ledger.append(LedgerEvent.canaryStepReached("shop", "production", c, "ci", clock.instant(), 1, steps));
        }
        exits(tiers("status"), ExitCodes.OK);
        assertThat(out.toString(), containsString("production: 1.0 live since"));
        assertThat(out.toString(), containsString("canary: 1.1 canary 5% (step 1 of 3) over 1.0 — unfinished"));
        Files.delete(runs);

        exits(deploy("production", "1.1", "--check", "true"), ExitCodes.OK);

        assertThat(err.toString(), containsString("the canary of 1.1 in production was abandoned at step 1 of 3"));
        assertThat(runs().get(0), is("step 1/3 0 true"));
        List<EventType> types =
                events("production").stream().map(LedgerEvent::type).toList();
        assertThat(
                types.subList(types.size() - 5, types.size()),
                contains(
                        EventType.CANARY_ABORTED,
                        EventType.DEPLOYMENT_STARTED,
                        EventType.CANARY_STEP_REACHED,
                        EventType.CANARY_STEP_REACHED,
                        EventType.CANARY_COMPLETED));
        assertThat(tier("production").live().candidate().version(), is("1.1"));
    }

    @Test
    public void aPersonAbortsTheCanaryInProgressAndCannotAbortACompletedOne() throws Exception {
        stagingOn10();
        gate("production", "1.0");
        exits(deploy("production", "1.0", "--check", "true"), ExitCodes.OK);
        exits(tiers("abort", "--tier", "production"), ExitCodes.BLOCKED);
        assertThat(err.toString(), containsString("cannot abort: the canary of 1.0 already completed"));
        try (FileLedger ledger =
                FileLedger.open(dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")), "shop")) {
            Candidate next = new Candidate("1.1", null, null, null);
            List<Integer> steps = List.of(5, 25, 100);
            ledger.append(LedgerEvent.canaryStarted("shop", "production", next, "ci", clock.instant(), steps));
            ledger.append(LedgerEvent.canaryStepReached("shop", "production", next, "ci", clock.instant(), 1, steps));
        }
        exits(
                tiers(
                        "abort",
                        "--tier",
                        "production",
                        "--reason",
                        "latency",
                        "--actor",
                        "alice",
                        "--",
                        "sh",
                        "-c",
                        RECORDER.replace("$RUNS", runs.toString())),
                ExitCodes.OK);
        assertThat(out.toString(), containsString("1.1 canary aborted at step 1 of 3; 1.0 stays live: latency"));
        assertThat(runs().get(runs().size() - 1), is("step 1/3 0 true"));
        assertThat(tier("production").live().candidate().version(), is("1.0"));
    }

    @Test
    public void aCanaryTierWithoutACheckIsAUsageErrorNamingTheOptionsAndTheLadder() throws Exception {
        stagingOn10();
        gate("production", "1.0");
        exits(deploy("production", "1.0"), ExitCodes.USAGE);
        assertThat(err.toString(), containsString("--check or --tests: production in "));
        assertThat(err.toString(), containsString("tiers.yaml is a canary"));
        assertThat(tier("production").liveCandidate().isPresent(), is(false));
    }

    @Test
    public void aCanaryReadsTheTestsWrittenAtEachStepAndAbortsOnTheGateRulesWhenTheyFail() throws Exception {
        stagingOn10();
        gate("production", "1.0");
        Path canary = Files.createDirectories(dir.resolve("canary"));
        // the deployment runs the smoke tests against the canary: one failure once it takes 25%
        Path script = dir.resolve("deploy.sh");
        Files.writeString(
                script,
                "[ -n \"$DEPLOY_ABORT\" ] && exit 0\n"
                        + "if [ \"$DEPLOY_WEIGHT\" = 25 ]; then F=1; else F=0; fi\n"
                        + "printf '<testsuite name=\"Smoke\" tests=\"2\" failures=\"%s\">"
                        + "<testcase classname=\"Smoke\" name=\"home\"/>"
                        + "<testcase classname=\"Smoke\" name=\"cart\">%s</testcase></testsuite>' \"$F\""
                        + " \"$([ $F = 1 ] && echo '<failure message=\"500\">boom</failure>')\" > \"$OUT\"\n");
        List<String> args = List.of(
                "--tier",
                "production",
                "--candidate",
                "1.0",
                "--tests",
                "TEST-*.xml",
                "--base",
                canary.toString(),
                "--",
                "env",
                "OUT=" + canary.resolve("TEST-Smoke.xml"),
                "sh",
                script.toString());

        exits(execute(new DeployCommand(clock), args), ExitCodes.BLOCKED);

        assertThat(err.toString(), containsString("the step check failed at step 2 of 3 (25%)"));
        assertThat(err.toString(), containsString("nothing is live"));
        TierState production = tier("production");
        assertThat(production.liveCandidate().isPresent(), is(false));
        assertThat(production.canary().describe(), containsString("1.0 canary aborted at step 2 of 3"));
        LedgerEvent abort = events("production").get(events("production").size() - 1);
        assertThat(abort.verdict().status().toString(), is("BLOCKED"));
        // blocked by the test rules on the reports of step 2, not by missing evidence
        assertThat(abort.verdict().reasons().stream().map(f -> f.code()).toList(), contains("TOO_MANY_FAILURES"));
        // the counts each check read stay with the step they let through, and with the abort
        assertThat(abort.evidence().totals().passed(), is(1));
        assertThat(abort.evidence().totals().failed(), is(1));
        LedgerEvent step2 = events("production").stream()
                .filter(e -> e.type() == EventType.CANARY_STEP_REACHED && e.step() == 2)
                .findFirst()
                .orElseThrow();
        assertThat(step2.verdict().status(), is(VerdictStatus.PASSED));
        assertThat(step2.evidence().totals().passed(), is(2));
    }

    @Test
    public void aRunningCanaryStopsWhenSomeoneElseAbortedIt() throws Exception {
        stagingOn10();
        gate("production", "1.0");
        long before;
        try (FileLedger ledger =
                FileLedger.open(dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")), "shop")) {
            before = ledger.liveState().seq();
        }
        // what `tiers abort` in another shell writes while step 1 holds its weight: the ledger's
        // next line after this run's start (seq before+1) and step 1 (before+2)
        LedgerEvent abort = LedgerEvent.canaryAborted(
                        "shop",
                        "production",
                        new Candidate("1.0", null, null, null),
                        "alice",
                        clock.instant(),
                        1,
                        List.of(5, 25, 100),
                        null,
                        "pager went off")
                .withSeq(before + 3);
        Path line = dir.resolve("abort.jsonl");
        Files.write(line, new LedgerCodec().toLine(abort));
        Path log = dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")).resolve(FileLedger.EVENTS);

        int exit = deploy("production", "1.0", "--check", "cat '" + line + "' >> '" + log + "'");

        exits(exit, ExitCodes.BLOCKED);
        assertThat(err.toString(), containsString("was ended while it ran (the ledger says: 1.0 canary aborted"));
        assertThat(runs().get(runs().size() - 1), is("step 1/3 5 "));
        assertThat(tier("production").liveCandidate().isPresent(), is(false));
        assertThat(tier("production").canary().reason(), is("pager went off"));
    }
}
