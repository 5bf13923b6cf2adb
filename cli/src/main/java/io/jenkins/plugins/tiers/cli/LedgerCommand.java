package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerCheck;
import io.jenkins.plugins.tiers.ledger.LedgerDigest;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.ledger.UnaccountedLine;
import io.jenkins.plugins.tiers.model.Ladder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tiers ledger check} and {@code tiers ledger repair}: find the lines of a ledger's log it
 * cannot account for (each of which blocks every gate), and move them into a quarantine file
 * beside the log, with why.
 */
@Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        description = "Check a ledger for lines it cannot account for, quarantine them, or copy a ledger to another"
                + " store.",
        subcommands = {LedgerCommand.Check.class, LedgerCommand.Repair.class, LedgerCommand.Copy.class})
public final class LedgerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check, repair or copy");
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
        int run(Ledger opened, Optional<Ladder> ladder, PrintWriter out, PrintWriter err) throws IOException {
            if (!(opened instanceof FileLedger ledger)) {
                return filesOnly(err);
            }
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
        int run(Ledger opened, Optional<Ladder> ladder, PrintWriter out, PrintWriter err) throws IOException {
            if (!(opened instanceof FileLedger ledger)) {
                return filesOnly(err);
            }
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

    /** {@code tiers ledger copy}. */
    @Command(
            name = "copy",
            mixinStandardHelpOptions = true,
            description = {
                "Copy an application's ledger from one store to another (a directory to a PostgreSQL database, or"
                        + " back), with its sequence numbers and event ids, then verify the copy: the same number"
                        + " of events and the same SHA-256 of their lines.",
                "A target that already holds events of the application is refused unless --replace."
            },
            footer = {
                "",
                "Exit codes: 0 copied and verified, 64 usage error, 65 the source cannot be read or the target"
                        + " holds events, 70 the copy does not match its source."
            })
    static final class Copy implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "DIR|URL", description = "The ledger to copy.")
        String from;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "DIR|URL",
                description = "Where to copy it: a directory or postgresql://[user@]host:5432/db?schema=tiers.")
        String to;

        @Option(
                names = "--application",
                paramLabel = "NAME",
                description = "The application whose ledger to copy (default: the one the source holds).")
        String application;

        @Option(
                names = "--replace",
                description = "Replace the events the target already holds (a file target's log is kept beside it).")
        boolean replace;

        @Option(names = "--json", description = "Print machine-readable JSON on stdout.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LedgerLocation source;
            LedgerLocation target;
            try {
                source = LedgerLocation.of(from, LedgerOptions.DEFAULT_LADDER, application);
                target = LedgerLocation.of(to, LedgerOptions.DEFAULT_LADDER, application);
            } catch (LedgerException e) {
                err.println("tiers ledger copy: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (!source.isDatabase() && !Files.isRegularFile(source.directory().resolve(FileLedger.EVENTS))) {
                err.println(
                        "tiers ledger copy: --from: " + source.name() + " holds no ledger (" + FileLedger.EVENTS + ")");
                return ExitCodes.INPUT;
            }
            try (Ledger in = source.open()) {
                String app = in.application()
                        .orElseThrow(() -> new LedgerException(source.name(), "holds no event to copy"));
                LedgerLocation bound = new LedgerLocation(target.directory(), target.database(), app, null);
                try (Ledger copy = bound.open()) {
                    long copied = copy.copyFrom(in, replace);
                    LedgerDigest expected = LedgerDigest.of(in);
                    LedgerDigest found = LedgerDigest.of(copy);
                    if (!expected.equals(found)) {
                        err.println("tiers ledger copy: the copy in " + bound.name() + " does not match its source: "
                                + found.events() + " event(s), sha256 " + found.sha256() + "; expected "
                                + expected.events() + ", sha256 " + expected.sha256());
                        return ExitCodes.SOFTWARE;
                    }
                    print(out, app, source.name(), bound.name(), copied, found);
                    return ExitCodes.OK;
                }
            } catch (LedgerException e) {
                err.println("tiers ledger copy: " + e.getMessage());
                return ExitCodes.INPUT;
            }
        }

        private void print(PrintWriter out, String app, String fromName, String toName, long copied, LedgerDigest d)
                throws IOException {
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("application", app);
                doc.put("from", fromName);
                doc.put("to", toName);
                doc.put("events", copied);
                doc.put("sha256", d.sha256());
                out.println(LedgerOptions.jsonMapper().writeValueAsString(doc));
            } else {
                out.println("Copied " + copied + " event(s) of " + app + " from " + fromName + " to " + toName
                        + "; verified: " + d.events() + " event(s), sha256 " + d.sha256());
            }
        }
    }

    /** Check and repair read log lines; a database holds rows, each an event that was read to be stored. */
    private static int filesOnly(PrintWriter err) {
        err.println("tiers ledger: check and repair work on a file ledger (--ledger DIR); a PostgreSQL ledger has"
                + " no log lines to set aside");
        return ExitCodes.USAGE;
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
