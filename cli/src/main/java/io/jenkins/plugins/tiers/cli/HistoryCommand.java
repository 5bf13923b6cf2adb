package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.TierStep;
import io.jenkins.plugins.tiers.model.Ladder;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tiers history}: the newest candidates with their path through the tiers, or everything
 * about one candidate or commit ("has commit abc123 reached production, and when?").
 */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Show the newest candidates with their path through the tiers, or one candidate or commit.",
            "Tiers come in ladder order when there is a ladder, else in the order the ledger first saw them."
        },
        footer = {"", "Exit codes: 0 shown (also when nothing matches), 64 usage error, 65 unreadable ladder or ledger."
        })
public final class HistoryCommand extends LedgerSubcommand {

    @ArgGroup(exclusive = true)
    Selection selection;

    /** At most one of: a version, or a commit / search text. */
    static final class Selection {
        @Option(names = "--candidate", paramLabel = "V", description = "One candidate, by exact version.")
        String candidate;

        @Option(
                names = "--commit",
                paramLabel = "SHA",
                description = "Candidates whose revision starts with SHA or whose version contains it.")
        String commit;
    }

    @Option(
            names = "--last",
            paramLabel = "N",
            defaultValue = "20",
            description = "How many candidates to show (default: ${DEFAULT-VALUE}).")
    int last;

    @Override
    String name() {
        return "tiers history";
    }

    @Override
    Optional<Integer> checkOptions(PrintWriter err) {
        if (last < 1) {
            err.println("tiers history: --last must be 1 or more, was " + last);
            return Optional.of(ExitCodes.USAGE);
        }
        return Optional.empty();
    }

    @Override
    int run(Ledger ledger, Optional<Ladder> ladder, PrintWriter out, PrintWriter err) throws IOException {
        List<CandidatePath> paths;
        if (selection != null && selection.candidate != null) {
            paths = ledger.candidate(selection.candidate).stream().toList();
        } else if (selection != null && selection.commit != null) {
            paths = ledger.search(selection.commit).stream().limit(last).toList();
        } else {
            paths = ledger.lastCandidates(last);
        }
        if (ladder.isPresent()) {
            List<String> order = LedgerOptions.tierOrder(ladder, ledger.tierOrder());
            paths = paths.stream()
                    .map(p -> CandidatePath.of(p.version(), p.events(), order))
                    .toList();
        }
        LedgerOptions.reportWarnings(ledger, err);
        if (options.json) {
            out.println(LedgerOptions.jsonMapper().writeValueAsString(paths));
            return ExitCodes.OK;
        }
        if (paths.isEmpty()) {
            out.println("No candidate found in " + options.ledgerName() + ".");
        }
        for (CandidatePath path : paths) {
            out.println(path.version()
                    + path.candidate().sourceRevision().map(r -> " (" + r + ")").orElse(""));
            for (TierStep step : path.tiers()) {
                out.println("  " + step.tier() + ": " + describe(step));
            }
        }
        return ExitCodes.OK;
    }

    private static String describe(TierStep step) {
        StringBuilder text = new StringBuilder();
        text.append(step.verdict() == null ? "no verdict" : "gate " + step.verdict() + " " + step.verdictAt());
        if (step.deployment() != null) {
            text.append(", deployment ").append(step.deployment()).append(' ').append(step.deploymentAt());
        }
        step.reached().ifPresent(t -> text.append(", live since ").append(t));
        return text.toString();
    }
}
