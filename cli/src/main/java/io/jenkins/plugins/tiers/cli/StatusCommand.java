package io.jenkins.plugins.tiers.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.ledger.WaitingCandidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code tiers status}: what is live in each tier, since when, and what waits at each gate. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show which candidate is live in each tier and which wait at each gate, with both slots of a"
                    + " blue-green tier and the last canary of a canary tier.",
            "Tiers come in ladder order when there is a ladder, else in the order the ledger first saw them."
        },
        footer = {"", "Exit codes: 0 shown, 65 unreadable ladder or ledger."})
public final class StatusCommand extends LedgerSubcommand {

    @Override
    String name() {
        return "tiers status";
    }

    @Override
    int run(Ledger ledger, Optional<Ladder> ladder, PrintWriter out, PrintWriter err) throws IOException {
        LiveState state = inLadderOrder(ledger.liveState(), ladder);
        LedgerOptions.reportWarnings(ledger, err);
        if (options.json) {
            ObjectNode json = LedgerOptions.jsonMapper().valueToTree(state);
            // why a candidate awaiting the switch did not switch, keyed by tier (only when one did not)
            Map<String, String> notSwitched = new LinkedHashMap<>();
            for (TierState tier : state.tiers()) {
                tier.slotsIfAny()
                        .flatMap(slots -> failedSwitchCheck(ledger, tier.tier(), slots))
                        .ifPresent(why -> notSwitched.put(tier.tier(), why));
            }
            if (!notSwitched.isEmpty()) {
                json.set("notSwitched", LedgerOptions.jsonMapper().valueToTree(notSwitched));
            }
            out.println(LedgerOptions.jsonMapper().writeValueAsString(json));
            return ExitCodes.OK;
        }
        if (state.tiers().isEmpty()) {
            out.println("The ledger " + options.ledgerName() + " is empty: nothing was deployed yet.");
        }
        for (TierState tier : state.tiers()) {
            out.println(tier.tier() + ": "
                    + tier.liveCandidate()
                            .map(l -> l.candidate().version() + " live since " + l.since() + " (deployed by "
                                    + l.deployedBy() + (l.rollback() ? ", rollback" : "") + ")")
                            .orElse("nothing live"));
            tier.slotsIfAny().ifPresent(slots -> {
                out.println("  slots: " + slots.describe());
                failedSwitchCheck(ledger, tier.tier(), slots).ifPresent(why -> out.println("  " + why));
            });
            tier.canaryIfAny()
                    .ifPresent(canary -> out.println("  canary: " + canary.describe()
                            + (canary.abandoned()
                                    ? " — unfinished: if no deployment is running, the next `tiers deploy` to "
                                            + tier.tier() + " withdraws it first (or `tiers abort --tier " + tier.tier()
                                            + "`)"
                                    : "")));
            for (WaitingCandidate w : tier.waiting()) {
                out.println("  waiting: " + w.candidate().version() + " since " + w.since()
                        + (w.reasons().isEmpty() ? "" : " — " + String.join("; ", w.reasons())));
            }
        }
        if (state.skippedLines() > 0) {
            out.println(state.skippedLines()
                    + " line(s) of the ledger cannot be accounted for and block every gate: see `tiers ledger"
                    + " check`.");
        }
        return ExitCodes.OK;
    }

    /**
     * Why the candidate awaiting the switch did not switch: its last failed switch check since it
     * was deployed into the idle slot, if one was recorded.
     */
    static Optional<String> failedSwitchCheck(Ledger ledger, String tier, BlueGreen slots) {
        if (slots.idleRole() != BlueGreen.Idle.AWAITING_SWITCH) {
            return Optional.empty();
        }
        LedgerEvent failed = null;
        for (LedgerEvent e : ledger.candidate(slots.idle().version())
                .map(CandidatePath::events)
                .orElse(List.of())) {
            if (!e.tier().equals(tier) || !e.version().equals(slots.idle().version())) {
                continue;
            }
            if (e.type() == EventType.SLOT_DEPLOYED) {
                failed = null;
            } else if (e.type() == EventType.SWITCH_CHECK_FAILED) {
                failed = e;
            }
        }
        if (failed == null) {
            return Optional.empty();
        }
        String reasons =
                failed.verdict().reasons().stream().map(Finding::message).collect(Collectors.joining("; "));
        return Optional.of("not switched: the switch check failed at " + failed.time() + ": " + reasons);
    }

    /** The ladder's tiers first, in order, each listed even when nothing happened there yet. */
    private static LiveState inLadderOrder(LiveState state, Optional<Ladder> ladder) {
        if (ladder.isEmpty()) {
            return state;
        }
        List<TierState> tiers = new ArrayList<>();
        for (String id : LedgerOptions.tierOrder(ladder, state.tierIds())) {
            tiers.add(state.tier(id));
        }
        return new LiveState(state.seq(), tiers, state.skippedLines());
    }
}
