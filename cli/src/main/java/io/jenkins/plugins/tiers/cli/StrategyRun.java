package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.StepApprovalCheck;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerPromotionHistory;
import io.jenkins.plugins.tiers.ledger.LiveCandidate;
import io.jenkins.plugins.tiers.ledger.StrategyDecisions;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.DurationText;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Strategy;
import io.jenkins.plugins.tiers.report.ReportGlob;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
import io.jenkins.plugins.tiers.strategy.Slot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code tiers deploy} into a blue-green or canary tier, after its gate passed: the state
 * machines of {@code engine/strategy} decide what may happen, the ledger records each step before
 * the next begins, so a run killed at any point leaves a ledger that says how far it got and never
 * shows the new candidate live before it takes all traffic.
 */
final class StrategyRun {

    private final Ledger ledger;
    private final Ladder ladder;
    private final String application;
    private final String tier;
    private final Candidate candidate;
    private final String actor;
    private final List<String> command;
    private final String check;
    private final ReportGlob tests;
    private final Path base;
    private final Clock clock;
    private final Rollout rollout;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final Strategy strategy;

    StrategyRun(
            Ledger ledger,
            Ladder ladder,
            String application,
            String tier,
            Candidate candidate,
            String actor,
            List<String> command,
            String check,
            ReportGlob tests,
            Path base,
            Clock clock,
            PrintWriter out,
            PrintWriter err,
            boolean json) {
        this.ledger = ledger;
        this.ladder = ladder;
        this.application = application;
        this.tier = tier;
        this.candidate = candidate;
        this.actor = actor;
        this.command = command;
        this.check = check;
        this.tests = tests;
        this.base = base.toAbsolutePath().normalize();
        this.clock = clock;
        this.rollout = new Rollout(clock);
        this.out = out;
        this.err = err;
        this.json = json;
        this.strategy = ladder.tier(tier).orElseThrow().strategy();
    }

    int blueGreen() {
        TierState state = ledger.liveState().tier(tier);
        BlueGreen slots = StrategyDecisions.slots(state).deploying(candidate);
        Slot idle = slots.idleSlot();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DEPLOY_SLOT", idle.label());
        env.put("DEPLOY_ACTION", "deploy");
        if (strategy.previewUrl() != null) {
            env.put("DEPLOY_PREVIEW_URL", strategy.previewUrl());
        }
        Instant began = fileSystemNow();
        ledger.append(
                LedgerEvent.slotDeploymentStarted(application, tier, candidate, actor, clock.instant(), idle.label()));
        Rollout.Run run = Rollout.run(command, env, "the deployment command");
        if (!run.ok()) {
            ledger.append(LedgerEvent.slotDeploymentFailed(
                    application,
                    tier,
                    candidate,
                    actor,
                    clock.instant(),
                    idle.label(),
                    run.exit() < 0 ? null : run.exit(),
                    run.reason() + " deploying into the " + idle.label() + " slot"));
            err.println("tiers deploy: " + run.reason() + " deploying " + candidate.version() + " into the "
                    + idle.label() + " slot of " + tier + "; " + active(slots) + " stays live");
            return run.exitCode();
        }
        ledger.append(LedgerEvent.slotDeployed(application, tier, candidate, actor, clock.instant(), idle.label()));
        slots = slots.deployed(candidate);
        if (!strategy.autoSwitch()) {
            report(
                    "deployed",
                    slots,
                    candidate.version() + " deployed into the " + idle.label() + " slot of " + tier
                            + "; not live until `tiers switch --tier " + tier + "` (" + active(slots) + " stays live)");
            return ExitCodes.OK;
        }
        Rollout.Checked checked =
                rollout.check(application, ladder, tier, candidate, check, env, tests, base, began, ledger);
        if (!checked.passed()) {
            // in the ledger, not only on stderr: status and the views say why it did not switch
            ledger.append(checked.withEvidence(LedgerEvent.switchCheckFailed(
                    application, tier, candidate, actor, clock.instant(), idle.label(), checked.verdict())));
            err.println("tiers deploy: not switched: the switch check of " + tier + " did not pass: "
                    + checked.reasons() + "; " + candidate.version() + " waits in the " + idle.label()
                    + " slot and " + active(slots) + " stays live");
            return ExitCodes.BLOCKED;
        }
        BlueGreen switched = slots.switchOver();
        env.put("DEPLOY_ACTION", "switch");
        Rollout.Run switching = Rollout.run(command, env, "the deployment command (DEPLOY_ACTION=switch)");
        if (!switching.ok()) {
            err.println("tiers deploy: not switched: " + switching.reason() + "; " + candidate.version()
                    + " waits in the " + idle.label() + " slot and " + active(slots) + " stays live");
            return switching.exitCode();
        }
        ledger.append(checked.withEvidence(
                LedgerEvent.switched(application, tier, candidate, actor, clock.instant(), idle.label())
                        .withCheck(checked.verdict())));
        report(
                "switched",
                switched,
                candidate.version() + " is live in " + tier + ": switched to the " + idle.label()
                        + " slot (switch: auto, check passed)");
        return ExitCodes.OK;
    }

    int canary() {
        TierState state = ledger.liveState().tier(tier);
        Candidate live = state.liveCandidate().map(LiveCandidate::candidate).orElse(null);
        List<Integer> steps = strategy.steps();
        int n = steps.size();
        Canary canary = state.canaryIfAny().orElse(Canary.none(steps));
        if (canary.abandoned()) {
            // A canary nobody finished: its run died (or was killed). Never resumed blindly, never
            // left half-live: it is withdrawn first, and the withdrawal is recorded.
            Canary old = canary;
            String reason = "abandoned at step " + old.reached() + " of "
                    + old.steps().size() + " (no completion or abort was recorded); withdrawn before deploying "
                    + candidate.version();
            err.println("tiers deploy: the canary of " + old.candidate().version() + " in " + tier + " was " + reason);
            Rollout.Run withdrawn = Rollout.run(
                    command,
                    env(0, old.reached(), old.steps().size(), true),
                    "the deployment command (DEPLOY_ABORT=true)");
            if (!withdrawn.ok()) {
                err.println("tiers deploy: cannot withdraw the abandoned canary of "
                        + old.candidate().version() + ": " + withdrawn.reason()
                        + "; nothing recorded, nothing deployed");
                return withdrawn.exitCode();
            }
            ledger.append(LedgerEvent.canaryAborted(
                    application,
                    tier,
                    old.candidate(),
                    actor,
                    clock.instant(),
                    old.reached(),
                    old.steps(),
                    null,
                    reason));
            canary = Canary.none(steps).start(old.candidate(), old.over()).abort(reason);
        }
        canary = canary.start(candidate, live);
        Rollout.Checked admitted = null; // the step check that let the canary on to the next step
        ledger.append(LedgerEvent.canaryStarted(application, tier, candidate, actor, clock.instant(), steps));
        for (int step = 1; step <= n; step++) {
            Optional<String> gone = stillOurs(canary);
            if (gone.isPresent()) {
                // a person (`tiers abort`) or a newer run withdrew it meanwhile: no step after that
                err.println("tiers deploy: the canary of " + candidate.version() + " in " + tier
                        + " was ended while it ran (the ledger says: " + gone.get() + "); step " + step
                        + " not run");
                return ExitCodes.BLOCKED;
            }
            int weight = steps.get(step - 1);
            Instant began = fileSystemNow();
            Map<String, String> env = env(weight, step, n, false);
            Rollout.Run run = Rollout.run(command, env, "the deployment command");
            if (!run.ok()) {
                return abort(
                        canary,
                        null,
                        run.reason() + " at step " + step + " of " + n + " (" + weight + "%)",
                        run.exitCode());
            }
            if (step == n) {
                canary = canary.complete();
                LedgerEvent completed =
                        LedgerEvent.canaryCompleted(application, tier, candidate, actor, clock.instant(), steps);
                ledger.append(
                        admitted == null ? completed : admitted.withEvidence(completed.withCheck(admitted.verdict())));
                report("completed", canary, candidate.version() + " is live in " + tier + ": canary completed (100%)");
                return ExitCodes.OK;
            }
            canary = canary.reach(step);
            LedgerEvent reached =
                    LedgerEvent.canaryStepReached(application, tier, candidate, actor, clock.instant(), step, steps);
            ledger.append(admitted == null ? reached : admitted.withEvidence(reached.withCheck(admitted.verdict())));
            out.println("tiers deploy: " + canary.describe());
            rollout.pause(strategy.pauseAfter(step));
            Rollout.Checked verdict =
                    rollout.check(application, ladder, tier, candidate, check, env, tests, base, began, ledger);
            if (!verdict.passed()) {
                return abort(
                        canary,
                        verdict,
                        "the step check failed at step " + step + " of " + n + " (" + weight + "%): "
                                + verdict.reasons(),
                        ExitCodes.BLOCKED);
            }
            admitted = verdict;
            if (step == strategy.approvalStep()) {
                StepAnswer answer = awaitApproval(canary, step, weight);
                if (answer.gone() != null) {
                    err.println("tiers deploy: the canary of " + candidate.version() + " in " + tier
                            + " was ended while it waited for an approval (the ledger says: " + answer.gone()
                            + ")");
                    return ExitCodes.BLOCKED;
                }
                if (!answer.approved()) {
                    return abort(canary, new Rollout.Checked(answer.verdict(), null), answer.text(), ExitCodes.BLOCKED);
                }
                // the approval goes with the check into the next step's event: the evidence it went on with
                List<Finding> findings = new ArrayList<>(verdict.verdict().findings());
                findings.addAll(answer.verdict().findings());
                Verdict both = new Verdict(
                        application,
                        tier,
                        candidate,
                        findings,
                        verdict.verdict().policy(),
                        verdict.verdict().evaluatedAt());
                admitted = new Rollout.Checked(both, verdict.evidence());
            }
        }
        throw new IllegalStateException("a canary ends at its last step");
    }

    /** How long {@code tiers deploy} waits between two looks at the ledger for an approval. */
    static final Duration APPROVAL_POLL = Duration.ofSeconds(2);

    /**
     * The answer at the approval step: approved, refused, timed out, or the canary ended meanwhile.
     *
     * @param approved whether the canary may go on
     * @param verdict the approval as a check's verdict (a passing or blocking finding), null when gone
     * @param text why it may not go on
     * @param gone what the ledger says when the canary was ended by someone else while it waited
     */
    record StepAnswer(boolean approved, Verdict verdict, String text, String gone) {}

    /**
     * Holds the canary at step {@code step} until the engine's {@link StepApprovalCheck} answers:
     * a quorum of the tier's approvers approved it at that step ({@code tiers approve --step}), one
     * refused it, or the wait is over; reading the ledger every {@link #APPROVAL_POLL}.
     */
    private StepAnswer awaitApproval(Canary canary, int step, int weight) {
        StepApprovalCheck rule =
                StepApprovalCheck.of(ladder.tier(tier).flatMap(t -> t.gate().approval()));
        Instant since = clock.instant();
        String where = "step " + step + " of " + canary.steps().size() + " (" + weight + "%)";
        out.println("tiers deploy: the canary of " + candidate.version() + " waits at " + where + " for "
                + rule.policy().required() + " approval(s) from "
                + rule.policy().approvers() + " (at most "
                + DurationText.format(rule.waitLimit()) + "): tiers approve --tier " + tier + " --candidate "
                + candidate.version() + " --step " + weight + " --by USER");
        out.flush();
        LedgerPromotionHistory history = LedgerPromotionHistory.of(ledger);
        while (true) {
            Optional<String> gone = stillOurs(canary);
            if (gone.isPresent()) {
                return new StepAnswer(false, null, null, gone.get());
            }
            StepApprovalCheck.Answer answer =
                    rule.answer(history.stepApprovals(tier, candidate, step), since, clock.instant(), where);
            if (answer.status() != StepApprovalCheck.Status.WAITING) {
                return new StepAnswer(
                        answer.status() == StepApprovalCheck.Status.APPROVED,
                        stepVerdict(answer.finding()),
                        answer.text(),
                        null);
            }
            rollout.pause(APPROVAL_POLL);
            if (Thread.currentThread().isInterrupted()) {
                String text = "interrupted while waiting for an approval at " + where;
                return new StepAnswer(
                        false,
                        stepVerdict(new Finding("approveAt", Finding.Outcome.BLOCK, "INTERRUPTED", text)),
                        text,
                        null);
            }
        }
    }

    private Verdict stepVerdict(Finding finding) {
        return new Verdict(
                application,
                tier,
                candidate,
                List.of(finding),
                Map.of("approveAt", Integer.toString(strategy.approveAt())),
                clock.instant());
    }

    /** Empty while the ledger still has this run's canary in progress where it left it, else what it has. */
    private Optional<String> stillOurs(Canary ours) {
        return ledger.liveState().tier(tier).canaryMovedOn(candidate.version(), ours.reached());
    }

    /** Withdraws the canary: the command with weight 0, then the abort recorded; returns {@code exit}. */
    private int abort(Canary canary, Rollout.Checked verdict, String reason, int exit) {
        Rollout.Run withdrawn = Rollout.run(
                command,
                env(0, canary.reached(), canary.steps().size(), true),
                "the deployment command (DEPLOY_ABORT=true)");
        String recorded = withdrawn.ok()
                ? reason
                : reason + "; withdrawing it failed too (" + withdrawn.reason() + "): check the traffic by hand";
        LedgerEvent aborted = LedgerEvent.canaryAborted(
                application,
                tier,
                candidate,
                actor,
                clock.instant(),
                canary.reached(),
                canary.steps(),
                verdict == null ? null : verdict.verdict(),
                recorded);
        ledger.append(verdict == null ? aborted : verdict.withEvidence(aborted));
        Canary withdrawnCanary = canary.abort(recorded);
        String stays = withdrawnCanary.over() == null
                ? "nothing is live"
                : withdrawnCanary.over().version() + " stays live";
        if (json) {
            report("aborted", withdrawnCanary, recorded);
        }
        err.println("tiers deploy: canary of " + candidate.version() + " in " + tier + " aborted: " + recorded + "; "
                + stays);
        return exit;
    }

    private static Map<String, String> env(int weight, int step, int steps, boolean abort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DEPLOY_WEIGHT", Integer.toString(weight));
        env.put("DEPLOY_STEP", Integer.toString(step));
        env.put("DEPLOY_STEPS", Integer.toString(steps));
        if (abort) {
            env.put("DEPLOY_ABORT", "true");
        }
        return env;
    }

    private static String active(BlueGreen slots) {
        return slots.active() == null ? "nothing" : slots.active().version();
    }

    private void report(String outcome, Object state, String text) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outcome", outcome);
            m.put("tier", tier);
            m.put("candidate", candidate.version());
            m.put("state", state);
            m.put("message", text);
            try {
                out.println(LedgerOptions.jsonMapper().writeValueAsString(m));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println("tiers deploy: " + text);
        }
    }

    /**
     * Now, as the file system dates the reports a step writes: the kernel stamps files with a
     * coarser clock than {@link Instant#now()}, so a report written just after a step began may
     * carry an earlier time and be taken for a stale one. A marker file written in the reports'
     * folder gives the step's start on the same clock; where none can be written, the start of the
     * current second (a report of the previous step is minutes older).
     */
    private Instant fileSystemNow() {
        try {
            Path marker = Files.createTempFile(base, ".tiers-step-", ".stamp");
            try {
                return Files.getLastModifiedTime(marker).toInstant();
            } finally {
                Files.deleteIfExists(marker);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not writable: the clock, to the second
        }
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
