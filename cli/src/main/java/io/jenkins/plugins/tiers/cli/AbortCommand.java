package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.strategy.Canary;
import io.jenkins.plugins.tiers.strategy.TransitionRefusedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tiers abort}: a person withdraws the canary in progress in a tier. */
@Command(
        name = "abort",
        mixinStandardHelpOptions = true,
        description = {
            "Abort the canary in progress (or left unfinished) in a tier: its candidate is withdrawn and the one it"
                    + " started over stays live.",
            "An optional COMMAND (after --) routes the traffic back; it gets DEPLOY_WEIGHT=0, DEPLOY_ABORT=true,"
                    + " DEPLOY_STEP and DEPLOY_STEPS. Nothing is recorded when it fails."
        },
        footer = {
            "",
            "Exit codes: 0 aborted, 1 refused (no canary in progress), the command's exit code when it failed,"
                    + " 65 unreadable ladder or ledger."
        })
public final class AbortCommand extends LedgerSubcommand {

    @Option(names = "--tier", required = true, paramLabel = "T", description = "The canary tier.")
    String tier;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, recorded with the abort.")
    String reason;

    @Option(names = "--actor", paramLabel = "ID", description = "Who aborts (default: the user name).")
    String actor;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command that routes the traffic back.")
    List<String> command = List.of();

    private final Clock clock;

    public AbortCommand() {
        this(Clock.systemUTC());
    }

    AbortCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    String name() {
        return "tiers abort";
    }

    @Override
    int run(Ledger ledger, Optional<Ladder> ladder, PrintWriter out, PrintWriter err) throws IOException {
        TierState state = ledger.liveState().tier(tier);
        Canary canary = state.canaryIfAny().orElse(null);
        String who = actor != null ? actor : System.getProperty("user.name", "unknown");
        String why = reason != null ? reason : "aborted by " + who;
        Canary aborted;
        try {
            if (canary == null) {
                throw new TransitionRefusedException("no canary was ever recorded in " + tier);
            }
            aborted = canary.abort(why);
        } catch (TransitionRefusedException e) {
            err.println(name() + ": refused: " + tier + ": " + e.getMessage());
            return ExitCodes.BLOCKED;
        }
        if (!command.isEmpty()) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("DEPLOY_WEIGHT", "0");
            env.put("DEPLOY_ABORT", "true");
            env.put("DEPLOY_STEP", Integer.toString(canary.reached()));
            env.put("DEPLOY_STEPS", Integer.toString(canary.steps().size()));
            Rollout.Run run = Rollout.run(command, env, "the abort command");
            if (!run.ok()) {
                err.println(name() + ": " + run.reason() + "; not recorded: " + canary.describe());
                return run.exitCode();
            }
        }
        String app = ladder.map(Ladder::application)
                .orElseGet(() -> ledger.candidate(canary.candidate().version())
                        .flatMap(p -> p.events().stream().findFirst())
                        .map(LedgerEvent::application)
                        .orElse("default"));
        LedgerEvent recorded = ledger.append(LedgerEvent.canaryAborted(
                app, tier, canary.candidate(), who, clock.instant(), canary.reached(), canary.steps(), null, why));
        if (options.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", recorded.seq());
            m.put("type", recorded.type());
            m.put("tier", tier);
            m.put("canary", aborted);
            out.println(LedgerOptions.jsonMapper().writeValueAsString(m));
        } else {
            out.println(name() + ": " + aborted.describe());
        }
        return ExitCodes.OK;
    }
}
