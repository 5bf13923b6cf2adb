package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.LadderFileException;
import io.jenkins.plugins.tiers.progress.DeploymentFrequency;
import io.jenkins.plugins.tiers.progress.DurationStats;
import io.jenkins.plugins.tiers.progress.GateWait;
import io.jenkins.plugins.tiers.progress.LeadTimeStep;
import io.jenkins.plugins.tiers.progress.LiveCodeProgress;
import io.jenkins.plugins.tiers.progress.ProgressFigures;
import io.jenkins.plugins.tiers.progress.TierOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tiers metrics}: deployment frequency, lead time, change failure rate, time to restore, gate waits. */
@Command(
        name = "metrics",
        mixinStandardHelpOptions = true,
        footer = {"", "Exit codes: 0 shown, 64 usage error, 65 unreadable ladder or ledger."},
        description = "Show the figures of live-code progress over a window: deployment frequency, lead time"
                + " (per tier and per step), change failure rate, time to restore, time waiting at gates.")
public final class MetricsCommand implements Callable<Integer> {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([dhm])");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LedgerOptions options;

    @Option(
            names = "--window",
            paramLabel = "LENGTH",
            defaultValue = "30d",
            description = "How far back to look: 30d, 12h, 90m or ISO-8601 (PT36H) (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(
            names = "--production",
            paramLabel = "TIER",
            description =
                    "The production tier (default: the ladder's production tier, else the last tier seen in the ledger).")
    String production;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description = "The time zone calendar days are counted in (default: the system's).")
    ZoneId zone;

    private final Clock clock;

    public MetricsCommand() {
        this(Clock.systemDefaultZone());
    }

    MetricsCommand(Clock clock) {
        this.clock = clock;
    }

    static Duration parseWindow(String text) {
        Matcher m = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
        }
        return Duration.parse(text.trim());
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration length;
        try {
            length = parseWindow(window);
        } catch (RuntimeException e) {
            err.println("tiers metrics: --window: cannot read '" + window + "'; use 30d, 12h, 90m or PT36H");
            return ExitCodes.USAGE;
        }
        Optional<Ladder> ladder;
        try {
            ladder = options.readLadder();
        } catch (LadderFileException e) {
            err.println("tiers metrics: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        try (Ledger ledger = options.open(ladder, err)) {
            List<LedgerEvent> events = new ArrayList<>();
            ledger.scan(events::add).skipped().forEach(s -> err.println("warning: " + s));
            List<String> tiers = new ArrayList<>(LedgerOptions.tierOrder(ladder, ledger.tierOrder()));
            String prod = production != null
                    ? production
                    : LedgerOptions.productionOf(ladder)
                            .orElse(tiers.isEmpty() ? "production" : tiers.get(tiers.size() - 1));
            if (!tiers.contains(prod)) {
                tiers.add(prod);
            }
            TierOrder order = new TierOrder(tiers, prod);
            Clock zoned = zone == null ? clock : clock.withZone(zone);
            ProgressFigures figures = LiveCodeProgress.compute(events, order, zoned, length);
            if (options.json) {
                out.println(LedgerOptions.jsonMapper().writeValueAsString(figures));
            } else {
                print(out, figures);
            }
            return ExitCodes.OK;
        } catch (LedgerException e) {
            err.println("tiers metrics: " + e.getMessage());
            return ExitCodes.INPUT;
        }
    }

    private static void print(PrintWriter out, ProgressFigures f) {
        out.println("Window " + f.window().from() + " to " + f.window().to() + " (days in " + f.zone() + ")");
        out.println("Deployment frequency:");
        for (DeploymentFrequency d : f.frequency()) {
            out.printf(Locale.ROOT, "  %s: %d deployments, %.2f per day%n", d.tier(), d.deployments(), d.perDay());
        }
        out.println("Lead time (newest change to live):");
        f.leadTime().forEach((tier, stats) -> out.println("  " + tier + ": " + describe(stats)));
        out.println("Lead time per step:");
        for (LeadTimeStep s : f.steps()) {
            out.println("  " + s.from() + " -> " + s.to() + ": " + describe(s.stats()));
        }
        var cfr = f.changeFailureRate();
        out.println("Change failure rate (" + f.order().production() + "): "
                + (cfr.deployments() == 0
                        ? "no deployments"
                        : String.format(
                                Locale.ROOT, "%.1f%% (%d of %d)", 100 * cfr.rate(), cfr.failures(), cfr.deployments()))
                + (cfr.caughtByCanary() == 0 ? "" : "; caught by canary: " + cfr.caughtByCanary()));
        out.println("Time to restore:");
        f.timeToRestore().forEach((tier, stats) -> out.println("  " + tier + ": " + describe(stats)));
        out.println("Time waiting at gates:");
        for (GateWait w : f.gateWaits()) {
            out.println("  " + w.tier() + ": " + describe(w.stats()) + ", " + w.stillWaiting() + " waiting now");
        }
    }

    private static String describe(DurationStats s) {
        if (s.count() == 0) {
            return "no data";
        }
        return "median " + human(s.median()) + ", p90 " + human(s.p90()) + " (" + s.count() + ")";
    }

    static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + "m";
        }
        if (minutes < 48 * 60) {
            return String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
        }
        return String.format(Locale.ROOT, "%.1fd", minutes / 1440.0);
    }
}
