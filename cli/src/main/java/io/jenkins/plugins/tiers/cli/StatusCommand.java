package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.ledger.WaitingCandidate;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tiers status}: what is live in each tier, since when, and what waits at each gate. */
@Command(name = "status", description = "Show which candidate is live in each tier and which wait at each gate.")
public final class StatusCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LedgerOptions options;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (FileLedger ledger = options.open()) {
            LiveState state = ledger.liveState();
            LedgerOptions.reportWarnings(ledger, err);
            if (options.json) {
                out.println(LedgerOptions.jsonMapper().writeValueAsString(state));
                return ExitCodes.OK;
            }
            if (state.tiers().isEmpty()) {
                out.println("The ledger " + options.ledger + " is empty: nothing was deployed yet.");
            }
            for (TierState tier : state.tiers()) {
                out.println(tier.tier() + ": "
                        + tier.liveCandidate()
                                .map(l -> l.candidate().version() + " live since " + l.since() + " (deployed by "
                                        + l.deployedBy() + (l.rollback() ? ", rollback" : "") + ")")
                                .orElse("nothing live"));
                for (WaitingCandidate w : tier.waiting()) {
                    out.println("  waiting: " + w.candidate().version() + " since " + w.since()
                            + (w.reasons().isEmpty() ? "" : " — " + String.join("; ", w.reasons())));
                }
            }
            if (state.skippedLines() > 0) {
                out.println(state.skippedLines() + " unreadable line(s) in the ledger were skipped.");
            }
            return ExitCodes.OK;
        } catch (LedgerException e) {
            err.println("tiers status: " + e.getMessage());
            return ExitCodes.INPUT;
        }
    }
}
