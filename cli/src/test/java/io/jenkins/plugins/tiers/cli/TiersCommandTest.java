package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.Test;
import picocli.CommandLine;

public class TiersCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = TiersCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    public void printsTheVersionMavenBuilt() {
        assertThat(run("--version"), is(0));
        assertThat(out.toString(), matchesPattern("(?s)tiers \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*"));
    }

    @Test
    public void helpListsTheExitCodes() {
        assertThat(run("--help"), is(0));
        assertThat(out.toString(), containsString("Usage: tiers"));
        assertThat(out.toString(), containsString("1 blocked, 2 waiting"));
    }

    @Test
    public void anUnknownOptionIsAUsageError() {
        assertThat(run("--no-such-option"), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("Unknown option: '--no-such-option'"));
    }

    @Test
    public void noSubcommandIsAUsageError() {
        assertThat(run(), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("a subcommand is required"));
    }

    /** A stray % in a description makes picocli print it unformatted, with a warning; none may. */
    @Test
    public void everyCommandsHelpIsFormatted() {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            java.util.Deque<CommandLine> todo =
                    new java.util.ArrayDeque<>(java.util.List.of(TiersCommand.commandLine()));
            while (!todo.isEmpty()) {
                CommandLine command = todo.pop();
                String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertThat(command.getCommandName(), usage.contains("%n"), is(false));
                todo.addAll(command.getSubcommands().values());
            }
        } finally {
            System.setErr(before);
        }
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8), is(""));
    }
}
