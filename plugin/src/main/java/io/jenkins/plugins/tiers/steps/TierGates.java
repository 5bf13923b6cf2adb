package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.tiers.config.LadderResolver;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.events.TierListener;
import io.jenkins.plugins.tiers.gate.DeployCheck;
import io.jenkins.plugins.tiers.gate.GateEngine;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.gate.GatePolicy;
import io.jenkins.plugins.tiers.gate.GateRequest;
import io.jenkins.plugins.tiers.gate.LiveEntry;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.EvidenceSummary;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerPromotionHistory;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.runs.TiersRunAction;
import io.jenkins.plugins.tiers.runs.TiersRunAction.DeploymentSummary;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Where the steps meet the engine: resolve the job's ladder, evaluate a gate against the
 * application's ledger, and record verdicts and deployments in the ledger (first, so that
 * everything is in the ledger before the step returns), on the build, and to listeners. It holds
 * no rule of its own.
 */
final class TierGates {

    private TierGates() {}

    /**
     * What a step asks of a gate.
     *
     * @param tightening stricter rules from the pipeline, or {@code null}
     * @param firstAsked when the run first asked this gate (approval timeouts count from it)
     */
    record Ask(
            Run<?, ?> run,
            ResolvedLadder ladder,
            String tier,
            Candidate candidate,
            GateEvidence evidence,
            @CheckForNull GatePolicy tightening,
            boolean rollback,
            Instant firstAsked) {}

    static Clock clock() {
        return Clock.systemUTC();
    }

    static ResolvedLadder ladderOf(Run<?, ?> run) throws AbortException {
        Job<?, ?> job = run.getParent();
        return LadderResolver.forJob(job)
                .orElseThrow(() -> new AbortException(Messages.TierGates_NoLadder(job.getFullName())));
    }

    static Tier tier(ResolvedLadder ladder, String id) throws AbortException {
        return ladder.ladder()
                .tier(id)
                .orElseThrow(() -> new AbortException(Messages.TierGates_UnknownTier(
                        id, ladder.application(), ladder.ladder().ids())));
    }

    static Verdict evaluate(Ask ask) {
        // The ladder as resolved for this job: its application is the one whose ledger is read.
        Ladder ladder =
                new Ladder(ask.ladder().application(), ask.ladder().ladder().tiers());
        LedgerPromotionHistory history =
                LedgerPromotionHistory.of(ApplicationLedgers.forApplication(ladder.application()));
        GateRequest.Builder request = GateRequest.builder(ladder, ask.tier(), ask.candidate(), ask.evidence())
                .rollback(ask.rollback())
                .startedBy(WaitingGates.startedBy(ask.run()))
                .requestedAt(ask.firstAsked())
                // only approvals given to this code: the same label at another revision is other code
                .approvals(history.approvals(ask.tier(), ask.candidate()));
        if (ask.tightening() != null) {
            request.tightenedBy(ask.tightening());
        }
        return new GateEngine(clock()).evaluate(request.build(), history);
    }

    static void record(Run<?, ?> run, Verdict verdict, GateEvidence evidence) {
        EvidenceSummary summary = evidence.read().map(EvidenceSummary::of).orElse(null);
        ledger(verdict.application()).append(LedgerEvent.verdict(verdict, summary, actor(run)));
        TiersRunAction.of(run, verdict.application()).add(verdict);
        TierListener.fire(l -> l.onVerdict(run, verdict));
    }

    static void deploymentStarted(Run<?, ?> run, String application, String tier, Candidate candidate) {
        Instant now = clock().instant();
        ledger(application).append(LedgerEvent.deploymentStarted(application, tier, candidate, actor(run), now));
        TiersRunAction.of(run, application).deploymentStarted(tier, candidate, now.toEpochMilli());
        TierListener.fire(l -> l.onDeploymentStarted(run, application, tier, candidate));
    }

    static void deploymentSucceeded(
            Run<?, ?> run,
            String application,
            String tier,
            Candidate candidate,
            boolean rollback,
            @CheckForNull String rolledBackFrom) {
        Instant now = clock().instant();
        if (rollback) {
            ledger(application)
                    .append(LedgerEvent.rolledBack(application, tier, candidate, actor(run), now, rolledBackFrom));
        } else {
            ledger(application).append(LedgerEvent.deploymentSucceeded(application, tier, candidate, actor(run), now));
        }
        TiersRunAction.of(run, application)
                .deploymentFinished(
                        tier,
                        candidate,
                        rollback ? DeploymentSummary.State.ROLLED_BACK : DeploymentSummary.State.SUCCEEDED,
                        now.toEpochMilli());
        TierListener.Outcome outcome = rollback ? TierListener.Outcome.ROLLED_BACK : TierListener.Outcome.SUCCEEDED;
        TierListener.fire(l -> l.onDeploymentFinished(run, application, tier, candidate, outcome));
    }

    static void deploymentFailed(Run<?, ?> run, String application, String tier, Candidate candidate, String reason) {
        Instant now = clock().instant();
        ledger(application)
                .append(LedgerEvent.deploymentFailed(application, tier, candidate, actor(run), now, null, reason));
        TiersRunAction.of(run, application)
                .deploymentFinished(tier, candidate, DeploymentSummary.State.FAILED, now.toEpochMilli());
        TierListener.fire(l -> l.onDeploymentFinished(run, application, tier, candidate, TierListener.Outcome.FAILED));
    }

    /**
     * Why a deployment of {@code candidate} into {@code tier} may not go ahead now, or empty when
     * it may: the engine's deploy-time re-check of the latest verdict at the tier in the ledger
     * against what is live there and the tier's freeze windows as they stand now.
     */
    static Optional<String> deployRefusal(String application, Tier tier, Candidate candidate, boolean rollback) {
        Ledger ledger = ledger(application);
        Verdict latest = ledger.candidate(candidate.version())
                .flatMap(path -> path.events().stream()
                        .filter(e ->
                                e.type() == EventType.GATE_VERDICT && e.tier().equals(tier.id()))
                        .reduce((first, second) -> second))
                .map(LedgerEvent::verdict)
                .orElse(null);
        LiveEntry live = ledger.liveState()
                .live(tier.id())
                .map(l -> new LiveEntry(l.candidate(), l.since(), l.deployedBy()))
                .orElse(null);
        return new DeployCheck(tier.id(), candidate, latest, live, tier.gate().freeze(), rollback)
                .refusal(clock().instant());
    }

    /** The version live in {@code tier} now, or {@code null}. */
    @CheckForNull
    static String liveVersion(String application, String tier) {
        return ledger(application)
                .liveState()
                .live(tier)
                .map(live -> live.candidate().version())
                .orElse(null);
    }

    /**
     * Refuses to show a run the state of an application it may not read: the run's authentication
     * must be able to read a job that owns the application (a job whose ladder resolves to it).
     * A job whose ladder is broken, or that names an application it does not own, is passed over,
     * never an error here: it must not make this step fail in every other pipeline.
     */
    static void checkReadable(Run<?, ?> run, String application) throws AbortException {
        if (owns(run.getParent(), application)) {
            return;
        }
        for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
            if (LadderResolver.applicationOf(job).map(application::equals).orElse(false) && owns(job, application)) {
                return;
            }
        }
        throw new AbortException(Messages.TierGates_UnknownApplication(application));
    }

    private static boolean owns(Job<?, ?> job, String application) {
        try {
            return LadderResolver.forJob(job)
                    .map(l -> l.application().equals(application))
                    .orElse(false);
        } catch (InvalidDefinitionException e) {
            return false;
        }
    }

    /** Who acts in the ledger for a run: the run itself, by its stable id. */
    static String actor(Run<?, ?> run) {
        return run.getExternalizableId();
    }

    private static Ledger ledger(String application) {
        return ApplicationLedgers.forApplication(application);
    }
}
