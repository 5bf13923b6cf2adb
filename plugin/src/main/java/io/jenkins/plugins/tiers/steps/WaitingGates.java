package io.jenkins.plugins.tiers.steps;

import hudson.model.Cause;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The {@code tierGate} steps waiting at a tier right now, across every running build, including
 * those resumed after a restart (they are found through {@link StepExecution#acceptAll}, not a
 * registry that a restart would empty). The approval service uses it to know who started the
 * waiting run and to wake it once an approval is recorded.
 */
public final class WaitingGates {

    private static final Logger LOGGER = Logger.getLogger(WaitingGates.class.getName());

    /** How long to wait for running builds to be loaded when looking for waiting gates. */
    static final long LOOKUP_SECONDS = 30;

    private WaitingGates() {}

    /** One run waiting at a gate. */
    public record Waiting(Run<?, ?> run, String startedBy) {}

    /** The runs waiting at {@code tier} of {@code application} for {@code version}. */
    public static List<Waiting> find(String application, String tier, String version) {
        List<Waiting> found = new ArrayList<>();
        forEach(application, tier, version, e -> {
            try {
                Run<?, ?> run = e.getContext().get(Run.class);
                if (run != null) {
                    synchronized (found) {
                        found.add(new Waiting(run, startedBy(run)));
                    }
                }
            } catch (java.io.IOException | InterruptedException x) {
                LOGGER.log(Level.FINE, "cannot read the run of a waiting gate", x);
            }
        });
        return found;
    }

    /** Makes every gate waiting at {@code tier} for {@code version} look again, now. */
    public static void wake(String application, String tier, String version) {
        forEach(application, tier, version, TierGateStep.Execution::reevaluate);
    }

    /** The id of the user who started {@code run}, or an empty string when no user did. */
    public static String startedBy(Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        String id = cause == null ? null : cause.getUserId();
        return id == null ? "" : id;
    }

    private static void forEach(
            String application,
            String tier,
            String version,
            java.util.function.Consumer<TierGateStep.Execution> action) {
        try {
            StepExecution.acceptAll(TierGateStep.Execution.class, e -> {
                        if (e.waitsFor(application, tier, version)) {
                            action.accept(e);
                        }
                    })
                    .get(LOOKUP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException x) {
            LOGGER.log(Level.WARNING, "Could not look through the running gates of " + application, x);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
        }
    }
}
