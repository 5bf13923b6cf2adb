package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.gate.ApprovalPolicy;
import io.jenkins.plugins.tiers.gate.ApproverCheck;
import io.jenkins.plugins.tiers.ledger.Approval;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.ledger.LedgerPromotionHistory;
import io.jenkins.plugins.tiers.ledger.WaitingCandidate;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.LadderFileException;
import io.jenkins.plugins.tiers.model.Strategy;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.strategy.Canary;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
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

/**
 * {@code tiers approve}: records one person's approval or refusal of a candidate waiting at a
 * tier's gate, after the engine's approver rules (allowed users and groups, self-approval, one
 * answer per person), so that the gate counts it on its next evaluation.
 */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description = {
            "Approve (or with --refuse, refuse) a candidate waiting at the gate of a tier; run `tiers gate` again"
                    + " to re-evaluate.",
            "The tier's approver rules apply: allowed users and groups, no self-approval unless allowed, one"
                    + " answer per person. Groups given with --group are taken on trust: the CLI has no user"
                    + " directory.",
            "With --step W: answer for the canary of the candidate in progress at the tier, at the step of"
                    + " weight W the ladder names with approveAt: W; the running `tiers deploy` goes on past that"
                    + " step once approved, and aborts the canary when refused. No gate counts such an answer."
        },
        footer = {
            "",
            "Exit codes: 0 recorded, 1 refused (not an approver, self-approval, already answered, nothing waits),"
                    + " 64 usage error, 65 unreadable ladder or ledger."
        })
public final class ApproveCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LedgerOptions options;

    @Option(names = "--tier", required = true, paramLabel = "T", description = "The tier whose gate waits.")
    String tier;

    @Option(names = "--candidate", required = true, paramLabel = "V", description = "The waiting candidate's version.")
    String version;

    @Option(names = "--by", required = true, paramLabel = "USER", description = "The user id of the person answering.")
    String by;

    @Option(
            names = "--group",
            paramLabel = "G",
            description = "A group the person answers as a member of; repeat for several.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--refuse", description = "Refuse instead of approve: the gate then blocks.")
    boolean refuse;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why, in words (recorded).")
    String comment = "";

    @Option(
            names = "--step",
            paramLabel = "W",
            description = "Answer at the canary step of weight W (the tier's approveAt), not at the gate.")
    Integer step;

    private final Clock clock;

    public ApproveCommand() {
        this(Clock.systemUTC());
    }

    ApproveCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Ladder ladder;
        try {
            ladder = options.requireLadder();
        } catch (LadderFileException e) {
            err.println("tiers approve: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        Tier t = ladder.tier(tier)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--tier: no tier \"" + tier + "\" in " + options.ladderFile() + "; known tiers: "
                                + ladder.ids()));
        String v;
        try {
            v = Candidate.checkVersion(version);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--candidate: " + e.getMessage());
        }
        String person = by.trim();
        if (person.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by: the person's user id is blank");
        }
        Optional<ApprovalPolicy> policy = t.gate().approval();
        if (step != null) {
            // without an approval rule, one approval from anyone but whoever runs the canary
            return answerAtStep(ladder, t, v, person, policy.orElse(ApprovalPolicy.of(1)), out, err);
        }
        if (policy.isEmpty()) {
            err.println("tiers approve: refused: the gate of " + tier + " has no approval rule");
            return ExitCodes.BLOCKED;
        }
        try (Ledger ledger = options.open(Optional.of(ladder), err)) {
            Optional<WaitingCandidate> waiting = ledger.liveState().tier(tier).waiting().stream()
                    .filter(w -> w.candidate().version().equals(v))
                    .findFirst();
            Optional<CandidatePath> path = ledger.candidate(v);
            if (waiting.isEmpty()) {
                String latest = path.flatMap(p -> p.tier(tier))
                        .map(s -> s.verdict() == null ? "no verdict" : "its latest verdict is " + s.verdict())
                        .orElse("no verdict");
                err.println("tiers approve: refused: " + v + " is not waiting at the gate of " + tier + " (" + latest
                        + " in ledger " + options.ledgerName() + "); run `tiers gate` first");
                return ExitCodes.BLOCKED;
            }
            List<io.jenkins.plugins.tiers.gate.Approval> given =
                    LedgerPromotionHistory.of(ledger).approvals(tier, v);
            Optional<String> refusal =
                    ApproverCheck.refusal(policy.get(), person, groups, startedBy(path.orElseThrow()), given, !refuse);
            if (refusal.isPresent()) {
                err.println("tiers approve: refused: " + refusal.get());
                return ExitCodes.BLOCKED;
            }
            LedgerEvent recorded = ledger.append(LedgerEvent.approval(
                    ladder.application(),
                    tier,
                    waiting.get().candidate(),
                    new Approval(!refuse, person, groups, comment),
                    clock.instant()));
            report(out, recorded);
            return ExitCodes.OK;
        } catch (LedgerException e) {
            err.println("tiers approve: " + e.getMessage());
            return ExitCodes.INPUT;
        }
    }

    /**
     * An answer at a canary step: the tier must be a canary whose ladder names this step with
     * approveAt, and the candidate's canary must be in progress there, not yet past the step.
     */
    private int answerAtStep(
            Ladder ladder, Tier t, String v, String person, ApprovalPolicy policy, PrintWriter out, PrintWriter err)
            throws IOException {
        Strategy strategy = t.strategy();
        if (strategy.approveAt() == null || !strategy.approveAt().equals(step)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--step: " + tier + " in " + options.ladderFile() + " "
                            + (strategy.approveAt() == null
                                    ? "needs no approval at a canary step (no approveAt)"
                                    : "needs its approval at " + strategy.approveAt() + ", not " + step));
        }
        int index = strategy.approvalStep();
        try (Ledger ledger = options.open(Optional.of(ladder), err)) {
            Optional<Canary> canary = ledger.liveState().tier(tier).canaryInProgress();
            if (canary.isEmpty()
                    || !canary.get().candidate().version().equals(v)
                    || canary.get().reached() > index) {
                err.println("tiers approve: refused: " + v + " has no canary in progress at " + tier
                        + " before or at its step " + index + " (" + step + "%): "
                        + ledger.liveState()
                                .tier(tier)
                                .canaryIfAny()
                                .map(Canary::describe)
                                .orElse("no canary"));
                return ExitCodes.BLOCKED;
            }
            Candidate candidate = canary.get().candidate();
            List<io.jenkins.plugins.tiers.gate.Approval> given =
                    LedgerPromotionHistory.of(ledger).stepApprovals(tier, candidate, index);
            String startedBy = ledger.candidate(v)
                    .map(p -> {
                        String who = "";
                        for (LedgerEvent e : p.events()) {
                            if (e.type() == EventType.DEPLOYMENT_STARTED
                                    && e.tier().equals(tier)
                                    && e.steps() != null) {
                                who = e.actor();
                            }
                        }
                        return who;
                    })
                    .orElse("");
            Optional<String> refusal = ApproverCheck.refusal(policy, person, groups, startedBy, given, !refuse);
            if (refusal.isPresent()) {
                err.println("tiers approve: refused: " + refusal.get());
                return ExitCodes.BLOCKED;
            }
            LedgerEvent recorded = ledger.append(LedgerEvent.stepApproval(
                    ladder.application(),
                    tier,
                    candidate,
                    new Approval(!refuse, person, groups, comment),
                    clock.instant(),
                    index,
                    strategy.steps()));
            report(out, recorded);
            return ExitCodes.OK;
        } catch (LedgerException e) {
            err.println("tiers approve: " + e.getMessage());
            return ExitCodes.INPUT;
        }
    }

    /** Who started the waiting run: the actor of the latest verdict at this tier, as the gate saw it. */
    private String startedBy(CandidatePath path) {
        String who = "";
        for (LedgerEvent e : path.events()) {
            if (e.type() == EventType.GATE_VERDICT
                    && e.tier().equals(tier)
                    && e.version().equals(path.version())) {
                who = e.actor();
            }
        }
        return who;
    }

    private void report(PrintWriter out, LedgerEvent e) throws IOException {
        String decision = e.approval().given() ? "approved" : "refused";
        if (options.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seq", e.seq());
            json.put("type", e.type());
            json.put("tier", e.tier());
            json.put("candidate", e.version());
            json.put("person", e.approval().person());
            json.put("decision", decision);
            json.put("groups", e.approval().groups());
            json.put("comment", e.approval().comment());
            if (e.isStepApproval()) {
                json.put("step", e.step());
                json.put("weight", e.weight());
            }
            out.println(LedgerOptions.jsonMapper().writeValueAsString(json));
        } else if (e.isStepApproval()) {
            out.println("tiers approve: " + e.approval().person() + " " + decision + " the canary of " + e.version()
                    + " in " + e.tier() + " at step " + e.step() + " (" + e.weight() + "%) (seq " + e.seq()
                    + "); the running `tiers deploy` " + (e.approval().given() ? "goes on" : "aborts it")
                    + " once the step's approvals are complete");
        } else {
            out.println("tiers approve: " + e.approval().person() + " " + decision + " " + e.version() + " for "
                    + e.tier() + " (seq " + e.seq() + "); run `tiers gate` again to re-evaluate");
        }
        out.flush();
    }
}
