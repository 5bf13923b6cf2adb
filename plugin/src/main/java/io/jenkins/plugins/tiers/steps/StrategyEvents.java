package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.tiers.events.TierListener;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.runs.TiersRunAction;
import io.jenkins.plugins.tiers.runs.TiersRunAction.DeploymentSummary;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;

/**
 * Records the events of a blue-green or canary deployment as {@link TierGates} records plain ones:
 * in the application's ledger first (so that it holds every step before the next begins), then on
 * the build and to listeners.
 */
final class StrategyEvents {

    private StrategyEvents() {}

    static LedgerEvent append(LedgerEvent event) {
        return ApplicationLedgers.forApplication(event.application()).append(event);
    }

    /** A slot deployment or a canary began. */
    static void started(Run<?, ?> run, LedgerEvent event) {
        append(event);
        TiersRunAction.of(run, event.application())
                .deploymentStarted(event.tier(), event.candidate(), event.time().toEpochMilli());
        TierListener.fire(l -> l.onDeploymentStarted(run, event.application(), event.tier(), event.candidate()));
    }

    /**
     * The deployment of {@code candidate} ended in {@code state}; {@code event}, when not null, is
     * appended first. Listeners hear of a success only when the candidate became live.
     */
    static void finished(
            Run<?, ?> run,
            String application,
            String tier,
            Candidate candidate,
            DeploymentSummary.State state,
            @CheckForNull LedgerEvent event) {
        long at = TierGates.clock().millis();
        if (event != null) {
            append(event);
            at = event.time().toEpochMilli();
        }
        TiersRunAction.of(run, application).deploymentFinished(tier, candidate, state, at);
        if (state == DeploymentSummary.State.SUCCEEDED) {
            TierListener.fire(
                    l -> l.onDeploymentFinished(run, application, tier, candidate, TierListener.Outcome.SUCCEEDED));
        } else if (state == DeploymentSummary.State.FAILED || state == DeploymentSummary.State.ABORTED) {
            TierListener.fire(
                    l -> l.onDeploymentFinished(run, application, tier, candidate, TierListener.Outcome.FAILED));
        }
    }
}
