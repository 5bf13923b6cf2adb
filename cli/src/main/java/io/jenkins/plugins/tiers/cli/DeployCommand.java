package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.gate.DeployCheck;
import io.jenkins.plugins.tiers.gate.FreezeWindow;
import io.jenkins.plugins.tiers.gate.LiveEntry;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.ledger.LiveCandidate;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.LadderFileException;
import io.jenkins.plugins.tiers.model.Strategy;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.report.ReportGlob;
import io.jenkins.plugins.tiers.strategy.TransitionRefusedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tiers deploy}: records a deployment around any command, so the ledger knows what went
 * live where. Refuses up front when the tier's gate has not passed for the candidate.
 */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Record a deployment of a candidate into a tier around a command: started, then succeeded or"
                    + " failed with its exit code.",
            "With a ladder (--ladder, default tiers.yaml), the tier must be one of its tiers.",
            "Refuses (exit 1) unless the ledger has a PASSED verdict for the candidate at the tier, or, with"
                    + " --rollback, the candidate was live in the tier before.",
            "The verdict is re-checked at deploy time: refused when a newer candidate is live in the tier now,"
                    + " when a freeze window of the tier is in force now (unless the verdict overrode it), or when"
                    + " --revision is not the revision that passed.",
            "Blue-green tier: the command deploys into the idle slot (DEPLOY_SLOT=green, DEPLOY_ACTION=deploy,"
                    + " DEPLOY_PREVIEW_URL from previewUrl:); the candidate is live only after a switch: with"
                    + " switch: auto when --check/--tests pass (the command runs again with DEPLOY_ACTION=switch),"
                    + " else with `tiers switch`.",
            "Canary tier: the command runs once per step with DEPLOY_WEIGHT, DEPLOY_STEP and DEPLOY_STEPS; after"
                    + " each step but the last, the tier's pause, then --check and/or --tests. A failed check runs"
                    + " the command once more with DEPLOY_WEIGHT=0 DEPLOY_ABORT=true, records the abort, and exits 1;"
                    + " the candidate is live only when the last step (100%%) is reached. A canary left unfinished"
                    + " by an earlier run is aborted first."
        },
        footer = {
            "",
            "Exit codes: 0 deployed (blue-green: into the idle slot, and switched with switch: auto), 1 refused or"
                    + " a check failed (canary aborted, or not switched), the command's exit code when it failed, 64"
                    + " usage error (unknown tier, a check missing), 65 unreadable ladder, 70 the command could not be"
                    + " run or the ledger not written, 75 another tiers deploy into the tier is running (one at a"
                    + " time per tier; it is named; run again when it has finished)."
        })
public final class DeployCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LedgerOptions options;

    @Option(names = "--tier", required = true, paramLabel = "T", description = "The tier id to deploy into.")
    String tier;

    @Option(names = "--candidate", required = true, paramLabel = "V", description = "The candidate's version.")
    String version;

    @Option(names = "--revision", paramLabel = "SHA", description = "The source revision (commit id).")
    String revision;

    @Option(
            names = "--changed-at",
            paramLabel = "INSTANT",
            description = "The time of the candidate's newest change (ISO-8601, e.g. 2026-03-01T08:00:00Z).")
    Instant changedAt;

    @Option(names = "--rollback", description = "Roll the tier back to this earlier candidate.")
    boolean rollback;

    @Option(names = "--application", paramLabel = "NAME", description = "The application (default: the ledger's).")
    String application;

    @Option(names = "--actor", paramLabel = "ID", description = "Who deploys (default: the user name).")
    String actor;

    @Option(
            names = "--check",
            paramLabel = "CMD",
            description = "Blue-green and canary: the switch or step check, run by sh -c with the same DEPLOY_*"
                    + " variables as the command; exit code 0 passes, anything else fails.")
    String check;

    @Option(
            names = "--tests",
            paramLabel = "GLOB",
            description = "Blue-green and canary: test reports read after each step (or before the switch), written"
                    + " since it began; the tier's gate rules decide. Repeatable.")
    List<String> tests = new ArrayList<>();

    @Option(
            names = "--base",
            paramLabel = "DIR",
            description = "Where --tests patterns start (default: the working directory).")
    Path base = Path.of("");

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The deployment command and its arguments.")
    List<String> command;

    private final Clock clock;

    public DeployCommand() {
        this(Clock.systemUTC());
    }

    DeployCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String v;
        try {
            v = Candidate.checkVersion(version);
        } catch (IllegalArgumentException e) {
            err.println("tiers deploy: --candidate: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Optional<Ladder> ladder;
        try {
            ladder = options.readLadder();
        } catch (LadderFileException e) {
            err.println("tiers deploy: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        if (ladder.isPresent() && ladder.get().tier(tier).isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--tier: no tier \"" + tier + "\" in " + options.ladderFile() + "; known tiers: "
                            + ladder.get().ids());
        }
        if (ladder.isPresent()
                && application != null
                && !application.equals(ladder.get().application())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--application: " + application + " is not the application of " + options.ladderFile() + " ("
                            + ladder.get().application() + ")");
        }
        Strategy strategy = rollback
                ? Strategy.direct()
                : ladder.flatMap(l -> l.tier(tier)).map(Tier::strategy).orElse(Strategy.direct());
        ReportGlob glob = null;
        if (!tests.isEmpty()) {
            try {
                glob = TestsCommand.reportGlob(tests);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--tests: " + e.getMessage());
            }
        }
        boolean needsCheck = strategy.kind() == Strategy.Kind.CANARY || strategy.autoSwitch();
        if (needsCheck && check == null && glob == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--check or --tests: " + tier + " in " + options.ladderFile() + " is "
                            + (strategy.autoSwitch() ? "blue-green with switch: auto" : "a canary")
                            + ", and nothing may " + (strategy.autoSwitch() ? "switch" : "reach its next step")
                            + " without a check; give the check command or the test reports to read");
        }
        if (!needsCheck && (check != null || glob != null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--check and --tests: only a canary tier or a blue-green tier with switch: auto runs a check;"
                            + " " + tier + " is " + strategy.kind().label()
                            + (strategy.kind() == Strategy.Kind.BLUE_GREEN ? " with switch: manual" : ""));
        }
        try (Ledger ledger = options.open(ladder, err)) {
            String who = actor != null ? actor : System.getProperty("user.name", "unknown");
            Path lockFile = TierLock.file(lockDirectory(ledger), tier);
            StringBuilder holder = new StringBuilder();
            Optional<TierLock> lock;
            try {
                lock = TierLock.tryAcquire(lockFile, "tiers deploy of " + v + " into " + tier + " by " + who, holder);
            } catch (IOException e) {
                err.println("tiers deploy: cannot take the lock of " + tier + " (" + lockFile + "): " + e);
                return ExitCodes.SOFTWARE;
            }
            if (lock.isEmpty()) {
                err.println("tiers deploy: refused: another tiers deploy into " + tier + " is running: " + holder
                        + "; one deployment per tier at a time (lock " + lockFile
                        + "): run again when it has finished");
                return ExitCodes.BUSY;
            }
            try (TierLock held = lock.get()) {
                return deploy(ladder, ledger, v, who, strategy, glob, out, err);
            } catch (IOException e) {
                err.println("tiers deploy: cannot release the lock of " + tier + " (" + lockFile + "): " + e);
                return ExitCodes.SOFTWARE;
            }
        } catch (LedgerException e) {
            err.println("tiers deploy: " + e.getMessage());
            return ExitCodes.SOFTWARE;
        }
    }

    /**
     * Where the tier locks of {@code ledger} live: beside a file ledger, so that every process
     * writing it sees them; for a ledger in a database, in this machine's temporary folder, which
     * keeps the processes of one machine apart but not those of two machines (see
     * docs/strategies.md).
     */
    private static Path lockDirectory(Ledger ledger) {
        if (ledger instanceof FileLedger file) {
            return file.directory();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "tiers-locks")
                .resolve(LedgerDirectoryName.of(ledger.application().orElse("default")));
    }

    /** The deployment itself, with the tier's lock held: the ordering checks, then the run. */
    private int deploy(
            Optional<Ladder> ladder,
            Ledger ledger,
            String v,
            String who,
            Strategy strategy,
            ReportGlob glob,
            PrintWriter out,
            PrintWriter err) {
        Optional<CandidatePath> path = ledger.candidate(v);
        Optional<LiveCandidate> live = ledger.liveState().live(tier);
        String refusal = refusal(path, live, v);
        if (refusal != null) {
            err.println("tiers deploy: refused: " + refusal);
            return ExitCodes.BLOCKED;
        }
        Candidate candidate = candidate(path, v);
        if (!rollback) {
            // The verdict is acted on only while what decided it still holds: re-check it now.
            String recheck = recheck(ladder, path, live, candidate);
            if (recheck != null) {
                err.println("tiers deploy: refused: " + recheck);
                return ExitCodes.BLOCKED;
            }
        }
        String app = application != null
                ? application
                : ladder.map(Ladder::application).orElseGet(() -> applicationOf(path, ledger));
        if (strategy.kind() != Strategy.Kind.DIRECT) {
            StrategyRun run = new StrategyRun(
                    ledger,
                    ladder.orElseThrow(),
                    app,
                    tier,
                    candidate,
                    who,
                    command,
                    check,
                    glob,
                    base,
                    clock,
                    out,
                    err,
                    options.json);
            try {
                return strategy.kind() == Strategy.Kind.CANARY ? run.canary() : run.blueGreen();
            } catch (TransitionRefusedException e) {
                err.println("tiers deploy: refused: " + e.getMessage());
                return ExitCodes.BLOCKED;
            }
        }
        ledger.append(LedgerEvent.deploymentStarted(app, tier, candidate, who, clock.instant()));
        int exit;
        String reason = null;
        try {
            exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            exit = -1;
            reason = "cannot run " + command.get(0) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
            reason = "interrupted while waiting for " + command.get(0);
        }
        LedgerEvent result;
        if (exit == 0 && rollback) {
            String from = live.map(l -> l.candidate().version()).orElse(null);
            result = ledger.append(LedgerEvent.rolledBack(app, tier, candidate, who, clock.instant(), from));
        } else if (exit == 0) {
            result = ledger.append(LedgerEvent.deploymentSucceeded(app, tier, candidate, who, clock.instant()));
        } else {
            result = ledger.append(LedgerEvent.deploymentFailed(
                    app,
                    tier,
                    candidate,
                    who,
                    clock.instant(),
                    exit < 0 ? null : exit,
                    reason != null ? reason : "the deployment command exited with " + exit));
        }
        report(out, result);
        if (exit == 0) {
            return ExitCodes.OK;
        }
        err.println("tiers deploy: " + result.reason());
        return exit > 0 ? exit : ExitCodes.SOFTWARE;
    }

    private String refusal(Optional<CandidatePath> path, Optional<LiveCandidate> live, String v) {
        if (rollback) {
            if (path.flatMap(p -> p.reached(tier)).isEmpty()) {
                return "cannot roll " + tier + " back to " + v + ": it was never live there (ledger "
                        + options.ledgerName() + ")";
            }
            if (live.map(l -> l.candidate().version().equals(v)).orElse(false)) {
                return v + " is already live in " + tier;
            }
            return null;
        }
        if (path.map(p -> p.passed(tier)).orElse(false)) {
            return null;
        }
        String latest = path.flatMap(p -> p.tier(tier))
                .map(s -> s.verdict() == null ? "no verdict" : "its latest verdict is " + s.verdict())
                .orElse("no verdict");
        return "the gate of " + tier + " has not passed " + v + " (" + latest + " in ledger "
                + options.ledgerName()
                + "); run `tiers gate` first, or use --rollback to return to an earlier candidate";
    }

    /**
     * The deploy-time re-check of the latest verdict at the tier (ordering, freeze windows, same
     * code), or null when it still holds. Without the ladder the tier's freeze windows are unknown,
     * so a verdict whose gate had any is refused rather than trusted.
     */
    private String recheck(
            Optional<Ladder> ladder, Optional<CandidatePath> path, Optional<LiveCandidate> live, Candidate candidate) {
        Verdict latest = path.flatMap(p -> p.events().stream()
                        .filter(e -> e.type() == EventType.GATE_VERDICT
                                && e.tier().equals(tier)
                                && e.version().equals(p.version()))
                        .reduce((first, second) -> second))
                .map(LedgerEvent::verdict)
                .orElse(null);
        List<FreezeWindow> freeze;
        if (ladder.isPresent()) {
            freeze = ladder.get().tier(tier).orElseThrow().gate().freeze();
        } else if (latest != null && latest.policy().containsKey("freeze")) {
            return "the gate of " + tier + " has freeze windows, and without the ladder (--ladder, default"
                    + " tiers.yaml) they cannot be re-checked at deploy time";
        } else {
            freeze = List.of();
        }
        LiveEntry now = live.map(l -> new LiveEntry(l.candidate(), l.since(), l.deployedBy()))
                .orElse(null);
        return new DeployCheck(tier, candidate, latest, now, freeze, false)
                .refusal(clock.instant())
                .map(why -> why + " (re-checked at deploy time; run `tiers gate` again, or use --rollback to return"
                        + " to a candidate that was live in " + tier + ")")
                .orElse(null);
    }

    private Candidate candidate(Optional<CandidatePath> path, String v) {
        Candidate known = path.map(CandidatePath::candidate).orElse(Candidate.of(v));
        return new Candidate(
                v,
                known.origin(),
                revision != null ? revision : known.revision(),
                changedAt != null ? changedAt : known.changedAt());
    }

    private static String applicationOf(Optional<CandidatePath> path, Ledger ledger) {
        return path.flatMap(p -> p.events().stream().findFirst())
                .map(LedgerEvent::application)
                .or(() -> ledger instanceof FileLedger ? Optional.empty() : ledger.application())
                .orElseGet(() -> {
                    Path parent = ledger instanceof FileLedger files
                            ? files.directory().getParent()
                            : null;
                    return parent == null || parent.getFileName() == null
                            ? "default"
                            : parent.getFileName().toString();
                });
    }

    private void report(PrintWriter out, LedgerEvent result) {
        if (options.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seq", result.seq());
            json.put("type", result.type());
            json.put("tier", result.tier());
            json.put("candidate", result.version());
            json.put("exitCode", result.exitCode());
            try {
                out.println(LedgerOptions.jsonMapper().writeValueAsString(json));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println("tiers deploy: " + result.type() + " " + result.version() + " in " + result.tier() + " (seq "
                    + result.seq() + ")");
        }
    }
}
