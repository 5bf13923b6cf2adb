package io.jenkins.plugins.tiers.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.FreezeConfig;
import io.jenkins.plugins.tiers.config.GateConfig;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.runs.TiersRunAction;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A verdict is acted on only while what decided it still holds: {@code deployTo} re-checks the
 * verdict a run obtained earlier with {@code tierGate} against what is live and the freeze windows
 * at the moment it deploys.
 */
public class DeployRecheckTest {

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    /** Each run passes dev's gate for 1.N, the first then pauses, then deploys 1.N. */
    private WorkflowJob job(String name, DeploymentTiersJobProperty ladder) throws Exception {
        WorkflowJob p = Ladders.pipeline(
                j,
                name,
                ladder,
                "def v = \"1.${env.BUILD_NUMBER}\"\n"
                        + "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "  tierGate(tier: 'dev', version: v, tests: 'reports/*.xml')\n"
                        + "}\n"
                        + "if (env.BUILD_NUMBER == '1') { semaphore 'paused' }\n"
                        + "node {\n"
                        + "  deployTo(tier: 'dev', version: v) { echo \"body ran for ${env.DEPLOY_VERSION}\" }\n"
                        + "}\n");
        p.setConcurrentBuild(true);
        return p;
    }

    private static List<String> deployments(String application) {
        return ApplicationLedgers.forApplication(application).events().stream()
                .filter(e -> e.type() != EventType.GATE_VERDICT)
                .map(e -> e.type().name() + " " + e.version())
                .toList();
    }

    @Test
    public void anOlderRunPausedAfterItsGateCannotDeployOverANewerCandidateThatWentLive() throws Exception {
        WorkflowJob p = job("shop", Ladders.property("shop", List.of(Ladders.tier("dev", "development", null))));
        WorkflowRun older = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("paused/1", older); // 1.1 passed dev's gate, then paused
        WorkflowRun newer = j.buildAndAssertSuccess(p); // 1.2 passes and goes live meanwhile

        SemaphoreStep.success("paused/1", null);
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(older));

        j.assertLogContains("Using the verdict this run already obtained", older);
        j.assertLogContains(
                "Not deploying 1.1 into dev: re-checked now, 1.2, newer than 1.1, is live in dev since", older);
        j.assertLogNotContains("body ran for 1.1", older);
        assertThat(deployments("shop"), contains("DEPLOYMENT_STARTED 1.2", "DEPLOYMENT_SUCCEEDED 1.2"));
        assertThat(
                ApplicationLedgers.forApplication("shop")
                        .liveState()
                        .live("dev")
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("1.2"));
        assertThat(older.getAction(TiersRunAction.class).getDeployments().isEmpty(), is(true));
        assertThat(newer.getResult(), is(Result.SUCCESS));
    }

    /** dev with a freeze window from yesterday to tomorrow (UTC). */
    private static DeploymentTiersJobProperty frozen(String application) {
        DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        FreezeConfig freeze = new FreezeConfig("UTC");
        freeze.setName("incident");
        freeze.setStart(now.minusDays(1).format(minutes));
        freeze.setEnd(now.plusDays(1).format(minutes));
        GateConfig gate = new GateConfig();
        gate.setFreeze(List.of(freeze));
        return Ladders.property(application, List.of(Ladders.tier("dev", "development", gate)));
    }

    @Test
    public void aRunPausedAfterItsGateCannotDeployIntoAFreezeThatBeganSince() throws Exception {
        WorkflowJob p = job("cart", Ladders.property("cart", List.of(Ladders.tier("dev", "development", null))));
        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("paused/1", run);
        // The administrator freezes dev while the run waits between its gate and its deployment.
        p.removeProperty(DeploymentTiersJobProperty.class);
        p.addProperty(frozen("cart"));

        SemaphoreStep.success("paused/1", null);
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));

        j.assertLogContains("Not deploying 1.1 into dev: re-checked now, dev is frozen now, until", run);
        j.assertLogContains("passed outside the freeze and does not cover a deployment in it", run);
        j.assertLogNotContains("body ran for", run);
        assertThat(deployments("cart").isEmpty(), is(true));
        assertThat(
                ApplicationLedgers.forApplication("cart")
                        .liveState()
                        .live("dev")
                        .isPresent(),
                is(false));
    }
}
