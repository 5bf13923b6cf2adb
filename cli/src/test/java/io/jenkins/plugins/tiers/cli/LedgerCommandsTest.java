package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.Candidate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class LedgerCommandsTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path ledgerDir() {
        return tmp.getRoot().toPath().resolve(".tiers");
    }

    private int run(String... args) {
        CommandLine cli = TiersCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--ledger");
        all.add(2, ledgerDir().toString());
        return cli.execute(all.toArray(String[]::new));
    }

    private void record(LedgerEvent... events) {
        try (FileLedger ledger = FileLedger.open(ledgerDir())) {
            for (LedgerEvent e : events) {
                ledger.append(e);
            }
        }
    }

    private static LedgerEvent verdict(String tier, String version, Finding.Outcome outcome) {
        Candidate c = new Candidate(version, null, "abc123" + version, Instant.parse("2026-03-01T08:00:00Z"));
        return LedgerEvent.verdict(
                new Verdict(
                        "shop",
                        tier,
                        c,
                        List.of(new Finding("rule", outcome, "CODE", "evidence line")),
                        Map.of(),
                        Instant.parse("2026-03-01T09:00:00Z")),
                null,
                "ci #1");
    }

    private List<EventType> types() {
        try (FileLedger ledger = FileLedger.open(ledgerDir())) {
            return ledger.events().stream().map(LedgerEvent::type).toList();
        }
    }

    @Test
    public void deployRefusesACandidateWhoseGateHasNotPassedAndRecordsNothing() {
        record(verdict("prod", "1.0", Finding.Outcome.BLOCK));
        assertThat(run("deploy", "--tier", "prod", "--candidate", "1.0", "--", "sh", "-c", "exit 0"), is(1));
        assertThat(err.toString(), containsString("the gate of prod has not passed 1.0"));
        assertThat(err.toString(), containsString("its latest verdict is BLOCKED"));
        assertThat(types(), contains(EventType.GATE_VERDICT));
    }

    @Test
    public void deployRecordsStartedAndSucceededAroundTheCommand() {
        record(verdict("prod", "1.0", Finding.Outcome.PASS));
        assertThat(run("deploy", "--tier", "prod", "--candidate", "1.0", "--", "sh", "-c", "exit 0"), is(0));
        assertThat(
                types(),
                contains(EventType.GATE_VERDICT, EventType.DEPLOYMENT_STARTED, EventType.DEPLOYMENT_SUCCEEDED));
        try (FileLedger ledger = FileLedger.open(ledgerDir())) {
            var live = ledger.liveState().live("prod").orElseThrow();
            assertThat(live.candidate().version(), is("1.0"));
            assertThat(live.candidate().revision(), is("abc1231.0"));
        }
    }

    @Test
    public void aFailingCommandIsRecordedWithItsExitCodeAndLeavesThePreviousCandidateLive() {
        record(verdict("prod", "1.0", Finding.Outcome.PASS), verdict("prod", "1.1", Finding.Outcome.PASS));
        assertThat(run("deploy", "--tier", "prod", "--candidate", "1.0", "--", "sh", "-c", "exit 0"), is(0));
        assertThat(run("deploy", "--tier", "prod", "--candidate", "1.1", "--", "sh", "-c", "exit 3"), is(3));
        try (FileLedger ledger = FileLedger.open(ledgerDir())) {
            LedgerEvent last = ledger.events().get(ledger.events().size() - 1);
            assertThat(last.type(), is(EventType.DEPLOYMENT_FAILED));
            assertThat(last.exitCode(), is(3));
            assertThat(ledger.liveState().live("prod").orElseThrow().candidate().version(), is("1.0"));
        }
    }

    @Test
    public void deployRefusesAnOldPassedVerdictOnceANewerCandidateIsLiveAndRecordsNothing() {
        record(verdict("prod", "1.0", Finding.Outcome.PASS), verdict("prod", "1.1", Finding.Outcome.PASS));
        assertThat(run("deploy", "--tier", "prod", "--candidate", "1.1", "--", "sh", "-c", "exit 0"), is(0));
        int before = types().size();
        assertThat(run("deploy", "--tier", "prod", "--candidate", "1.0", "--", "sh", "-c", "exit 0"), is(1));
        assertThat(err.toString(), containsString("refused: 1.1, newer than 1.0, is live in prod since"));
        assertThat(err.toString(), containsString("--rollback"));
        assertThat(types().size(), is(before));
        try (FileLedger ledger = FileLedger.open(ledgerDir())) {
            assertThat(ledger.liveState().live("prod").orElseThrow().candidate().version(), is("1.1"));
        }
    }

    @Test
    public void deployRefusesARevisionOtherThanTheOneThatPassed() {
        record(verdict("prod", "1.0", Finding.Outcome.PASS));
        assertThat(
                run("deploy", "--tier", "prod", "--candidate", "1.0", "--revision", "bad", "--", "sh", "-c", "exit 0"),
                is(1));
        assertThat(
                err.toString(),
                containsString("1.0 passed the gate of prod at revision abc1231.0; revision bad is different code"));
        assertThat(types(), contains(EventType.GATE_VERDICT));
    }

    @Test
    public void deployRefusesInAFreezeWindowInForceNowThoughTheVerdictPassedOutsideIt() throws IOException {
        Path ladder = tmp.getRoot().toPath().resolve("tiers.yaml");
        Files.writeString(
                ladder,
                "application: shop\n"
                        + "tiers:\n"
                        + "  - id: prod\n"
                        + "    gate:\n"
                        + "      freeze:\n"
                        + "        windows:\n"
                        + "          - name: always\n"
                        + "            days: [mon-sun]\n"
                        + "            from: \"00:00\"\n"
                        + "            to: \"00:00\"\n");
        record(verdict("prod", "1.0", Finding.Outcome.PASS));
        assertThat(
                run(
                        "deploy",
                        "--ladder",
                        ladder.toString(),
                        "--tier",
                        "prod",
                        "--candidate",
                        "1.0",
                        "--",
                        "sh",
                        "-c",
                        "exit 0"),
                is(1));
        assertThat(err.toString(), containsString("refused: prod is frozen now, until"));
        assertThat(types(), contains(EventType.GATE_VERDICT));
    }

    @Test
    public void rollbackIsAllowedOnlyToACandidateThatWasLiveThere() {
        record(verdict("prod", "1.0", Finding.Outcome.PASS), verdict("prod", "1.1", Finding.Outcome.PASS));
        run("deploy", "--tier", "prod", "--candidate", "1.0", "--", "sh", "-c", "exit 0");
        run("deploy", "--tier", "prod", "--candidate", "1.1", "--", "sh", "-c", "exit 0");
        assertThat(
                run("deploy", "--tier", "prod", "--candidate", "0.9", "--rollback", "--", "sh", "-c", "exit 0"), is(1));
        assertThat(err.toString(), containsString("it was never live there"));
        assertThat(
                run("deploy", "--tier", "prod", "--candidate", "1.0", "--rollback", "--", "sh", "-c", "exit 0"), is(0));
        try (FileLedger ledger = FileLedger.open(ledgerDir())) {
            LedgerEvent last = ledger.events().get(ledger.events().size() - 1);
            assertThat(last.type(), is(EventType.ROLLED_BACK));
            assertThat(last.rolledBackFrom(), is("1.1"));
            assertThat(ledger.liveState().live("prod").orElseThrow().candidate().version(), is("1.0"));
        }
    }

    @Test
    public void statusPrintsTheLiveStateAsTextAndJson() throws IOException {
        record(
                verdict("prod", "1.0", Finding.Outcome.PASS),
                LedgerEvent.deploymentSucceeded(
                        "shop", "prod", Candidate.of("1.0"), "alice", Instant.parse("2026-03-01T10:00:00Z")),
                verdict("prod", "1.1", Finding.Outcome.WAIT));
        assertThat(run("status"), is(0));
        assertThat(out.toString(), containsString("prod: 1.0 live since 2026-03-01T10:00:00Z (deployed by alice)"));
        assertThat(out.toString(), containsString("waiting: 1.1 since 2026-03-01T09:00:00Z — evidence line"));
        out.getBuffer().setLength(0);
        assertThat(run("status", "--json"), is(0));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(
                json.path("tiers")
                        .get(0)
                        .path("live")
                        .path("candidate")
                        .path("version")
                        .asText(),
                is("1.0"));
        assertThat(json.path("seq").asInt(), is(3));
    }

    @Test
    public void historyFindsACommitAndSaysWhenItReachedProduction() throws IOException {
        record(
                verdict("prod", "2.0", Finding.Outcome.PASS),
                LedgerEvent.deploymentSucceeded(
                        "shop",
                        "prod",
                        new Candidate("2.0", null, "abc1232.0", null),
                        "alice",
                        Instant.parse("2026-03-01T10:00:00Z")));
        assertThat(run("history", "--commit", "ABC123"), is(0));
        assertThat(out.toString(), containsString("2.0 (abc1232.0)"));
        assertThat(out.toString(), containsString("live since 2026-03-01T10:00:00Z"));
        out.getBuffer().setLength(0);
        assertThat(run("history", "--candidate", "2.0", "--json"), is(0));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get(0).path("tiers").get(0).path("liveAt").asText(), is("2026-03-01T10:00:00Z"));
        assertThat(run("history", "--candidate", "2.0", "--commit", "abc"), is(ExitCodes.USAGE));
    }

    @Test
    public void metricsReportsTheFiguresOverTheWindow() throws IOException {
        Instant now = Instant.now();
        record(
                LedgerEvent.deploymentSucceeded(
                        "shop",
                        "prod",
                        new Candidate("1.0", null, null, now.minusSeconds(7200)),
                        "a",
                        now.minusSeconds(3600)),
                LedgerEvent.deploymentFailed("shop", "prod", Candidate.of("1.1"), "a", now.minusSeconds(60), 1, "x"));
        assertThat(run("metrics", "--window", "1d"), is(0));
        assertThat(out.toString(), containsString("prod: 1 deployments"));
        assertThat(out.toString(), containsString("Change failure rate (prod): 50.0% (1 of 2)"));
        assertThat(out.toString(), containsString("prod: median 1h00m, p90 1h00m (1)"));
        out.getBuffer().setLength(0);
        assertThat(run("metrics", "--window", "1d", "--json"), is(0));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("changeFailureRate").path("failures").asInt(), is(1));
        assertThat(json.path("leadTime").path("prod").path("median").asText(), is("PT1H"));
        assertThat(run("metrics", "--window", "soon"), is(ExitCodes.USAGE));
    }
}
