package io.jenkins.plugins.tiers.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.report.TestId;
import io.jenkins.plugins.tiers.runs.TiersRunAction;
import io.jenkins.plugins.tiers.runs.TiersRunAction.DeploymentSummary;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

public class DeployToStepTest {

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static String throughFourTiers(String version) {
        StringBuilder script = new StringBuilder("node {\n").append(Ladders.writeReport(Ladders.passingReport()));
        for (String tier : Ladders.FOUR) {
            script.append("  deployTo(tier: '")
                    .append(tier)
                    .append("', version: '")
                    .append(version)
                    .append(
                            "', tests: 'reports/*.xml') { echo \"deploying ${env.DEPLOY_VERSION} to ${env.DEPLOY_TIER}\" }\n");
        }
        return script.append("}\n").toString();
    }

    @Test
    public void scriptedPipelineDeploysThroughFourTiers() throws Exception {
        WorkflowJob p = Ladders.pipeline(j, "shop", Ladders.fourTiers("shop"), throughFourTiers("1.0.0"));
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("deploying 1.0.0 to production", b);
        j.assertLogContains("Read 1 test report file(s) matching reports/*.xml: 3 tests", b);
        LiveState live = ApplicationLedgers.forApplication("shop").liveState();
        for (String tier : Ladders.FOUR) {
            assertThat(tier, live.live(tier).orElseThrow().candidate().version(), is("1.0.0"));
        }
        TiersRunAction action = b.getAction(TiersRunAction.class);
        assertThat(action.getDeployments(), hasSize(4));
        assertThat(
                action.getDeployments().stream()
                        .map(DeploymentSummary::getState)
                        .toList(),
                everyItem(is(DeploymentSummary.State.SUCCEEDED)));
        assertThat(action.countVerdicts("PASSED"), is(4));
    }

    @Test
    public void declarativePipelineDeploysThroughFourTiers() throws Exception {
        // Skipped where Declarative is missing; scriptedPipelineDeploysThroughFourTiers proves the same.
        Ladders.assumePlugin(j, "pipeline-model-definition");
        StringBuilder stages = new StringBuilder();
        for (String tier : Ladders.FOUR) {
            stages.append("    stage('")
                    .append(tier)
                    .append("') { steps { deployTo(tier: '")
                    .append(tier)
                    .append("', tests: 'reports/*.xml') { echo \"in ${env.DEPLOY_TIER}\" } } }\n");
        }
        String script = "pipeline {\n"
                + "  agent any\n"
                + "  environment { VERSION = '2.0.0' }\n"
                + "  stages {\n"
                + "    stage('build') { steps { " + Ladders.writeReport(Ladders.passingReport()) + " } }\n"
                + stages
                + "  }\n"
                + "}\n";
        WorkflowJob p = Ladders.pipeline(j, "shop-declarative", Ladders.fourTiers("shop-declarative"), script);
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("in production", b);
        // The version came from env.VERSION, as documented.
        assertThat(
                ApplicationLedgers.forApplication("shop-declarative")
                        .liveState()
                        .live("production")
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("2.0.0"));
    }

    @Test
    public void aNewFailureBlocksTheGateWithItsEvidenceInTheLog() throws Exception {
        List<TierConfig> tiers = List.of(
                Ladders.tier("dev", "development", Ladders.gate("1", "10", false)),
                Ladders.tier("test", "testing", Ladders.gate("1", "10", true)));
        String first = "node {\n" + Ladders.writeReport(Ladders.report(new String[] {"adds", "removes"}))
                + "deployTo(tier: 'dev', version: '1.0', tests: 'reports/*.xml') { echo 'dev' }\n"
                + "deployTo(tier: 'test', version: '1.0', tests: 'reports/*.xml') { echo 'test' }\n}";
        WorkflowJob p = Ladders.pipeline(j, "cart", Ladders.property("cart", tiers), first);
        j.buildAndAssertSuccess(p);

        p.setDefinition(new CpsFlowDefinition(
                "node {\n" + Ladders.writeReport(Ladders.report(new String[] {"adds"}, "removes"))
                        + "deployTo(tier: 'dev', version: '1.1', tests: 'reports/*.xml') { echo 'dev' }\n"
                        + "deployTo(tier: 'test', version: '1.1', tests: 'reports/*.xml') { echo 'NOT REACHED' }\n}",
                true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("Not deploying: the gate of test blocks 1.1", b);
        // Evidence lines name a test by its simple class name (as the engine documents: OrderIT.cancel);
        // the ledger keeps its full identity.
        j.assertLogContains("1 new failure against 1.0 live in test: CartTest.removes", b);
        LedgerEvent blocked = ApplicationLedgers.forApplication("cart").events().stream()
                .filter(e -> e.type() == EventType.GATE_VERDICT
                        && e.tier().equals("test")
                        && e.version().equals("1.1"))
                .findFirst()
                .orElseThrow();
        assertThat(blocked.evidence().failed(), contains(new TestId("shop.CartTest", "removes")));
        j.assertLogNotContains("NOT REACHED", b);
        LiveState live = ApplicationLedgers.forApplication("cart").liveState();
        assertThat(live.live("dev").orElseThrow().candidate().version(), is("1.1"));
        assertThat(live.live("test").orElseThrow().candidate().version(), is("1.0"));
        assertThat(
                b.getAction(TiersRunAction.class).latestVerdict("test", "1.1").getStatus(), is("BLOCKED"));
    }

    @Test
    public void aFailingBodyIsRecordedAsAFailedDeploymentAndFailsTheStep() throws Exception {
        String script = "node {\n" + Ladders.writeReport(Ladders.passingReport())
                + "deployTo(tier: 'dev', version: '3.0', tests: 'reports/*.xml') { error 'deploy script broke' }\n}";
        WorkflowJob p = Ladders.pipeline(j, "broken", Ladders.fourTiers("broken"), script);
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("deploy script broke", b);
        j.assertLogContains("Deployment of 3.0 into dev failed", b);
        List<EventType> types = ApplicationLedgers.forApplication("broken").events().stream()
                .map(LedgerEvent::type)
                .toList();
        assertThat(types, contains(EventType.GATE_VERDICT, EventType.DEPLOYMENT_STARTED, EventType.DEPLOYMENT_FAILED));
        assertThat(
                ApplicationLedgers.forApplication("broken")
                        .liveState()
                        .live("dev")
                        .isPresent(),
                is(false));
        assertThat(
                b.getAction(TiersRunAction.class).getDeployments().get(0).getState(),
                is(DeploymentSummary.State.FAILED));
    }

    @Test
    public void bindsTheTierCredentialsOnlyInsideTheBodyAndMasksThem() throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "dev-token", "deploy token", Secret.fromString("s3cr3t-value")));
        SystemCredentialsProvider.getInstance().save();
        TierConfig dev = Ladders.tier("dev", "development", null);
        dev.setCredentialsId("dev-token");
        String script = "node {\n" + Ladders.writeReport(Ladders.passingReport())
                + "echo \"before=${env.TIER_CREDENTIALS}\"\n"
                + "deployTo(tier: 'dev', version: '1.0', tests: 'reports/*.xml') {\n"
                + "  echo \"inside=${env.TIER_CREDENTIALS}\"\n"
                + "  writeFile file: 'token.txt', text: env.TIER_CREDENTIALS\n"
                + "}\n"
                + "echo \"after=${env.TIER_CREDENTIALS}\"\n}";
        WorkflowJob p = Ladders.pipeline(j, "secret", Ladders.property("secret", List.of(dev)), script);
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("inside=****", b);
        j.assertLogContains("before=null", b);
        j.assertLogContains("after=null", b);
        j.assertLogNotContains("s3cr3t-value", b);
        // The value itself was really there for the body.
        assertThat(j.jenkins.getWorkspaceFor(p).child("token.txt").readToString(), is("s3cr3t-value"));
    }

    @Test
    public void bindsAUsernameAndPasswordAsTwoVariablesAndMasksThePassword() throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "dev-login", "deploy login", "deployer", "pa55-w0rd-value"));
        SystemCredentialsProvider.getInstance().save();
        TierConfig dev = Ladders.tier("dev", "development", null);
        dev.setCredentialsId("dev-login");
        String script = "node {\n" + Ladders.writeReport(Ladders.passingReport())
                + "deployTo(tier: 'dev', version: '1.0', tests: 'reports/*.xml', credentialsVariable: 'LOGIN') {\n"
                + "  echo \"password=${env.LOGIN_PSW}\"\n"
                + "  writeFile file: 'login.txt', text: env.LOGIN_USR + ':' + env.LOGIN_PSW\n"
                + "}\n"
                + "echo \"after=${env.LOGIN_USR}/${env.LOGIN_PSW}\"\n}";
        WorkflowJob p = Ladders.pipeline(j, "login", Ladders.property("login", List.of(dev)), script);
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("password=****", b);
        j.assertLogContains("after=null/null", b);
        j.assertLogNotContains("pa55-w0rd-value", b);
        assertThat(j.jenkins.getWorkspaceFor(p).child("login.txt").readToString(), is("deployer:pa55-w0rd-value"));
    }

    @Test
    public void bindsASecretFileForTheBodyOnlyAndMasksItsPath() throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new FileCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "dev-kubeconfig",
                        "deploy kubeconfig",
                        "kubeconfig",
                        SecretBytes.fromBytes("k8s-s3cret-token".getBytes(StandardCharsets.UTF_8))));
        SystemCredentialsProvider.getInstance().save();
        TierConfig dev = Ladders.tier("dev", "development", null);
        dev.setCredentialsId("dev-kubeconfig");
        String script = "node {\n" + Ladders.writeReport(Ladders.passingReport())
                + "deployTo(tier: 'dev', version: '1.0', tests: 'reports/*.xml') {\n"
                + "  echo \"path=${env.TIER_CREDENTIALS}\"\n"
                + "  writeFile file: 'path.txt', text: env.TIER_CREDENTIALS\n"
                + "  writeFile file: 'content.txt', text: readFile(env.TIER_CREDENTIALS)\n"
                + "}\n"
                + "echo \"after=${env.TIER_CREDENTIALS}\"\n}";
        WorkflowJob p = Ladders.pipeline(j, "kube", Ladders.property("kube", List.of(dev)), script);
        WorkflowRun b = j.buildAndAssertSuccess(p);

        // as withCredentials' file binding: the variable (the file's path) is masked, the content is the body's
        j.assertLogContains("path=****", b);
        j.assertLogContains("after=null", b);
        String path = j.jenkins.getWorkspaceFor(p).child("path.txt").readToString();
        j.assertLogNotContains(path, b);
        assertThat(path.isEmpty(), is(false));
        assertThat(j.jenkins.getWorkspaceFor(p).child("content.txt").readToString(), is("k8s-s3cret-token"));
        // the file existed for the body only
        assertThat(new FilePath(new java.io.File(path)).exists(), is(false));
    }

    /** The log so far; empty before the run has written any. */
    private static String logOf(WorkflowRun run) {
        try {
            return run.getLog();
        } catch (java.io.IOException notYet) {
            return "";
        }
    }

    @Test
    public void aDeploymentAbortedWhileItsBodyRunsIsRecordedAsFailedAndGivesTheTierBack() throws Exception {
        WorkflowJob p = Ladders.pipeline(
                j,
                "stopped",
                Ladders.property("stopped", List.of(Ladders.tier("dev", "development", null))),
                "node {\n" + Ladders.writeReport(Ladders.passingReport()) + "}\n"
                        + "node {\n"
                        + "  deployTo(tier: 'dev', version: \"1.${env.BUILD_NUMBER}\", tests: 'reports/*.xml') {\n"
                        + "    semaphore 'inside'\n"
                        + "  }\n"
                        + "}\n");
        p.setConcurrentBuild(true);
        WorkflowRun first = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("inside/1", first);

        first.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(first));

        List<String> events = ApplicationLedgers.forApplication("stopped").events().stream()
                .map(e -> e.type().name() + " " + e.version())
                .toList();
        assertThat(events, contains("GATE_VERDICT 1.1", "DEPLOYMENT_STARTED 1.1", "DEPLOYMENT_FAILED 1.1"));
        assertThat(
                ApplicationLedgers.forApplication("stopped")
                        .liveState()
                        .live("dev")
                        .isPresent(),
                is(false));
        assertThat(
                first.getAction(TiersRunAction.class).getDeployments().get(0).getState(),
                is(DeploymentSummary.State.FAILED));
        j.assertLogContains("Deployment of 1.1 into dev failed", first);

        // the tier was given back: the next run deploys at once, without waiting for the aborted one
        WorkflowRun second = p.scheduleBuild2(0).waitForStart();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!logOf(second).contains("Deploying 1.2 into dev")) {
            assertThat("still waiting for the aborted run's turn", logOf(second), not(containsString("Waiting for")));
            assertThat(
                    "the second run did not start deploying in time", System.currentTimeMillis() < deadline, is(true));
            Thread.sleep(100);
        }
        SemaphoreStep.success("inside/2", null);
        j.assertBuildStatusSuccess(j.waitForCompletion(second));
        assertThat(
                ApplicationLedgers.forApplication("stopped")
                        .liveState()
                        .live("dev")
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("1.2"));
    }

    @Test
    public void readsTheReportsOnTheAgentThatHoldsThem() throws Exception {
        j.createOnlineSlave(Label.get("remote"));
        String script = "node('remote') {\n" + Ladders.writeReport(Ladders.passingReport())
                + "deployTo(tier: 'dev', version: '1.0', tests: 'reports/*.xml') { echo \"on ${env.NODE_NAME}\" }\n}";
        WorkflowJob p = Ladders.pipeline(j, "agent", Ladders.fourTiers("agent"), script);
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("Read 1 test report file(s) matching reports/*.xml: 3 tests", b);
        j.assertLogNotContains("on built-in", b);
        assertThat(
                ApplicationLedgers.forApplication("agent")
                        .liveState()
                        .live("dev")
                        .isPresent(),
                is(true));
    }

    @Test
    public void usesTheResultsRecordedByJunitWhenNoReportsAreNamed() throws Exception {
        String script = "node {\n" + Ladders.writeReport(Ladders.passingReport())
                + "junit 'reports/*.xml'\n"
                + "deployTo(tier: 'dev', version: '1.0') { echo 'deployed' }\n}";
        WorkflowJob p = Ladders.pipeline(j, "recorded", Ladders.fourTiers("recorded"), script);
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("Using the test results this run recorded with junit: 3 tests", b);
    }

    @Test
    public void noEvidenceBlocks() throws Exception {
        WorkflowJob p = Ladders.pipeline(
                j, "empty", Ladders.fourTiers("empty"), "deployTo(tier: 'dev', version: '1.0') { echo 'NOT REACHED' }");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("No test evidence", b);
        j.assertLogNotContains("NOT REACHED", b);
    }

    @Test
    public void staleReportsFromAnEarlierBuildDoNotCount() throws Exception {
        WorkflowJob p = Ladders.pipeline(
                j,
                "stale",
                Ladders.fourTiers("stale"),
                "node { deployTo(tier: 'dev', version: '1.0', tests: 'reports/*.xml') { echo 'NOT REACHED' } }");
        // A report left in the workspace an hour before this build.
        FilePath old = j.jenkins.getWorkspaceFor(p).child("reports/TEST-shop.CartTest.xml");
        old.write(Ladders.passingReport(), "UTF-8");
        old.touch(System.currentTimeMillis() - 3_600_000);

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogNotContains("NOT REACHED", b);
    }

    @Test
    public void buildRecordKeepsSummariesOnlyWhileTheLedgerKeepsTheEvidence() throws Exception {
        String script = "node {\n" + Ladders.writeReport(Ladders.report(new String[] {"adds"}, "removes"))
                + "deployTo(tier: 'dev', version: '1.0', tests: 'reports/*.xml') { echo 'NOT REACHED' }\n}";
        WorkflowJob p = Ladders.pipeline(j, "summary", Ladders.fourTiers("summary"), script);
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        // build.xml legitimately holds the Pipeline script (which wrote the report); what the plugin
        // stores there is its action's element, and that must hold summaries only.
        String buildXml = Files.readString(b.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8);
        String element = "io.jenkins.plugins.tiers.runs.TiersRunAction";
        int start = buildXml.indexOf("<" + element);
        int end = buildXml.indexOf("</" + element + ">");
        assertThat("the action is stored in build.xml", start >= 0 && end > start, is(true));
        String stored = buildXml.substring(start, end);
        assertThat(stored, containsString("BLOCKED"));
        assertThat(stored, not(containsString("CartTest.java:42"))); // the stack trace stays in the ledger
        assertThat(
                ApplicationLedgers.forApplication("summary")
                        .events()
                        .get(0)
                        .verdict()
                        .status()
                        .name(),
                is("BLOCKED"));
        assertThat(b.getAction(TiersRunAction.class).getVerdictRecords(), hasSize(1));
    }
}
