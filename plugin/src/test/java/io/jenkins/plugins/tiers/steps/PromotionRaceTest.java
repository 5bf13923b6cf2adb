package io.jenkins.plugins.tiers.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/** Runs racing for production: never interleaved, and the newest candidate wins. */
public class PromotionRaceTest {

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private WorkflowJob racingJob() throws Exception {
        List<TierConfig> tiers = List.of(Ladders.tier("production", "production", null));
        WorkflowJob p = j.createProject(WorkflowJob.class, "shop");
        p.addProperty(Ladders.property("shop", tiers));
        p.setConcurrentBuild(true);
        // Each run: its test results, a pause before claiming the tier, then a deployment that pauses inside.
        // Outside node, so that waiting runs hold no executor.
        p.setDefinition(new CpsFlowDefinition(
                "node {\n" + Ladders.writeReport(Ladders.passingReport()) + "  junit 'reports/*.xml'\n}\n"
                        + "semaphore 'before'\n"
                        + "deployTo(tier: 'production', version: \"1.${env.BUILD_NUMBER}\") {\n"
                        + "  semaphore 'inside'\n"
                        + "}\n",
                true));
        return p;
    }

    @Test
    public void aNewerRunWaitsForTheOneDeployingAndAnOlderLateRunIsRefused() throws Exception {
        WorkflowJob p = racingJob();
        WorkflowRun first = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("before/1", first);
        WorkflowRun second = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("before/2", second);
        WorkflowRun third = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("before/3", third);

        SemaphoreStep.success("before/1", null);
        SemaphoreStep.waitForStart("inside/1", first); // #1 deploys
        SemaphoreStep.success("before/3", null);
        j.waitForMessage("Waiting for " + first.getExternalizableId() + " to finish deploying into production", third);
        SemaphoreStep.success("before/2", null); // #2 arrives after #3, older than it
        j.assertBuildStatus(Result.NOT_BUILT, j.waitForCompletion(second));
        j.assertLogContains("Superseded at production by the newer run " + third.getExternalizableId(), second);

        SemaphoreStep.success("inside/1", null);
        j.assertBuildStatusSuccess(j.waitForCompletion(first));
        SemaphoreStep.waitForStart("inside/2", third); // the second use of 'inside' is #3's
        SemaphoreStep.success("inside/2", null);
        j.assertBuildStatusSuccess(j.waitForCompletion(third));

        List<String> deployments = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.DEPLOYMENT_STARTED || e.type() == EventType.DEPLOYMENT_SUCCEEDED)
                .map(e -> e.type().name() + " " + e.version())
                .toList();
        assertThat(
                deployments,
                contains(
                        "DEPLOYMENT_STARTED 1.1",
                        "DEPLOYMENT_SUCCEEDED 1.1",
                        "DEPLOYMENT_STARTED 1.3",
                        "DEPLOYMENT_SUCCEEDED 1.3"));
        assertThat(
                ApplicationLedgers.forApplication("shop")
                        .liveState()
                        .live("production")
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("1.3"));
        // #2's verdict is in the ledger; its deployment never started.
        assertThat(
                ApplicationLedgers.forApplication("shop").events().stream()
                        .anyMatch(e -> e.type() == EventType.GATE_VERDICT
                                && e.version().equals("1.2")),
                is(true));
    }
}
