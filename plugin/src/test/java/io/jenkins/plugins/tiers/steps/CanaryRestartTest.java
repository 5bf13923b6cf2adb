package io.jenkins.plugins.tiers.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import io.jenkins.plugins.tiers.strategy.Canary;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsSessionRule;

/** A controller restart in the middle of a canary: it resumes at the step the ledger recorded. */
public class CanaryRestartTest {

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void aCanaryPausedAtAStepResumesThereAfterARestart() throws Throwable {
        sessions.then(j -> {
            WorkflowJob p = Ladders.pipeline(
                    j,
                    "shop",
                    StrategyStepsTest.canaryLadder("shop", "25, 100", "20s"),
                    StrategyStepsTest.canaryScript("1.0", -1));
            WorkflowRun run = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("Holding 25% for 20 sec", run);
            Canary canary = ApplicationLedgers.forApplication("shop")
                    .liveState()
                    .tier("production")
                    .canaryInProgress()
                    .orElseThrow();
            assertThat(canary.reached(), is(1));
        });
        sessions.then(j -> {
            WorkflowJob p = j.jenkins.getItemByFullName("shop", WorkflowJob.class);
            WorkflowRun run = p.getBuildByNumber(1);
            j.assertBuildStatusSuccess(j.waitForCompletion(run));
            j.assertLogContains("Resuming the canary of 1.0 in production after a restart, at step 1 of 2", run);
            j.assertLogContains("Using the test results the body recorded for the check of step 1 of 2 (25%)", run);
            j.assertLogContains("WEIGHT=100 STEP=2/2", run);
            List<EventType> types = ApplicationLedgers.forApplication("shop").events().stream()
                    .filter(e -> e.type() != EventType.GATE_VERDICT)
                    .map(LedgerEvent::type)
                    .toList();
            // each step once: nothing repeated, nothing skipped across the restart
            assertThat(
                    types,
                    contains(EventType.DEPLOYMENT_STARTED, EventType.CANARY_STEP_REACHED, EventType.CANARY_COMPLETED));
            assertThat(
                    ApplicationLedgers.forApplication("shop")
                            .liveState()
                            .live("production")
                            .orElseThrow()
                            .candidate()
                            .version(),
                    is("1.0"));
        });
    }
}
