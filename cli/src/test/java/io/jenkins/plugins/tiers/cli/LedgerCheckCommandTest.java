package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.Candidate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * A refusal hidden by one corrupted byte never lets a gate pass: the gate blocks naming the line,
 * {@code tiers ledger check} lists it, and {@code tiers ledger repair} quarantines it.
 */
public class LedgerCheckCommandTest {

    private static final String LADDER = "application: shop\ntiers:\n  - id: testing\n  - id: staging\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private Path dir;
    private Path ledgerDir;

    @Before
    public void writeLadderReportAndLedger() throws Exception {
        dir = tmp.getRoot().toPath();
        ledgerDir = dir.resolve("ledger");
        Files.writeString(dir.resolve("tiers.yaml"), LADDER);
        Files.writeString(
                dir.resolve("TEST-a.xml"),
                "<testsuite name=\"a\" tests=\"1\"><testcase classname=\"a\" name=\"ok\"/></testsuite>\n");
        Instant t = Instant.parse("2026-03-01T08:00:00Z");
        try (FileLedger ledger = FileLedger.open(ledgerDir)) {
            ledger.append(LedgerEvent.deploymentSucceeded("shop", "testing", Candidate.of("1.4.2"), "ci", t));
            // 2.0 is live in staging: 1.4.2 is older, and may not replace it
            ledger.append(LedgerEvent.deploymentSucceeded("shop", "staging", Candidate.of("2.0"), "ci", t));
        }
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = TiersCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int gate() {
        return run(
                "gate",
                "--ladder",
                dir.resolve("tiers.yaml").toString(),
                "--ledger",
                ledgerDir.toString(),
                "--tier",
                "staging",
                "--candidate",
                "1.4.2",
                "--tests",
                "TEST-*.xml",
                "--base",
                dir.toString(),
                "--no-record");
    }

    private void corruptTheSecondLine() throws Exception {
        Path log = ledgerDir.resolve(FileLedger.EVENTS);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.writeString(log, text.replace("\"seq\":2,", "\"seq\":2x"), StandardCharsets.UTF_8); // one byte
    }

    @Test
    public void aRefusalHiddenByOneCorruptedByteStillBlocksTheGateNamingTheLine() throws Exception {
        assertThat("older than live: blocked", gate(), is(ExitCodes.BLOCKED));
        corruptTheSecondLine();
        assertThat(gate(), is(ExitCodes.BLOCKED));
        assertThat(out.toString(), containsString("BLOCK ledger            1 ledger line cannot be accounted for"));
        assertThat(
                out.toString(), containsString(ledgerDir.resolve(FileLedger.EVENTS) + " line 2: not a ledger event"));
    }

    @Test
    public void checkListsTheLinesItCannotAccountForAndRepairQuarantinesThem() throws Exception {
        String ledger = ledgerDir.toString();
        assertThat(run("ledger", "check", "--ledger", ledger), is(ExitCodes.OK));
        assertThat(out.toString(), containsString("2 line(s), 2 event(s) in order, 0 line(s) set aside"));

        corruptTheSecondLine();
        assertThat(run("ledger", "check", "--ledger", ledger), is(ExitCodes.INPUT));
        assertThat(out.toString(), containsString("2 line(s), 1 event(s) in order, 1 line(s) set aside"));
        assertThat(err.toString(), containsString("events.jsonl line 2: not a ledger event"));

        assertThat(run("ledger", "repair", "--ledger", ledger, "--json"), is(ExitCodes.OK));
        JsonNode repaired = new ObjectMapper().readTree(out.toString());
        assertThat(repaired.path("quarantined").get(0).path("line").asLong(), is(2L));
        assertThat(
                repaired.path("quarantine").asText(),
                is(ledgerDir.resolve(FileLedger.QUARANTINE).toString()));
        assertThat(Files.readString(ledgerDir.resolve(FileLedger.QUARANTINE)), containsString("\"seq\\\":2x"));

        assertThat(run("ledger", "check", "--ledger", ledger), is(ExitCodes.OK));
        // the refusal is gone from the log now, by a person's explicit repair: the gate no longer sees it
        assertThat(gate(), is(ExitCodes.OK));
        assertThat(out.toString(), not(containsString("BLOCK ledger")));
    }

    @Test
    public void ledgerWithoutASubcommandIsAUsageError() {
        assertThat(run("ledger"), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("check, repair or copy"));
    }
}
