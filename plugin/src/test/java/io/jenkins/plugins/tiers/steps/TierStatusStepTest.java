package io.jenkins.plugins.tiers.steps;

import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

public class TierStatusStepTest {

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void promotesWhatIsLiveInTheTierBelow() throws Exception {
        WorkflowJob p = Ladders.pipeline(
                j,
                "shop",
                Ladders.fourTiers("shop"),
                "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "  deployTo(tier: 'dev', version: '4.2', tests: 'reports/*.xml') { echo 'dev' }\n"
                        + "  def live = tierStatus()\n"
                        + "  echo \"dev=${live.dev.version} test=${live.test.version}\"\n"
                        + "  deployTo(tier: 'test', version: live.dev.version, tests: 'reports/*.xml') { echo 'test' }\n"
                        + "  echo \"now test=${tierStatus().test.version}\"\n"
                        + "}\n");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("dev=4.2 test=null", b);
        j.assertLogContains("now test=4.2", b);
    }

    @Test
    public void refusesAnApplicationNoVisibleJobDeploys() throws Exception {
        WorkflowJob p =
                Ladders.pipeline(j, "curious", Ladders.fourTiers("curious"), "tierStatus(application: 'someone-else')");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("No job you can see deploys an application named \"someone-else\"", b);
    }

    @Test
    public void aJobWithABrokenLadderDoesNotBreakOtherPipelines() throws Exception {
        // Sorted before the others, so the lookup across jobs meets it first.
        FreeStyleProject broken = j.createFreeStyleProject("a-broken");
        DeploymentTiersJobProperty missing = new DeploymentTiersJobProperty();
        missing.setLadderName("gone");
        broken.addProperty(missing);
        Ladders.pipeline(j, "shop", Ladders.fourTiers("shop"), "echo 'never run'");
        WorkflowJob reader = Ladders.pipeline(
                j,
                "reader",
                Ladders.fourTiers("reader"),
                "echo \"shop tiers=${tierStatus(application: 'shop').size()}\"");
        WorkflowRun b = j.buildAndAssertSuccess(reader);
        j.assertLogContains("shop tiers=0", b);
    }
}
