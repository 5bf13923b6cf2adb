package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.GateEngine;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.gate.GateRequest;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.ledger.EvidenceSummary;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerPromotionHistory;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.report.ReportException;
import io.jenkins.plugins.tiers.report.ReportGlob;
import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.report.TestReportReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What blue-green and canary runs share in the CLI: running the deployment (or check) command with
 * the strategy's {@code DEPLOY_*} variables, the step or switch check, and pauses that take no time
 * on the demo's simulated clock.
 */
final class Rollout {

    /** The outcome of running one command: its exit code (-1 when it could not run) and why. */
    record Run(int exit, String reason) {
        boolean ok() {
            return exit == 0;
        }

        /** The exit code the CLI returns for it. */
        int exitCode() {
            return exit > 0 ? exit : ExitCodes.SOFTWARE;
        }
    }

    /**
     * A step or switch check's verdict, with the test totals it read (null when it read no
     * reports), so the ledger keeps the counts behind each step.
     */
    record Checked(Verdict verdict, EvidenceSummary evidence) {
        boolean passed() {
            return Rollout.passed(verdict);
        }

        String reasons() {
            return Rollout.reasons(verdict);
        }

        /** {@code event} (a switch, canary step or abort carrying this check) with the test totals. */
        LedgerEvent withEvidence(LedgerEvent event) {
            return evidence == null ? event : event.withCheckEvidence(evidence);
        }
    }

    private final Clock clock;

    Rollout(Clock clock) {
        this.clock = clock;
    }

    /** Runs {@code command} with the variables added to the environment, output inherited. */
    static Run run(List<String> command, Map<String, String> env, String what) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
            pb.environment().putAll(env);
            int exit = pb.start().waitFor();
            return new Run(exit, exit == 0 ? null : what + " exited with " + exit);
        } catch (IOException e) {
            return new Run(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted while waiting for " + command.get(0));
        }
    }

    /** Waits {@code pause}: on the simulated clock by moving it, else by sleeping. */
    void pause(Duration pause) {
        if (pause.isZero() || pause.isNegative()) {
            return;
        }
        if (clock instanceof SimulatedClock simulated) {
            simulated.advanceTo(simulated.instant().plus(pause));
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The step (or switch) check: the check command's exit code, then the tier's gate evaluated
     * again on the reports written since {@code since} (the same rule language as the promotion
     * gate, against what is live), the first failure deciding. Null check and tests pass nothing:
     * callers refuse to run a strategy without one where a check is required.
     */
    Checked check(
            String application,
            Ladder ladder,
            String tier,
            Candidate candidate,
            String checkCommand,
            Map<String, String> env,
            ReportGlob tests,
            Path base,
            Instant since,
            Ledger ledger) {
        if (checkCommand != null) {
            Run run = run(List.of("sh", "-c", checkCommand), env, "the check `" + checkCommand + "`");
            if (!run.ok()) {
                return new Checked(
                        failed(application, tier, candidate, "check", run.reason() + " " + where(env)), null);
            }
        }
        if (tests == null) {
            return new Checked(
                    new Verdict(
                            application,
                            tier,
                            candidate,
                            List.of(new Finding(
                                    "check",
                                    Finding.Outcome.PASS,
                                    "CHECK_PASSED",
                                    "the check `" + checkCommand + "` exited with 0 " + where(env))),
                            Map.of("check", checkCommand),
                            clock.instant()),
                    null);
        }
        GateEvidence evidence;
        EvidenceSummary summary = null;
        try {
            TestEvidence read = new TestReportReader().read(tests.collect(base, since));
            evidence = GateEvidence.of(read);
            summary = EvidenceSummary.of(read);
        } catch (ReportException e) {
            evidence = GateEvidence.unreadable(e.getMessage() + " (reports written since " + since + ", --tests)");
        }
        LedgerPromotionHistory history = LedgerPromotionHistory.of(ledger);
        GateRequest request = GateRequest.builder(ladder, tier, candidate, evidence)
                .approvals(history.approvals(tier, candidate))
                .build();
        return new Checked(new GateEngine(clock).evaluate(request, history), summary);
    }

    private Verdict failed(String application, String tier, Candidate candidate, String rule, String message) {
        return new Verdict(
                application,
                tier,
                candidate,
                List.of(new Finding(rule, Finding.Outcome.BLOCK, "CHECK_FAILED", message)),
                Map.of(),
                clock.instant());
    }

    private static String where(Map<String, String> env) {
        List<String> parts = new ArrayList<>();
        if (env.containsKey("DEPLOY_STEP")) {
            parts.add("at step " + env.get("DEPLOY_STEP") + " of " + env.get("DEPLOY_STEPS") + " ("
                    + env.get("DEPLOY_WEIGHT") + "%)");
        }
        if (env.containsKey("DEPLOY_SLOT")) {
            parts.add("in the " + env.get("DEPLOY_SLOT") + " slot");
        }
        return String.join(" ", parts);
    }

    /** The findings that kept a verdict from passing, in words. */
    static String reasons(Verdict verdict) {
        List<String> lines = verdict.reasons().stream().map(Finding::message).toList();
        return lines.isEmpty() ? verdict.status().toString() : String.join("; ", lines);
    }

    static boolean passed(Verdict verdict) {
        return verdict.status() == VerdictStatus.PASSED;
    }
}
