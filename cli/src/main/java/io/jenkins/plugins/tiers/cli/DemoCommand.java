package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LiveCandidate;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.ledger.WaitingCandidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.LadderFile;
import io.jenkins.plugins.tiers.model.LadderFileException;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.render.ProgressViewAssembler;
import io.jenkins.plugins.tiers.render.PromotionPageWriter;
import io.jenkins.plugins.tiers.render.ViewOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tiers demo}: a sample application driven through two weeks of promotions by the real
 * engine, so anyone can see the promotion view, the ledger and the gates' evidence in a minute
 * without a CI server.
 */
@Command(
        name = "demo",
        description = {
            "Create a sample application (4 tiers, ~30 candidates over two weeks, real JUnit reports) in a folder,"
                    + " drive it through the real gates and ledger, write its promotion view and print its path.",
            "Some candidates are blocked by new failures, one waits for approval, one is rolled back from"
                    + " production and one goes through a freeze window with an override."
        },
        footer = {"", "Exit codes: 0 written, 64 usage error (e.g. --out is a non-empty folder), 70 cannot write."})
public final class DemoCommand implements Callable<Integer> {

    /** The file that marks a folder as written by {@code tiers demo}, so it may be written again. */
    static final String MARKER = ".tiers-demo";

    private static final Set<String> DEMO_FILES =
            Set.of(MARKER, "tiers.yaml", ".tiers", "builds", PromotionPageWriter.INDEX);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "tiers-demo",
            description = "The folder to create (default: ${DEFAULT-VALUE} in the working directory); a non-empty"
                    + " folder is refused unless an earlier demo wrote it.")
    Path out;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description =
                    "The seed of the simulation: the same seed and start give the same demo (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            description = "When the two weeks begin, e.g. 2026-11-02T00:00:00Z (default: two weeks ago).")
    String startAt;

    private final Clock clock;

    public DemoCommand() {
        this(Clock.systemDefaultZone());
    }

    DemoCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Instant start = start();
        prepare();
        Path ladderFile = out.resolve("tiers.yaml");
        try (InputStream yaml = DemoCommand.class.getResourceAsStream("demo-tiers.yaml")) {
            if (yaml == null) {
                throw new IOException("the demo ladder is missing from the tiers jar");
            }
            Files.write(ladderFile, yaml.readAllBytes());
        }
        Files.writeString(out.resolve(MARKER), "written by tiers demo; safe to delete\n", StandardCharsets.UTF_8);
        Ladder ladder;
        try {
            ladder = LadderFile.read(ladderFile);
        } catch (LadderFileException e) {
            throw new IllegalStateException("the demo ladder does not read: " + e.getMessage(), e);
        }
        Path page;
        try (FileLedger ledger =
                LedgerLocation.of(null, ladderFile, ladder.application()).openFiles()) {
            Instant end = DemoApplication.run(out, ladder, ledger, seed, start);
            Clock at = Clock.fixed(end, DemoApplication.ZONE);
            var view = new ProgressViewAssembler(at)
                    .assemble(
                            ladder,
                            ledger,
                            ViewOptions.defaults(DemoApplication.ZONE).withWindow(Duration.ofDays(14)));
            page = new PromotionPageWriter().write(view, out);
            summary(stdout, ladder, ledger, start, end);
        }
        stdout.println("Open the promotion view: " + page.toAbsolutePath());
        return ExitCodes.OK;
    }

    private Instant start() {
        if (startAt == null) {
            return clock.instant().minus(DemoApplication.LENGTH).truncatedTo(ChronoUnit.MINUTES);
        }
        try {
            return Instant.parse(startAt);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--start: \"" + startAt + "\" is not an instant such as 2026-11-02T00:00:00Z");
        }
    }

    /** Creates the folder, or empties an earlier demo; refuses anything else that is not empty. */
    private void prepare() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out: " + out + " is a file");
        }
        if (Files.isDirectory(out)) {
            List<Path> entries;
            try (Stream<Path> list = Files.list(out)) {
                entries = list.toList();
            }
            if (!entries.isEmpty()) {
                boolean earlierDemo = Files.isRegularFile(out.resolve(MARKER))
                        && entries.stream()
                                .allMatch(
                                        p -> DEMO_FILES.contains(p.getFileName().toString()));
                if (!earlierDemo) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "--out: " + out + " is not empty and was not written by tiers demo; choose another folder");
                }
                for (Path entry : entries) {
                    delete(entry);
                }
            }
        }
        Files.createDirectories(out);
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void summary(PrintWriter stdout, Ladder ladder, FileLedger ledger, Instant start, Instant end) {
        List<CandidatePath> candidates = ledger.lastCandidates(1000);
        stdout.printf(
                Locale.ROOT,
                "Demo application \"%s\": %d candidates from %s to %s (%s), seed %d%n",
                ladder.application(),
                candidates.size(),
                LOCAL.format(start.atZone(DemoApplication.ZONE)),
                LOCAL.format(end.atZone(DemoApplication.ZONE)),
                DemoApplication.ZONE,
                seed);
        LiveState live = ledger.liveState();
        stdout.println("Live now:");
        for (int i = ladder.tiers().size() - 1; i >= 0; i--) {
            Tier tier = ladder.tiers().get(i);
            LiveCandidate l = live.live(tier.id()).orElse(null);
            stdout.printf(
                    Locale.ROOT,
                    "  %-12s %s%n",
                    tier.displayName(),
                    l == null
                            ? "nothing"
                            : l.candidate().version() + " since "
                                    + LOCAL.format(l.since().atZone(DemoApplication.ZONE))
                                    + (l.rollback() ? " (rolled back to it)" : ""));
        }
        for (Tier tier : ladder.tiers()) {
            for (WaitingCandidate w : live.tier(tier.id()).waiting()) {
                stdout.println("Waiting:    " + w.candidate().version() + " at " + tier.id() + ": "
                        + String.join("; ", w.reasons()));
            }
        }
        List<String> blocked = new ArrayList<>();
        for (int i = candidates.size() - 1; i >= 0; i--) {
            CandidatePath path = candidates.get(i);
            path.tiers().stream()
                    .filter(s -> s.verdict() == VerdictStatus.BLOCKED)
                    .forEach(s -> blocked.add(path.version() + " at " + s.tier()));
        }
        stdout.println("Blocked:    " + (blocked.isEmpty() ? "none" : String.join(", ", blocked)));
        for (LedgerEvent e : ledger.events()) {
            if (e.type() == EventType.ROLLED_BACK) {
                stdout.println("Rolled back: " + e.rolledBackFrom() + " in " + e.tier() + ", back to " + e.version()
                        + " by " + e.actor());
            } else if (e.type() == EventType.SWITCHED_BACK) {
                stdout.println("Switched back: " + e.rolledBackFrom() + " in " + e.tier() + ", back to " + e.version()
                        + " in the " + e.slot() + " slot by " + e.actor() + ": " + e.reason());
            } else if (e.type() == EventType.CANARY_ABORTED) {
                stdout.println("Canary aborted: " + e.version() + " in " + e.tier() + " at step " + e.step() + " of "
                        + e.steps().size() + ": " + e.reason());
            } else if (e.type() == EventType.FREEZE_OVERRIDE) {
                stdout.println("Freeze override: " + e.version() + " into " + e.tier() + " by " + e.actor() + ": "
                        + e.reason());
            }
        }
        stdout.println("Ladder " + out.resolve("tiers.yaml") + ", ledger " + ledger.directory() + ", reports "
                + out.resolve("builds"));
    }
}
