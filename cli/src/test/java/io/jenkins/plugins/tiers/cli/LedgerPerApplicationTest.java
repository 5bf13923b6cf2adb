package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.model.Candidate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * Two ladders with different applications in one folder keep one ledger each, under {@code
 * .tiers/}: one's deployments never decide the other's gates. A ledger written before that, shared
 * in {@code .tiers/events.jsonl}, is still read, with a warning saying how to move it.
 */
public class LedgerPerApplicationTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path dir;
    private Instant buildStart;

    @Before
    public void writeLaddersAndReports() throws Exception {
        buildStart = Instant.now().minusSeconds(60);
        dir = tmp.getRoot().toPath();
        for (String application : List.of("shop", "billing")) {
            Files.writeString(
                    dir.resolve(application + ".yaml"),
                    "application: " + application + "\ntiers:\n  - id: production\n    kind: production\n");
        }
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.writeString(
                reports.resolve("TEST-com.shop.CartIT.xml"),
                "<testsuite name=\"com.shop.CartIT\" tests=\"1\" failures=\"0\">"
                        + "<testcase classname=\"com.shop.CartIT\" name=\"ok\"/></testsuite>\n");
    }

    private int tiers(String application, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--ladder");
        all.add(2, dir.resolve(application + ".yaml").toString());
        CommandLine cli = TiersCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    /** Gates {@code version} of {@code application} into production on green reports, then deploys it. */
    private int promote(String application, String version) {
        int gate = tiers(
                application,
                "gate",
                "--tier",
                "production",
                "--candidate",
                version,
                "--tests",
                "*.xml",
                "--base",
                dir.resolve("reports").toString(),
                "--newer-than",
                buildStart.toString());
        assertThat("stdout:\n" + out + "\nstderr:\n" + err, gate, is(0));
        return tiers(application, "deploy", "--tier", "production", "--candidate", version, "--", "sh", "-c", "exit 0");
    }

    private Path oldSharedLedger() {
        return dir.resolve(".tiers");
    }

    @Test
    public void aBillingDeploymentNeverBlocksShopsOlderVersionInTheSameFolder() {
        assertThat(promote("billing", "99.0"), is(0));
        assertThat("stdout:\n" + out + "\nstderr:\n" + err, promote("shop", "1.0"), is(0));
        assertThat(err.toString(), not(containsString("older")));

        assertThat(tiers("shop", "status"), is(0));
        assertThat(out.toString(), containsString("production: 1.0 live since"));
        assertThat(out.toString(), not(containsString("99.0")));
        assertThat(tiers("billing", "status"), is(0));
        assertThat(out.toString(), containsString("production: 99.0 live since"));

        assertThat(
                Files.isRegularFile(dir.resolve(".tiers/" + LedgerDirectoryName.of("shop") + "/events.jsonl")),
                is(true));
        assertThat(
                Files.isRegularFile(dir.resolve(".tiers/" + LedgerDirectoryName.of("billing") + "/events.jsonl")),
                is(true));
        assertThat(Files.exists(dir.resolve(".tiers/events.jsonl")), is(false));
    }

    @Test
    public void anOldSharedLedgerIsStillReadWithAWarningSayingHowToMoveIt() {
        try (FileLedger old = FileLedger.open(oldSharedLedger())) {
            old.append(LedgerEvent.deploymentSucceeded(
                    "shop", "production", Candidate.of("1.0"), "ci", Instant.parse("2026-11-26T08:00:00Z")));
        }
        assertThat(tiers("shop", "status"), is(0));
        assertThat(out.toString(), containsString("production: 1.0 live since 2026-11-26T08:00:00Z"));
        Path own = oldSharedLedger().resolve(LedgerDirectoryName.of("shop"));
        assertThat(
                err.toString(),
                containsString("warning: ledger " + oldSharedLedger().resolve("events.jsonl")
                        + " was written before each application had its own ledger"));
        assertThat(
                err.toString(),
                containsString(
                        "mkdir -p " + own + " && mv " + oldSharedLedger().resolve("events.jsonl") + " " + own + "/"));
    }

    @Test
    public void anotherApplicationsEventsInAnOldSharedLedgerAreIgnoredWithAWarningNamingTheLine() throws Exception {
        try (FileLedger old = FileLedger.open(oldSharedLedger(), "shop")) {
            old.append(LedgerEvent.deploymentSucceeded(
                    "shop", "production", Candidate.of("1.0"), "ci", Instant.parse("2026-11-26T08:00:00Z")));
        }
        try (FileLedger old = FileLedger.open(oldSharedLedger(), "billing")) {
            old.append(LedgerEvent.deploymentSucceeded(
                    "billing", "production", Candidate.of("99.0"), "ci", Instant.parse("2026-11-26T08:01:00Z")));
        }
        assertThat(tiers("shop", "status"), is(0));
        assertThat(out.toString(), containsString("production: 1.0 live since"));
        assertThat(
                err.toString(),
                containsString(oldSharedLedger().resolve("events.jsonl")
                        + " line 2: an event of application \"billing\", not \"shop\"; ignored"));
        // and shop's gate is not blocked by billing's 99.0 as "older than live"
        assertThat(promote("shop", "1.1"), is(0));
    }

    @Test
    public void withoutALadderAFolderOfSeveralLedgersIsRefusedNamingThemAndOneLedgerIsUsed() {
        assertThat(promote("billing", "99.0"), is(0));
        Path noLadder = dir.resolve("tiers.yaml");
        assertThat(
                LedgerLocation.of(null, noLadder, null).directory(),
                is(oldSharedLedger().resolve(LedgerDirectoryName.of("billing"))));
        assertThat(promote("shop", "1.0"), is(0));
        LedgerException e = assertThrows(LedgerException.class, () -> LedgerLocation.of(null, noLadder, null));
        assertThat(e.getMessage(), containsString("holds the ledgers of several applications"));
        assertThat(e.getMessage(), containsString(LedgerDirectoryName.of("billing")));
        assertThat(e.getMessage(), containsString(LedgerDirectoryName.of("shop")));
        assertThat(e.getMessage(), containsString("--ladder FILE"));
    }
}
