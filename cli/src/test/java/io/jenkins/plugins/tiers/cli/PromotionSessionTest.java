package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.report.TestId;
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
 * One promotion driven end to end through the command line, as a CI script would: gate, deploy,
 * the next gate against what is live, a regression blocked, an approval wait answered by two
 * people, and the status, history and figures that result, with the exit code of every step.
 */
public class PromotionSessionTest {

    /** Like examples/tiers.yaml, without the clock-dependent rules (soak, freeze windows). */
    private static final String LADDER = "application: shop\n"
            + "tiers:\n"
            + "  - id: development\n"
            + "    kind: development\n"
            + "    gate:\n"
            + "      maxFailures: 1\n"
            + "  - id: staging\n"
            + "    kind: staging\n"
            + "    gate:\n"
            + "      minTests: 3\n"
            + "      maxFailures: 1\n"
            + "      noNewFailures: true\n"
            + "  - id: production\n"
            + "    kind: production\n"
            + "    gate:\n"
            + "      minTests: 3\n"
            + "      maxFailures: 1\n"
            + "      noNewFailures: true\n"
            + "      approval:\n"
            + "        required: 2\n"
            + "        groups: [release-managers]\n"
            + "        users: [alice]\n"
            + "        allowSelfApproval: false\n"
            + "  - id: dr\n"
            + "    kind: other\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path dir;

    /** When "the build" started, before it wrote its reports: what a CI script passes as --newer-than. */
    private Instant buildStart;

    @Before
    public void writeLadderAndReports() throws Exception {
        buildStart = Instant.now().minusSeconds(60);
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("tiers.yaml"), LADDER);
        report("green", List.of());
        report("regressed", List.of("cancel"));
    }

    /** Surefire-style reports: four passing tests and the given failures of OrderIT. */
    private void report(String build, List<String> failing) throws Exception {
        Path d = Files.createDirectories(dir.resolve(build).resolve("target/surefire-reports"));
        StringBuilder xml = new StringBuilder("<testsuite name=\"com.shop.OrderIT\" tests=\"" + (4 + failing.size())
                + "\" failures=\"" + failing.size() + "\" errors=\"0\" skipped=\"0\">\n");
        for (int i = 0; i < 4; i++) {
            xml.append("  <testcase classname=\"com.shop.OrderIT\" name=\"ok")
                    .append(i)
                    .append("\"/>\n");
        }
        for (String f : failing) {
            xml.append("  <testcase classname=\"com.shop.OrderIT\" name=\"")
                    .append(f)
                    .append("\"><failure message=\"boom\">trace</failure></testcase>\n");
        }
        Files.writeString(d.resolve("TEST-com.shop.OrderIT.xml"), xml.append("</testsuite>\n"));
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

    private int gate(String tier, String version, String build, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "gate",
                "--tier",
                tier,
                "--candidate",
                version,
                "--revision",
                "c0ffee" + version.replace(".", ""),
                "--tests",
                "**/TEST-*.xml",
                "--base",
                dir.resolve(build).toString(),
                // the build's reports serve every tier's gate, so they are dated from the build's start
                "--newer-than",
                buildStart.toString()));
        args.addAll(List.of(more));
        return tiers(args.toArray(String[]::new));
    }

    private int deploy(String tier, String version, String... command) {
        List<String> args = new ArrayList<>(List.of("deploy", "--tier", tier, "--candidate", version, "--"));
        args.addAll(List.of(command.length == 0 ? new String[] {"sh", "-c", "exit 0"} : command));
        return tiers(args.toArray(String[]::new));
    }

    /** Asserts an exit code, showing what the command printed when it differs. */
    private void exits(int actual, int expected) {
        assertThat("stdout:\n" + out + "\nstderr:\n" + err, actual, is(expected));
    }

    private List<LedgerEvent> events() {
        try (FileLedger ledger =
                FileLedger.open(dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")), "shop")) {
            return ledger.events();
        }
    }

    @Test
    public void aCandidateClimbsTheLadderARegressionIsBlockedAndTheLedgerAnswers() throws Exception {
        // 1.0 is green all the way up.
        exits(gate("development", "1.0", "green"), ExitCodes.OK);
        LedgerEvent verdict = events().get(0);
        assertThat(verdict.type(), is(EventType.GATE_VERDICT));
        assertThat(verdict.evidence().totals().tests(), is(4));
        exits(deploy("staging", "1.0"), ExitCodes.BLOCKED);
        assertThat(err.toString(), containsString("the gate of staging has not passed 1.0"));
        exits(deploy("development", "1.0"), ExitCodes.OK);

        exits(gate("staging", "1.0", "green"), ExitCodes.OK);
        assertThat(out.toString(), containsString("1.0 is live in development"));
        exits(deploy("staging", "1.0"), ExitCodes.OK);

        // Production waits for two approvers; the run was started by carol.
        exits(gate("production", "1.0", "green", "--started-by", "carol"), ExitCodes.WAITING);
        assertThat(out.toString(), containsString("waiting for 2 more approvals from release-managers or alice"));
        exits(deploy("production", "1.0"), ExitCodes.BLOCKED);
        exits(tiers("approve", "--tier", "production", "--candidate", "1.0", "--by", "mallory"), 1);
        assertThat(err.toString(), containsString("mallory is not among the approvers of this tier"));
        exits(
                tiers(
                        "approve",
                        "--tier",
                        "production",
                        "--candidate",
                        "1.0",
                        "--by",
                        "carol",
                        "--group",
                        "release-managers"),
                ExitCodes.BLOCKED);
        assertThat(err.toString(), containsString("carol started this run and may not approve it"));
        exits(tiers("approve", "--tier", "production", "--candidate", "1.0", "--by", "alice"), 0);
        assertThat(out.toString(), containsString("alice approved 1.0 for production"));
        exits(tiers("approve", "--tier", "production", "--candidate", "1.0", "--by", "alice"), 1);
        assertThat(err.toString(), containsString("alice has already approved"));
        exits(gate("production", "1.0", "green", "--started-by", "carol"), ExitCodes.WAITING);
        assertThat(out.toString(), containsString("waiting for 1 more approval"));
        exits(
                tiers(
                        "approve",
                        "--tier",
                        "production",
                        "--candidate",
                        "1.0",
                        "--by",
                        "bob",
                        "--group",
                        "release-managers",
                        "--comment",
                        "ship it",
                        "--json"),
                0);
        assertThat(new ObjectMapper().readTree(out.toString()).path("decision").asText(), is("approved"));
        exits(gate("production", "1.0", "green", "--started-by", "carol"), ExitCodes.OK);
        assertThat(out.toString(), containsString("approved by alice, bob (2 of 2 required"));
        exits(deploy("production", "1.0"), ExitCodes.OK);

        // 1.1 fails OrderIT.cancel: tolerated in development (max 1 failure), and recorded there ...
        exits(gate("development", "1.1", "regressed"), ExitCodes.OK);
        LedgerEvent recordedVerdict = events().get(events().size() - 1);
        assertThat(recordedVerdict.evidence().failed(), contains(new TestId("com.shop.OrderIT", "cancel")));
        exits(deploy("development", "1.1"), ExitCodes.OK);
        // ... but new against 1.0 live in staging, so staging refuses it.
        exits(gate("staging", "1.1", "regressed"), ExitCodes.BLOCKED);
        assertThat(out.toString(), containsString("1 new failure against 1.0 live in staging: OrderIT.cancel"));
        exits(deploy("staging", "1.1"), ExitCodes.BLOCKED);
        // A dry run of a fixed build passes but records nothing, so deploy still refuses.
        int recorded = events().size();
        exits(gate("staging", "1.1", "green", "--no-record"), ExitCodes.OK);
        assertThat(out.toString(), containsString("no new failures against 1.0 live in staging"));
        assertThat(events().size(), is(recorded));
        exits(deploy("staging", "1.1"), ExitCodes.BLOCKED);
        assertThat(err.toString(), containsString("its latest verdict is BLOCKED"));

        // Unknown tiers are usage errors that name the tier.
        exits(deploy("qa", "1.0"), ExitCodes.USAGE);
        assertThat(err.toString(), containsString("no tier \"qa\""));

        exits(tiers("status"), 0);
        String status = out.toString();
        assertThat(status, containsString("production: 1.0 live since"));
        assertThat(status, containsString("dr: nothing live"));
        assertThat(status.indexOf("development:") < status.indexOf("staging:"), is(true));
        assertThat(status.indexOf("production:") < status.indexOf("dr:"), is(true));

        exits(tiers("history", "--commit", "c0ffee10"), 0);
        assertThat(out.toString(), containsString("1.0 (c0ffee10)"));
        assertThat(out.toString(), containsString("production: gate PASSED"));
        assertThat(out.toString(), not(containsString("1.1 (")));

        exits(tiers("metrics", "--window", "1d", "--json"), 0);
        JsonNode figures = new ObjectMapper().readTree(out.toString());
        assertThat(figures.path("order").path("production").asText(), is("production"));
        assertThat(figures.path("changeFailureRate").path("deployments").asInt(), is(1));
        assertThat(figures.path("changeFailureRate").path("failures").asInt(), is(0));
        assertThat(figures.path("frequency").get(3).path("tier").asText(), is("dr"));
    }

    @Test
    public void aFreezeOverrideIsRecordedBeforeTheVerdict() {
        exits(
                gate("development", "1.0", "green", "--override-freeze", "alice", "--reason", "hotfix for INC-42"),
                ExitCodes.OK);
        List<LedgerEvent> events = events();
        assertThat(events.get(0).type(), is(EventType.FREEZE_OVERRIDE));
        assertThat(events.get(0).actor(), is("alice"));
        assertThat(events.get(0).reason(), is("hotfix for INC-42"));
        assertThat(events.get(1).type(), is(EventType.GATE_VERDICT));
    }

    @Test
    public void approveNeedsAWaitingCandidateAndATierWithAnApprovalRule() {
        exits(tiers("approve", "--tier", "production", "--candidate", "1.0", "--by", "alice"), 1);
        assertThat(err.toString(), containsString("1.0 is not waiting at the gate of production"));
        exits(tiers("approve", "--tier", "staging", "--candidate", "1.0", "--by", "alice"), 1);
        assertThat(err.toString(), containsString("the gate of staging has no approval rule"));
        exits(tiers("approve", "--tier", "qa", "--candidate", "1.0", "--by", "alice"), ExitCodes.USAGE);
        assertThat(err.toString(), containsString("no tier \"qa\""));
    }
}
