package io.jenkins.plugins.tiers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.FreezeOverride;
import io.jenkins.plugins.tiers.gate.GateEngine;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.gate.GateRequest;
import io.jenkins.plugins.tiers.gate.PromotionHistory;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.EvidenceSummary;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.ledger.LedgerPromotionHistory;
import io.jenkins.plugins.tiers.ledger.PostgresLocation;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.LadderFile;
import io.jenkins.plugins.tiers.model.LadderFileException;
import io.jenkins.plugins.tiers.report.ReportException;
import io.jenkins.plugins.tiers.report.ReportGlob;
import io.jenkins.plugins.tiers.report.ReportSet;
import io.jenkins.plugins.tiers.report.TestReportReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tiers gate}: evaluates the gate of one tier for one candidate, on the test reports given
 * and the ledger's history, and prints the verdict with its evidence, line by line. The exit code
 * says passed (0), blocked (1) or waiting (2), so any CI can branch on it.
 */
@Command(
        name = "gate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate the gate of a tier for a candidate and print the verdict with its evidence.",
            "Reports that cannot be read, or none given, block the gate and say why.",
            "The verdict (with the failed test ids, the baseline of later gates) and any freeze override are"
                    + " recorded in the ledger before the command returns, unless --no-record."
        },
        footer = {
            "",
            "Exit codes: 0 passed, 1 blocked, 2 waiting, 64 usage error, 65 input error (ladder, ledger"
                    + " unreadable or not writable)."
        })
public final class GateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--ladder", paramLabel = "FILE", description = "The ladder file (default: ${DEFAULT-VALUE}).")
    Path ladder = Path.of("tiers.yaml");

    @Option(names = "--tier", required = true, paramLabel = "ID", description = "The tier to enter.")
    String tier;

    @Option(names = "--candidate", required = true, paramLabel = "VERSION", description = "The candidate's version.")
    String candidate;

    @Option(
            names = "--tests",
            paramLabel = "GLOB",
            arity = "1..*",
            description = "Test report patterns, Ant style (**/TEST-*.xml), relative to --base; a pattern may"
                    + " also be absolute or start outside it (~/reports/TEST-a.xml, ../other/**/TEST-*.xml).")
    List<String> tests = new ArrayList<>();

    @Option(
            names = "--base",
            paramLabel = "DIR",
            description = "Where the --tests patterns are matched (default: the working directory).")
    Path base = Path.of("");

    @Option(
            names = "--ledger",
            paramLabel = "DIR|URL",
            description =
                    "The ledger directory (default: the application's directory under .tiers/ beside the ladder), or a"
                            + " PostgreSQL database (postgresql://host:5432/db?schema=tiers): live state, baselines,"
                            + " past verdicts and approvals are read from it and the verdict is recorded in it.")
    String ledger;

    @Option(names = "--rollback", description = "Allow a candidate older than the live one: an explicit rollback.")
    boolean rollback;

    @Option(names = "--started-by", paramLabel = "USER", description = "Who started the promotion.")
    String startedBy = "";

    @Option(
            names = "--override-freeze",
            paramLabel = "PERSON",
            description = "Override freeze windows, in the name of PERSON (needs --reason).")
    String overrideBy;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the freeze is overridden.")
    String reason;

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            description = "Evaluate as of this time (ISO-8601, e.g. 2026-11-26T10:00:00Z) instead of now; a dry"
                    + " run, so it needs --no-record: a verdict is never recorded for another time than now.")
    String at;

    @Option(
            names = "--no-record",
            description = "A dry run: evaluate against the ledger but record nothing (no verdict, no override).")
    boolean noRecord;

    @Option(
            names = "--newer-than",
            paramLabel = "INSTANT",
            converter = TestsCommand.InstantConverter.class,
            description = "Ignore reports last modified before this ISO-8601 instant, with a warning naming them"
                    + " (default: the candidate's first event in the ledger, so reports from before it existed never"
                    + " count; 1970-01-01T00:00:00Z takes reports of any age).")
    Instant newerThan;

    @Option(names = "--revision", paramLabel = "SHA", description = "The candidate's source revision (commit id).")
    String revision;

    @Option(names = "--json", description = "Print the verdict as JSON.")
    boolean json;

    private final Clock now;

    public GateCommand() {
        this(Clock.tickMillis(ZoneOffset.UTC));
    }

    GateCommand(Clock now) {
        this.now = now;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (at != null && !noRecord) {
            // A verdict recorded for another time could pass soak, freeze or approval timeouts early.
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--at evaluates as of another time and is a dry run only: add --no-record (a verdict is"
                            + " never recorded for another time than now)");
        }
        Clock clock = clock();
        Ladder parsed;
        try {
            parsed = LadderFile.read(ladder);
        } catch (LadderFileException e) {
            err.println("tiers gate: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        if (parsed.tier(tier).isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--tier: no tier \"" + tier + "\" in " + ladder + "; known tiers: " + parsed.ids());
        }
        Candidate version;
        try {
            version = new Candidate(candidate, null, revision, null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--candidate: " + e.getMessage());
        }
        FreezeOverride override = null;
        if (overrideBy != null || reason != null) {
            try {
                override = new FreezeOverride(overrideBy, reason);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--override-freeze and --reason: " + e.getMessage());
            }
        }
        ReportGlob glob = glob();
        Verdict verdict = null;
        if (ledger != null
                && !PostgresLocation.isUrl(ledger)
                && Files.exists(Path.of(ledger))
                && !Files.isDirectory(Path.of(ledger))) {
            err.println("tiers gate: --ledger: " + ledger + " is not a directory");
            return ExitCodes.INPUT;
        }
        LedgerLocation location;
        try {
            location = LedgerLocation.of(ledger, ladder, parsed.application());
        } catch (LedgerException e) {
            err.println("tiers gate: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        if (location.warning() != null) {
            err.println("warning: " + location.warning());
        }
        String ledgerName = location.name();
        if (noRecord && !location.isDatabase() && !Files.isDirectory(location.directory())) {
            GateRequest asked = request(parsed, version, evidence(glob, newerThan, null), override)
                    .build();
            verdict = new GateEngine(clock).evaluate(asked, PromotionHistory.empty());
        } else {
            try (Ledger opened = location.open()) {
                LedgerPromotionHistory history = LedgerPromotionHistory.of(opened);
                // Fresh by default: reports older than the candidate's first event in the ledger are
                // left over from before it existed, and never count.
                Instant firstEvent = newerThan != null ? null : firstEvent(opened, version.version());
                GateRequest.Builder request = request(
                        parsed,
                        version,
                        evidence(glob, newerThan != null ? newerThan : firstEvent, firstEvent),
                        override);
                // Approvals recorded in the ledger count; their timeout runs from the first wait.
                // Only approvals given to this code count: the same label at another revision is not it.
                request.approvals(history.approvals(tier, version));
                history.firstWaiting(tier, version.version()).ifPresent(request::requestedAt);
                GateRequest asked = request.build();
                verdict = new GateEngine(clock).evaluate(asked, history);
                if (!noRecord) {
                    record(opened, verdict, asked);
                }
            } catch (LedgerException e) {
                // A ledger that cannot be read or written never lets a candidate through.
                if (verdict != null) {
                    print(verdict);
                    err.println("tiers gate: the verdict could not be recorded, so it does not count");
                }
                err.println("tiers gate: ledger " + ledgerName + ": " + e.getMessage());
                return ExitCodes.INPUT;
            }
        }
        print(verdict);
        return switch (verdict.status()) {
            case PASSED -> ExitCodes.OK;
            case BLOCKED -> ExitCodes.BLOCKED;
            case WAITING -> ExitCodes.WAITING;
        };
    }

    /**
     * The override first (an input to the verdict), then the verdict with the failed test ids, the
     * baseline for later gates. Written before the command returns, so what was decided is on disk.
     */
    private void record(Ledger opened, Verdict verdict, GateRequest asked) {
        asked.override()
                .ifPresent(o -> opened.append(LedgerEvent.freezeOverride(
                        verdict.application(),
                        tier,
                        verdict.candidate(),
                        o.person(),
                        verdict.evaluatedAt(),
                        o.reason())));
        EvidenceSummary summary =
                asked.evidence().read().map(EvidenceSummary::of).orElse(null);
        opened.append(LedgerEvent.verdict(verdict, summary, asked.startedBy()));
    }

    private Clock clock() {
        if (at == null) {
            return now;
        }
        try {
            return Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--at: \"" + at + "\" is not an instant such as 2026-11-26T10:00:00Z");
        }
    }

    private Path ladderDirectory() {
        Path parent = ladder.toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }

    private GateRequest.Builder request(Ladder parsed, Candidate version, GateEvidence evidence, FreezeOverride o) {
        return GateRequest.builder(parsed, tier, version, evidence)
                .rollback(rollback)
                .startedBy(startedBy)
                .freezeOverride(o);
    }

    /** When the ledger first saw this version, at any tier; null when it never did. */
    private static Instant firstEvent(Ledger opened, String version) {
        return opened.candidate(version)
                .flatMap(path -> path.events().stream()
                        .filter(e -> e.version().equals(version))
                        .map(LedgerEvent::time)
                        .min(Instant::compareTo))
                .orElse(null);
    }

    /** The --tests patterns, checked before anything is read or written; null when none were given. */
    private ReportGlob glob() {
        if (tests.isEmpty()) {
            return null;
        }
        try {
            return TestsCommand.reportGlob(tests);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tests: " + e.getMessage());
        }
    }

    /**
     * The reports, or why they could not be read: a gate never mistakes missing evidence for a pass.
     * Reports last modified before {@code newer} are ignored with a warning naming them.
     *
     * @param firstEvent the candidate's first ledger event when it is what {@code newer} defaults to
     */
    private GateEvidence evidence(ReportGlob glob, Instant newer, Instant firstEvent) {
        if (glob == null) {
            return GateEvidence.unreadable("no test reports given (--tests)");
        }
        String because = firstEvent == null
                ? ""
                : " (reports older than " + candidate + "'s first ledger event, " + firstEvent
                        + ", are ignored; --newer-than INSTANT chooses another time)";
        try {
            ReportSet found = glob.collect(base, newer);
            if (!because.isEmpty() && !found.warnings().isEmpty()) {
                List<String> warnings = new ArrayList<>();
                found.warnings().forEach(w -> warnings.add(w + because));
                found = new ReportSet(found.base(), found.files(), warnings);
            }
            return GateEvidence.of(new TestReportReader().read(found));
        } catch (ReportException e) {
            return GateEvidence.unreadable(e.getMessage() + because);
        }
    }

    private void print(Verdict verdict) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(asJson(verdict)));
            out.flush();
            return;
        }
        out.println(verdict.application() + ": " + verdict.candidate().version() + " → " + verdict.tier() + ": "
                + verdict.status());
        int width = verdict.findings().stream()
                .mapToInt(f -> f.rule().length())
                .max()
                .orElse(0);
        for (Finding f : verdict.findings()) {
            out.println(String.format(
                    Locale.ROOT, "  %-5s %-" + width + "s  %s", f.outcome(), f.rule(), printable(f.message())));
        }
        out.println("evaluated at " + verdict.evaluatedAt());
        out.flush();
    }

    private static Map<String, Object> asJson(Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("application", v.application());
        m.put("tier", v.tier());
        m.put("candidate", v.candidate().version());
        m.put("status", v.status().name());
        m.put("evaluatedAt", v.evaluatedAt().toString());
        List<Map<String, String>> findings = new ArrayList<>();
        for (Finding f : v.findings()) {
            Map<String, String> fm = new LinkedHashMap<>();
            fm.put("rule", f.rule());
            fm.put("outcome", f.outcome().name());
            fm.put("code", f.code());
            fm.put("message", f.message());
            findings.add(fm);
        }
        m.put("findings", findings);
        m.put("policy", new java.util.TreeMap<>(v.policy()));
        return m;
    }

    /** Control characters from reports or versions never reach the terminal as such. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
