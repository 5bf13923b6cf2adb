package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.StrategyDecisions;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Strategy;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.TransitionRefusedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tiers switch}: makes the idle slot of a blue-green tier active (its new candidate goes
 * live), or with {@code --back} the previous slot again, without redeploying: a rollback.
 */
@Command(
        name = "switch",
        mixinStandardHelpOptions = true,
        description = {
            "Switch a blue-green tier: the idle slot, holding a new candidate awaiting the switch, becomes active"
                    + " and its candidate live.",
            "With --back, the previous slot becomes active again, with no redeploy (recorded as a rollback);"
                    + " refused when the idle slot no longer holds the previous candidate.",
            "An optional COMMAND (after --) routes the traffic; it gets DEPLOY_SLOT (the slot becoming active) and"
                    + " DEPLOY_ACTION (switch or switch-back). Nothing is recorded when it fails."
        },
        footer = {
            "",
            "Exit codes: 0 switched, 1 refused (nothing to switch to, or back to), the command's exit code when"
                    + " it failed, 64 usage error (not a blue-green tier), 65 unreadable ladder or ledger."
        })
public final class SwitchCommand extends LedgerSubcommand {

    @Option(names = "--tier", required = true, paramLabel = "T", description = "The blue-green tier.")
    String tier;

    @Option(names = "--back", description = "Switch back to the previous candidate (a rollback).")
    boolean back;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, recorded with a switch back.")
    String reason;

    @Option(names = "--actor", paramLabel = "ID", description = "Who switches (default: the user name).")
    String actor;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command that routes the traffic.")
    List<String> command = List.of();

    private final Clock clock;

    public SwitchCommand() {
        this(Clock.systemUTC());
    }

    SwitchCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    String name() {
        return "tiers switch";
    }

    @Override
    int run(Ledger ledger, Optional<Ladder> ladder, PrintWriter out, PrintWriter err) throws IOException {
        if (ladder.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--ladder: " + options.ladderFile() + " is needed to know the tier's strategy");
        }
        Tier t = ladder.get()
                .tier(tier)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--tier: no tier \"" + tier + "\" in " + options.ladderFile() + "; known tiers: "
                                + ladder.get().ids()));
        if (t.strategy().kind() != Strategy.Kind.BLUE_GREEN) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--tier: " + tier + " is " + t.strategy().kind().label() + " in " + options.ladderFile()
                            + "; only a blue-green tier switches");
        }
        TierState state = ledger.liveState().tier(tier);
        BlueGreen before = StrategyDecisions.slots(state);
        BlueGreen after;
        try {
            after = back ? before.switchBack() : before.switchOver();
        } catch (TransitionRefusedException e) {
            err.println(name() + ": refused: " + tier + ": " + e.getMessage());
            return ExitCodes.BLOCKED;
        }
        if (!command.isEmpty()) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("DEPLOY_SLOT", after.activeSlot().label());
            env.put("DEPLOY_ACTION", back ? "switch-back" : "switch");
            Rollout.Run run = Rollout.run(command, env, "the switch command");
            if (!run.ok()) {
                err.println(name() + ": " + run.reason() + "; not switched, "
                        + before.active().version() + " stays live in " + tier);
                return run.exitCode();
            }
        }
        String who = actor != null ? actor : System.getProperty("user.name", "unknown");
        Candidate now = after.active();
        String app = ladder.get().application();
        LedgerEvent recorded = back
                ? ledger.append(LedgerEvent.switchedBack(
                        app,
                        tier,
                        now,
                        who,
                        clock.instant(),
                        after.activeSlot().label(),
                        before.active().version(),
                        reason))
                : ledger.append(LedgerEvent.switched(
                        app, tier, now, who, clock.instant(), after.activeSlot().label()));
        String text = (back ? "switched back: " : "switched: ") + now.version() + " is live in " + tier + " ("
                + after.describe() + ")";
        if (options.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", recorded.seq());
            m.put("type", recorded.type());
            m.put("tier", tier);
            m.put("candidate", now.version());
            m.put("slots", after);
            out.println(LedgerOptions.jsonMapper().writeValueAsString(m));
        } else {
            out.println(name() + ": " + text);
        }
        return ExitCodes.OK;
    }
}
