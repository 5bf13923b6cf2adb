package io.jenkins.plugins.tiers.events;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Run;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.model.Candidate;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears what happens at the tiers, so that mail, chat or audit plugins can tell people: a verdict
 * given, a gate waiting for approval, a deployment started, finished or rolled back. Every event
 * is already in the application's ledger when a listener hears it. Listeners run on the thread of
 * the step that caused the event and must return quickly; a listener that throws is logged and
 * does not affect the build or the other listeners.
 */
public abstract class TierListener implements ExtensionPoint {

    private static final Logger LOGGER = Logger.getLogger(TierListener.class.getName());

    /** How a deployment ended. */
    public enum Outcome {
        SUCCEEDED,
        FAILED,
        ROLLED_BACK
    }

    /** A gate gave a verdict (passed, blocked or waiting) for a candidate of {@code run}. */
    public void onVerdict(Run<?, ?> run, Verdict verdict) {}

    /**
     * A gate is waiting for people to approve {@code verdict.candidate()} into {@code verdict.tier()}:
     * the moment to notify approvers.
     */
    public void onApprovalPending(Run<?, ?> run, Verdict verdict) {}

    /** A deployment of {@code candidate} into {@code tier} started. */
    public void onDeploymentStarted(Run<?, ?> run, String application, String tier, Candidate candidate) {}

    /** A deployment of {@code candidate} into {@code tier} ended. */
    public void onDeploymentFinished(
            Run<?, ?> run, String application, String tier, Candidate candidate, Outcome outcome) {}

    /** Every registered listener. */
    public static ExtensionList<TierListener> all() {
        return ExtensionList.lookup(TierListener.class);
    }

    /** Tells every listener, isolating each from the others' failures. */
    public static void fire(Consumer<TierListener> event) {
        for (TierListener listener : all()) {
            try {
                event.accept(listener);
            } catch (RuntimeException | LinkageError x) {
                LOGGER.log(Level.WARNING, "Tier listener " + listener.getClass().getName() + " failed", x);
            }
        }
    }
}
