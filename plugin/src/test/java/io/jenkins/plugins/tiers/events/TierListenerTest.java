package io.jenkins.plugins.tiers.events;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import hudson.model.Run;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.model.Candidate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;

public class TierListenerTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void hearsTheVerdictAndTheDeploymentInOrder() throws Exception {
        TierConfig dev = new TierConfig("dev");
        dev.setKind("development");
        DeploymentTiersJobProperty ladder = new DeploymentTiersJobProperty();
        ladder.setApplication("shop");
        ladder.setTiers(List.of(dev));
        WorkflowJob p = j.createProject(WorkflowJob.class, "shop");
        p.addProperty(ladder);
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  writeFile file: 'r/TEST-a.xml', text: '<testsuite name=\"a\"><testcase classname=\"a.A\" name=\"t\"/></testsuite>'\n"
                        + "  deployTo(tier: 'dev', version: '1.0', tests: 'r/*.xml') { echo 'deploying' }\n"
                        + "}",
                true));
        j.buildAndAssertSuccess(p);

        assertThat(
                j.jenkins.getExtensionList(TierListener.class).get(Recorder.class).heard,
                contains("verdict dev 1.0 PASSED", "started dev 1.0", "finished dev 1.0 SUCCEEDED"));
    }

    @TestExtension("hearsTheVerdictAndTheDeploymentInOrder")
    public static class Recorder extends TierListener {
        final List<String> heard = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onVerdict(Run<?, ?> run, Verdict verdict) {
            heard.add("verdict " + verdict.tier() + " " + verdict.candidate().version() + " " + verdict.status());
        }

        @Override
        public void onDeploymentStarted(Run<?, ?> run, String application, String tier, Candidate candidate) {
            heard.add("started " + tier + " " + candidate.version());
        }

        @Override
        public void onDeploymentFinished(
                Run<?, ?> run, String application, String tier, Candidate candidate, Outcome outcome) {
            heard.add("finished " + tier + " " + candidate.version() + " " + outcome);
        }
    }
}
