package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class ReportCommandTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path ladder;

    @Before
    public void writeLadder() throws Exception {
        ladder = tmp.getRoot().toPath().resolve("tiers.yaml");
        try (InputStream yaml = DemoCommand.class.getResourceAsStream("demo-tiers.yaml")) {
            Files.write(ladder, yaml.readAllBytes());
        }
    }

    /** Runs {@code tiers report ARGS} with a fixed clock; the first argument names the subcommand. */
    private int run(String... args) {
        CommandLine cli =
                new CommandLine(new ReportCommand(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC)));
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.getCommandSpec().exitCodeOnExecutionException(ExitCodes.SOFTWARE);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    @Test
    public void writesAPageForAnEmptyLedgerAndPrintsItsPath() throws Exception {
        Files.createDirectories(tmp.getRoot()
                .toPath()
                .resolve(".tiers")
                .resolve(LedgerDirectoryName.of("shop"))); // an empty ledger beside the ladder
        Path site = tmp.getRoot().toPath().resolve("site");
        int code = run("report", "--ladder", ladder.toString(), "--out", site.toString());
        assertThat(err.toString(), code, is(0));
        assertThat(out.toString().trim(), is(site.resolve("index.html").toString()));
        String html = Files.readString(site.resolve("index.html"));
        PageXml.parse(html);
        assertThat(html, containsString("No candidate has been recorded yet."));
        assertThat(html, containsString("<title>shop"));
    }

    @Test
    public void aMissingLedgerIsAnInputError() {
        Path site = tmp.getRoot().toPath().resolve("site");
        assertThat(
                run("report", "--ladder", ladder.toString(), "--ledger", "no-such-dir", "--out", site.toString()),
                is(ExitCodes.INPUT));
        assertThat(err.toString(), containsString("--ledger: no-such-dir is not a directory"));
        assertThat(Files.exists(site), is(false));
    }

    @Test
    public void aBadLadderIsAnInputErrorNamingTheFile() throws Exception {
        Files.writeString(ladder, "application: shop\ntiers: [\n");
        assertThat(run("report", "--ladder", ladder.toString(), "--out", "x"), is(ExitCodes.INPUT));
        assertThat(err.toString(), containsString("tiers.yaml"));
    }

    @Test
    public void badOptionsAreUsageErrors() throws Exception {
        Files.createDirectories(tmp.getRoot().toPath().resolve(".tiers").resolve(LedgerDirectoryName.of("shop")));
        assertThat(run("report", "--ladder", ladder.toString(), "--out", "x", "--window", "soon"), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("--window"));
        assertThat(
                run("report", "--ladder", ladder.toString(), "--out", "x", "--link-template", "javascript:alert(1)"),
                is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("--link-template"));
        assertThat(run("report", "--ladder", ladder.toString(), "--out", "x", "--tier", "qa"), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("no tier \"qa\""));
        assertThat(run("report", "--ladder", ladder.toString()), is(ExitCodes.USAGE));
    }
}
