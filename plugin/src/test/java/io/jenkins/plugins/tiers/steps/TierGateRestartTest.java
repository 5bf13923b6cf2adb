package io.jenkins.plugins.tiers.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import hudson.FilePath;
import hudson.Util;
import hudson.model.User;
import io.jenkins.plugins.tiers.approval.ApprovalResult;
import io.jenkins.plugins.tiers.approval.ApprovalService;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.runs.TiersRunAction;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsSessionRule;

public class TierGateRestartTest {

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void aWaitingGateSurvivesARestartAndPromotesExactlyOnce() throws Throwable {
        sessions.then(j -> {
            j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
            List<TierConfig> tiers = List.of(
                    Ladders.tier("dev", "development", null),
                    Ladders.tier("production", "production", Ladders.approvalGate("1")));
            WorkflowJob p = Ladders.pipeline(
                    j,
                    "shop",
                    Ladders.property("shop", tiers),
                    "node {\n" + Ladders.writeReport(Ladders.passingReport())
                            + "  junit 'reports/*.xml'\n"
                            + "  deployTo(tier: 'dev', version: '1.0') { echo 'dev' }\n"
                            + "}\n"
                            + "tierGate(tier: 'production', version: '1.0')\n"
                            + "node { deployTo(tier: 'production', version: '1.0') { echo 'promoted' } }\n");
            WorkflowRun run = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("The gate of production waits for 1.0", run);
        });
        sessions.then(j -> {
            WorkflowJob p = j.jenkins.getItemByFullName("shop", WorkflowJob.class);
            WorkflowRun run = p.getBuildByNumber(1);
            assertThat(run.isBuilding(), is(true));
            ApprovalResult result = ApprovalService.approve(
                    p, "production", "1.0", User.getById("bob", true).impersonate2(), "after restart", true);
            assertThat(result.message(), result.accepted(), is(true));

            j.assertBuildStatusSuccess(j.waitForCompletion(run));
            j.assertLogContains("promoted", run);
            long promotions = ApplicationLedgers.forApplication("shop").events().stream()
                    .filter(e -> e.type() == EventType.DEPLOYMENT_SUCCEEDED
                            && e.tier().equals("production"))
                    .count();
            assertThat(promotions, is(1L));
            assertThat(run.getAction(TiersRunAction.class).getDeployments().size(), is(2));
        });
    }

    /**
     * A crash, not a clean stop: the build directory is put back as it was just after the gate
     * started waiting (and saved its state), so nothing Jenkins writes while stopping helps. The
     * waiting gate must resume from that state, not fail because a thread was recorded in it.
     */
    @Test
    public void aWaitingGateSurvivesACrashRightAfterItStartedWaiting() throws Throwable {
        File[] saved = new File[1];
        sessions.then(j -> {
            j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
            List<TierConfig> tiers = List.of(
                    Ladders.tier("dev", "development", null),
                    Ladders.tier("production", "production", Ladders.approvalGate("1")));
            WorkflowJob p = Ladders.pipeline(
                    j,
                    "shop",
                    Ladders.property("shop", tiers),
                    "node {\n" + Ladders.writeReport(Ladders.passingReport())
                            + "  junit 'reports/*.xml'\n"
                            + "  deployTo(tier: 'dev', version: '1.0') { echo 'dev' }\n"
                            + "}\n"
                            + "tierGate(tier: 'production', version: '1.0')\n"
                            + "echo 'promoted'\n");
            WorkflowRun run = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("The gate of production waits for 1.0", run);
            Thread.sleep(3000); // the state the gate saved on starting to wait is on disk by now
            saved[0] = Files.createTempDirectory("crashed-build").toFile();
            new FilePath(run.getRootDir()).copyRecursiveTo(new FilePath(saved[0]));
        });
        File build = new File(sessions.getHome(), "jobs/shop/builds/1");
        Util.deleteRecursive(build);
        new FilePath(saved[0]).copyRecursiveTo(new FilePath(build));
        Util.deleteRecursive(saved[0]);
        sessions.then(j -> {
            WorkflowJob p = j.jenkins.getItemByFullName("shop", WorkflowJob.class);
            WorkflowRun run = p.getBuildByNumber(1);
            for (int i = 0;
                    i < 100 && WaitingGates.find("shop", "production", "1.0").isEmpty();
                    i++) {
                Thread.sleep(100);
            }
            assertThat("the resumed gate is still waiting", run.isBuilding(), is(true));
            ApprovalResult result = ApprovalService.approve(
                    p, "production", "1.0", User.getById("bob", true).impersonate2(), "after a crash", true);
            assertThat(result.message(), result.accepted(), is(true));
            j.assertBuildStatusSuccess(j.waitForCompletion(run));
            j.assertLogContains("promoted", run);
        });
    }
}
