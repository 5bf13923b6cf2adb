package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerCheck;
import io.jenkins.plugins.tiers.ledger.UnaccountedLine;
import io.jenkins.plugins.tiers.model.Ladder;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tiers ledger check} and {@code tiers ledger repair}: find the lines of a ledger's log it
 * cannot account for (each of which blocks every gate), and move them into a quarantine file
 * beside the log, with why.
 */
@Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        description = "Check a ledger for lines it cannot account for, or quarantine them.",
        subcommands = {LedgerCommand.Check.class, LedgerCommand.Repair.class})
public final class LedgerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check or repair");
    }

    /** {@code tiers ledger check}. */
    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Read the whole log afresh (no snapshot is trusted) and list every line it cannot account for:"
                        + " unreadable, or with an impossible or out-of-order sequence number.",
                "Every gate blocks while there is one; `tiers ledger repair` quarantines them."
            },
            footer = {"", "Exit codes: 0 every line is an event in order, 65 lines set aside (listed) or unreadable."})
    static final class Check extends LedgerSubcommand {
        @Override
        String name() {
            return "tiers ledger check";
        }

        @Override
        int run(FileLedger ledger, Optional<Ladder> ladder, PrintWriter out, PrintWriter err) throws IOException {
            LedgerCheck check = ledger.check();
            LedgerOptions.reportWarnings(ledger, err);
            print(check, out, options.json, null);
            if (!check.clean()) {
                check.messages().forEach(m -> err.println("tiers ledger check: " + m));
                return ExitCodes.INPUT;
            }
            return ExitCodes.OK;
        }
    }

    /** {@code tiers ledger repair}. */
    @Command(
            name = "repair",
            mixinStandardHelpOptions = true,
            description = {
                "Move every line the ledger cannot account for into " + FileLedger.QUARANTINE
                        + " beside the log (one JSON object per line: line, offset, reason, the line as text and"
                        + " as base64, the time), then rewrite the log without them.",
                "Nothing is deleted: read the quarantine file, and re-record what was lost if it mattered."
            },
            footer = {"", "Exit codes: 0 repaired or nothing to repair, 65 unreadable ledger, 70 cannot write."})
    static final class Repair extends LedgerSubcommand {
        private final Clock clock;

        Repair() {
            this(Clock.systemUTC());
        }

        Repair(Clock clock) {
            this.clock = clock;
        }

        @Override
        String name() {
            return "tiers ledger repair";
        }

        @Override
        int ledgerFailure() {
            return ExitCodes.SOFTWARE;
        }

        @Override
        int run(FileLedger ledger, Optional<Ladder> ladder, PrintWriter out, PrintWriter err) throws IOException {
            LedgerCheck repaired = ledger.repair(clock.instant());
            LedgerOptions.reportWarnings(ledger, err);
            print(
                    repaired,
                    out,
                    options.json,
                    ledger.directory().resolve(FileLedger.QUARANTINE).toString());
            return ExitCodes.OK;
        }
    }

    private static void print(LedgerCheck check, PrintWriter out, boolean json, String quarantine) throws IOException {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("log", check.log().toString());
            doc.put("lines", check.lines());
            doc.put("events", check.events());
            doc.put("tornTail", check.tornTail());
            List<Map<String, Object>> lines =
                    check.unaccounted().stream().map(LedgerCommand::asMap).toList();
            doc.put(quarantine == null ? "unaccounted" : "quarantined", lines);
            if (quarantine != null && !lines.isEmpty()) {
                doc.put("quarantine", quarantine);
            }
            out.println(LedgerOptions.jsonMapper().writeValueAsString(doc));
            return;
        }
        out.println(check.log() + ": " + check.lines() + " line(s), " + check.events() + " event(s) in order, "
                + check.unaccounted().size() + " line(s) " + (quarantine == null ? "set aside" : "quarantined")
                + (check.tornTail() ? "; a torn last line (cut off by the next append)" : ""));
        check.messages().forEach(m -> out.println("  " + m));
        if (quarantine != null && !check.clean()) {
            out.println("moved to " + quarantine);
        }
    }

    private static Map<String, Object> asMap(UnaccountedLine u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", u.line());
        m.put("offset", u.offset());
        m.put("seq", u.seq());
        m.put("reason", u.reason());
        return m;
    }
}
