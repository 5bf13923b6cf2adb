package io.jenkins.plugins.tiers.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tiers} command: gates, records and renders promotions through deployment tiers from
 * any CI or a laptop, over the same engine the Jenkins plugin uses.
 */
@Command(
        name = "tiers",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Gate promotions through deployment tiers on test evidence, and chart live-code progress.",
        subcommands = {
            CommandLine.HelpCommand.class,
            TestsCommand.class,
            GateCommand.class,
            ApproveCommand.class,
            DeployCommand.class,
            SwitchCommand.class,
            AbortCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            MetricsCommand.class,
            ReportCommand.class,
            LedgerCommand.class,
            DemoCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 success or passed, 1 blocked, 2 waiting, 64 usage error, 65 input error, 70 internal error."
        })
public final class TiersCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Builds the command line with the project's exit codes and error handling. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TiersCommand());
        applyExitCodes(cli);
        return cli;
    }

    private static void applyExitCodes(CommandLine cli) {
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.getCommandSpec().exitCodeOnExecutionException(ExitCodes.SOFTWARE);
        cli.getSubcommands().values().forEach(TiersCommand::applyExitCodes);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
