package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.LadderFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * A subcommand that reads one application's ledger, with the ladder when there is one: it reads
 * the ladder, opens the ladder's application's ledger and turns a bad ladder or an unreadable
 * ledger into a message on stderr and an exit code, the same way for each of them.
 */
abstract class LedgerSubcommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LedgerOptions options;

    /** How messages start, {@code tiers status}. */
    abstract String name();

    /**
     * Checks the options before anything is read.
     *
     * @return the exit code when they are wrong (the message printed on {@code err}), else empty
     */
    Optional<Integer> checkOptions(PrintWriter err) {
        return Optional.empty();
    }

    /** Does the work on the open ledger; the ladder is there when one was named or tiers.yaml exists. */
    abstract int run(Ledger ledger, Optional<Ladder> ladder, PrintWriter out, PrintWriter err) throws IOException;

    /** The exit code when the ledger cannot be found, read or written. */
    int ledgerFailure() {
        return ExitCodes.INPUT;
    }

    @Override
    public final Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Integer> wrong = checkOptions(err);
        if (wrong.isPresent()) {
            return wrong.get();
        }
        Optional<Ladder> ladder;
        try {
            ladder = options.readLadder();
        } catch (LadderFileException e) {
            err.println(name() + ": " + e.getMessage());
            return ExitCodes.INPUT;
        }
        try (Ledger ledger = options.open(ladder, err)) {
            return run(ledger, ladder, out, err);
        } catch (LedgerException e) {
            err.println(name() + ": " + e.getMessage());
            return ledgerFailure();
        }
    }
}
