package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * {@code approveAt: 50} on a canary: the canary holds at the step of weight 50 until an approver
 * answers {@code tiers approve --step 50}; a refusal or the time limit aborts it. The deployment runs
 * on a thread of its own, on the real clock, while the test answers as a person would.
 */
public class CanaryApprovalTest {

    private static final String LADDER = "application: shop\n"
            + "tiers:\n"
            + "  - id: development\n"
            + "  - id: production\n"
            + "    strategy: canary\n"
            + "    steps: [10, 50, 100]\n"
            + "    approveAt: 50\n"
            + "    gate:\n"
            + "      approval:\n"
            + "        required: 1\n"
            + "        users: [alice, bob]\n"
            + "        timeout: TIMEOUT\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ExecutorService deployer = Executors.newSingleThreadExecutor();
    private Path dir;
    private Instant buildStart;

    @Before
    public void ladderAndReports() throws Exception {
        buildStart = Instant.now().minusSeconds(60);
        dir = tmp.getRoot().toPath();
        Path reports = Files.createDirectories(dir.resolve("build/target/surefire-reports"));
        Files.writeString(
                reports.resolve("TEST-com.shop.OrderIT.xml"),
                "<testsuite name=\"com.shop.OrderIT\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
                        + "  <testcase classname=\"com.shop.OrderIT\" name=\"a\"/>\n"
                        + "</testsuite>\n");
    }

    @After
    public void stop() {
        deployer.shutdownNow();
    }

    /** Runs a command line; returns its exit code, stdout and stderr. */
    private Result tiers(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--ladder");
        all.add(2, dir.resolve("tiers.yaml").toString());
        CommandLine cli =
                args[0].equals("deploy") ? new CommandLine(new DeployCommand(clock)) : TiersCommand.commandLine();
        if (args[0].equals("deploy")) {
            all.remove(0);
        }
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private Result tiers(String... args) {
        return tiers(Clock.systemUTC(), args);
    }

    record Result(int code, String out, String err) {}

    private void ok(Result r) {
        assertThat(r.out() + r.err(), r.code(), is(ExitCodes.OK));
    }

    private void passes(String tier, String version) {
        ok(tiers(
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
                buildStart.toString()));
    }

    /** 1.0 through development and production's gate (approved there by alice). */
    private void readyForProduction(String timeout) throws Exception {
        Files.writeString(dir.resolve("tiers.yaml"), LADDER.replace("TIMEOUT", timeout));
        passes("development", "1.0");
        ok(tiers("deploy", "--tier", "development", "--candidate", "1.0", "--", "true"));
        Result gate = tiers(
                "gate",
                "--tier",
                "production",
                "--candidate",
                "1.0",
                "--tests",
                "**/TEST-*.xml",
                "--base",
                dir.resolve("build").toString(),
                "--newer-than",
                buildStart.toString());
        assertThat(gate.err(), gate.code(), is(ExitCodes.WAITING));
        ok(tiers("approve", "--tier", "production", "--candidate", "1.0", "--by", "alice"));
        passes("production", "1.0");
    }

    private List<LedgerEvent> events() throws Exception {
        try (FileLedger ledger =
                FileLedger.open(dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")), "shop")) {
            return ledger.events().stream()
                    .filter(e -> e.tier().equals("production"))
                    .toList();
        }
    }

    private Future<Result> deployInBackground(Clock clock) {
        return deployer.submit(() ->
                tiers(clock, "deploy", "--tier", "production", "--candidate", "1.0", "--check", "true", "--", "true"));
    }

    /** Waits until the canary reached its step 2 (50%), where it waits for the approval. */
    private void untilAtTheApprovalStep(Future<Result> deploy) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (events().stream().noneMatch(e -> e.type() == EventType.CANARY_STEP_REACHED && e.step() == 2)) {
            if (deploy.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("the canary did not reach step 2: " + (deploy.isDone() ? deploy.get() : ""));
            }
            Thread.sleep(20);
        }
    }

    @Test
    public void theCanaryHoldsAtTheNamedStepUntilApprovedThereNotByTheGatesApproval() throws Exception {
        readyForProduction("2h");
        Future<Result> deploy = deployInBackground(Clock.systemUTC());
        untilAtTheApprovalStep(deploy);
        // alice's approval at the gate does not count at the step: the canary still waits
        Thread.sleep(2 * StrategyRun.APPROVAL_POLL.toMillis() + 200);
        assertThat(deploy.isDone(), is(false));
        assertThat(events().get(events().size() - 1).type(), is(EventType.CANARY_STEP_REACHED));

        // an answer for another step, or by someone the gate does not allow, is refused
        Result wrongStep =
                tiers("approve", "--tier", "production", "--candidate", "1.0", "--step", "10", "--by", "bob");
        assertThat(wrongStep.code(), is(ExitCodes.USAGE));
        assertThat(wrongStep.err(), containsString("needs its approval at 50, not 10"));
        Result stranger = tiers("approve", "--tier", "production", "--candidate", "1.0", "--step", "50", "--by", "eve");
        assertThat(stranger.code(), is(ExitCodes.BLOCKED));

        Result approved = tiers("approve", "--tier", "production", "--candidate", "1.0", "--step", "50", "--by", "bob");
        ok(approved);
        assertThat(approved.out(), containsString("bob approved the canary of 1.0 in production at step 2 (50%)"));

        Result done = deploy.get(60, TimeUnit.SECONDS);
        ok(done);
        assertThat(done.out(), containsString("waits at step 2 of 3 (50%) for 1 approval(s) from alice or bob"));
        LedgerEvent completed = events().get(events().size() - 1);
        assertThat(completed.type(), is(EventType.CANARY_COMPLETED));
        // the approval is part of the evidence the canary went on with, beside the step check
        assertThat(
                completed.verdict().findings().stream().map(Finding::message).toList(),
                contains(
                        containsString("exited with 0 at step 2 of 3 (50%)"),
                        is("approved at step 2 of 3 (50%) by bob")));
        // the step approval was not taken for an answer at the gate
        try (FileLedger ledger =
                FileLedger.open(dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")), "shop")) {
            assertThat(
                    io.jenkins.plugins.tiers.ledger.LedgerPromotionHistory.of(ledger)
                            .approvals("production", "1.0")
                            .stream()
                            .map(a -> a.person())
                            .toList(),
                    contains("alice"));
        }
    }

    @Test
    public void aRefusalAtTheStepAbortsTheCanaryWithWhoAndWhy() throws Exception {
        readyForProduction("2h");
        Future<Result> deploy = deployInBackground(Clock.systemUTC());
        untilAtTheApprovalStep(deploy);
        ok(tiers(
                "approve",
                "--tier",
                "production",
                "--candidate",
                "1.0",
                "--step",
                "50",
                "--by",
                "bob",
                "--refuse",
                "--comment",
                "error budget spent"));
        Result done = deploy.get(60, TimeUnit.SECONDS);
        assertThat(done.code(), is(ExitCodes.BLOCKED));
        assertThat(done.err(), containsString("refused at step 2 of 3 (50%) by bob: error budget spent"));
        LedgerEvent aborted = events().get(events().size() - 1);
        assertThat(aborted.type(), is(EventType.CANARY_ABORTED));
        assertThat(aborted.verdict().status(), is(VerdictStatus.BLOCKED));
        assertThat(aborted.verdict().findings().get(0).code(), is("APPROVAL_REFUSED"));
    }

    @Test
    public void noApprovalWithinTheTiersTimeoutAbortsTheCanary() throws Exception {
        readyForProduction("10m");
        // the simulated clock makes the ten minutes pass at once
        Result done = tiers(
                new SimulatedClock(Instant.now(), ZoneOffset.UTC),
                "deploy",
                "--tier",
                "production",
                "--candidate",
                "1.0",
                "--check",
                "true",
                "--",
                "true");
        assertThat(done.code(), is(ExitCodes.BLOCKED));
        assertThat(
                done.err(), containsString("no approval at step 2 of 3 (50%) within 10m (0 of 1 from alice or bob)"));
        assertThat(events().get(events().size() - 1).type(), is(EventType.CANARY_ABORTED));
        // and nothing can be approved at a step of a canary that is no longer in progress
        Result late = tiers("approve", "--tier", "production", "--candidate", "1.0", "--step", "50", "--by", "bob");
        assertThat(late.code(), is(ExitCodes.BLOCKED));
        assertThat(late.err(), containsString("1.0 has no canary in progress at production"));
    }
}
