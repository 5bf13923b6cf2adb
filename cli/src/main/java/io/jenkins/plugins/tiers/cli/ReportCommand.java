package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.LadderFile;
import io.jenkins.plugins.tiers.model.LadderFileException;
import io.jenkins.plugins.tiers.render.LinkTemplate;
import io.jenkins.plugins.tiers.render.ProgressViewAssembler;
import io.jenkins.plugins.tiers.render.PromotionPageWriter;
import io.jenkins.plugins.tiers.render.ViewOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tiers report}: the promotion view of a ledger as one static, self-contained HTML page, to
 * publish from any CI or open from disk; the same view the Jenkins job page shows.
 */
@Command(
        name = "report",
        description = {
            "Write the promotion view (what is live where, each recent candidate's path, lead time, DORA figures)"
                    + " as a self-contained index.html, and print its path.",
            "The page has no JavaScript and makes no external request."
        },
        footer = {"", "Exit codes: 0 written, 64 usage error, 65 input error (ladder, ledger), 70 cannot write."})
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--ladder",
            paramLabel = "FILE",
            defaultValue = "tiers.yaml",
            description = "The ladder file (default: ${DEFAULT-VALUE} in the working directory).")
    Path ladder;

    @Option(
            names = "--ledger",
            paramLabel = "DIR|URL",
            description = "The ledger directory (default: the application's directory under .tiers/ beside the"
                    + " ladder), or a PostgreSQL database: postgresql://host:5432/db?schema=tiers.")
    String ledger;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write index.html into.")
    Path out;

    @Option(
            names = "--window",
            paramLabel = "LENGTH",
            defaultValue = "30d",
            description = "How far back the DORA figures look: 30d, 12h, 90m or ISO-8601 (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(
            names = "--link-template",
            paramLabel = "T",
            description = "How builds become links, e.g. https://ci.example.com/{jobUrl}/{number}/"
                    + " ({job}, {jobUrl} and {number} are replaced); no links without it.")
    String linkTemplate;

    @Option(
            names = "--candidates",
            paramLabel = "N",
            defaultValue = "50",
            description = "How many of the newest candidates to draw (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(
            names = "--tier",
            paramLabel = "ID",
            description = "Show only this tier (repeatable; default: every tier of the ladder).")
    List<String> shownTiers;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description = "The time zone times are shown in (default: the system's).")
    ZoneId zone;

    @Option(names = "--json", description = "Print {\"page\": PATH} as JSON instead of the bare path.")
    boolean json;

    private final Clock clock;

    public ReportCommand() {
        this(Clock.systemDefaultZone());
    }

    ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ViewOptions options = options();
        Ladder parsed;
        try {
            parsed = LadderFile.read(ladder);
        } catch (LadderFileException e) {
            err.println("tiers report: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        LedgerLocation location;
        try {
            location = LedgerLocation.of(ledger, ladder, parsed.application());
        } catch (LedgerException e) {
            err.println("tiers report: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        if (location.warning() != null) {
            err.println("warning: " + location.warning());
        }
        String ledgerDir = location.name();
        if (!location.isDatabase() && !Files.isDirectory(location.directory())) {
            err.println(
                    "tiers report: " + (ledger != null ? "--ledger: " : "ledger ") + ledgerDir + " is not a directory");
            return ExitCodes.INPUT;
        }
        Path page;
        try (Ledger opened = location.open()) {
            LedgerOptions.reportWarnings(opened, err);
            var view = new ProgressViewAssembler(clock).assemble(parsed, opened, options);
            page = new PromotionPageWriter().write(view, out);
        } catch (LedgerException e) {
            err.println("tiers report: ledger " + ledgerDir + ": " + e.getMessage());
            return ExitCodes.INPUT;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tier: " + e.getMessage());
        } catch (IOException e) {
            err.println("tiers report: --out: " + e.getMessage());
            return ExitCodes.SOFTWARE;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(LedgerOptions.jsonMapper().writeValueAsString(Map.of("page", page.toString())));
        } else {
            stdout.println(page);
        }
        return ExitCodes.OK;
    }

    private ViewOptions options() {
        Duration length;
        try {
            length = MetricsCommand.parseWindow(window);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--window: cannot read '" + window + "'; use 30d, 12h, 90m or PT36H");
        }
        if (length.isZero() || length.isNegative()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--window: must be longer than zero");
        }
        if (candidates < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--candidates: must be 1 or more");
        }
        LinkTemplate links;
        try {
            links = new LinkTemplate(linkTemplate);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--link-template: " + e.getMessage());
        }
        List<String> shown = shownTiers == null ? List.of() : List.copyOf(shownTiers);
        return new ViewOptions(length, shown, candidates, zone != null ? zone : clock.getZone(), links);
    }

    static Path beside(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }
}
