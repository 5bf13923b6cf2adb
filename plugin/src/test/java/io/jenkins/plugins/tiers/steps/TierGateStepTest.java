package io.jenkins.plugins.tiers.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.User;
import io.jenkins.plugins.tiers.config.ApprovalConfig;
import io.jenkins.plugins.tiers.config.GateConfig;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.events.TierListener;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.runs.TiersRunAction;
import io.jenkins.plugins.tiers.security.TiersPermissions;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.nodes.StepAtomNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.TestExtension;

public class TierGateStepTest {

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    /** dev, then production behind two approvals; the script waits at production outside node. */
    private WorkflowJob approvalJob(String name) throws Exception {
        List<TierConfig> tiers = List.of(
                Ladders.tier("dev", "development", null),
                Ladders.tier("production", "production", Ladders.approvalGate("2")));
        WorkflowJob p = Ladders.pipeline(
                j,
                name,
                Ladders.property(name, tiers),
                "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "  junit 'reports/*.xml'\n"
                        + "  deployTo(tier: 'dev', version: '1.0') { echo 'dev' }\n"
                        + "}\n"
                        + "def verdict = tierGate(tier: 'production', version: '1.0')\n"
                        + "echo \"gate said ${verdict.status}\"\n"
                        + "node { deployTo(tier: 'production', version: '1.0') { echo 'promoted' } }\n");
        return p;
    }

    private static int post(JenkinsRule.WebClient wc, JenkinsRule j, WorkflowRun run, String decision)
            throws Exception {
        WebRequest request = new WebRequest(
                new URL(j.getURL(), run.getUrl() + "deployment-tiers/" + decision + "?tier=production&comment=ok"),
                HttpMethod.POST);
        WebResponse response = wc.getPage(request).getWebResponse();
        return response.getStatusCode();
    }

    private void waitUntilWaiting(WorkflowRun run) throws Exception {
        j.waitForMessage("The gate of production waits for 1.0", run);
    }

    @Test
    public void twoDistinctApproversThroughTheHttpApiLetTheRunThrough() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .toEveryone()
                .grant(TiersPermissions.PROMOTE)
                .everywhere()
                .to("alice", "bob", "carol"));
        WorkflowJob p = approvalJob("shop");
        WorkflowRun run = p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice")))
                .waitForStart();
        waitUntilWaiting(run);
        assertThat(run.getAction(TiersRunAction.class).getWaitingTiers(), is(List.of("production")));

        JenkinsRule.WebClient mallory =
                j.createWebClient().withBasicApiToken("mallory").withThrowExceptionOnFailingStatusCode(false);
        assertThat("no Promote permission", post(mallory, j, run, "approve"), is(403));

        JenkinsRule.WebClient alice =
                j.createWebClient().withBasicApiToken("alice").withThrowExceptionOnFailingStatusCode(false);
        assertThat("alice started the run", post(alice, j, run, "approve"), is(409));

        JenkinsRule.WebClient bob =
                j.createWebClient().withBasicApiToken("bob").withThrowExceptionOnFailingStatusCode(false);
        assertThat(post(bob, j, run, "approve"), is(200));
        assertThat("one approval counts once per person", post(bob, j, run, "approve"), is(409));
        Thread.sleep(500);
        assertThat("one approval of two is not enough", run.isBuilding(), is(true));

        JenkinsRule.WebClient carol =
                j.createWebClient().withBasicApiToken("carol").withThrowExceptionOnFailingStatusCode(false);
        assertThat(post(carol, j, run, "approve"), is(200));

        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("gate said PASSED", run);
        j.assertLogContains("promoted", run);
        List<String> approvers =
                ApplicationLedgers.forApplication("shop")
                        .candidate("1.0")
                        .orElseThrow()
                        .approvals("production")
                        .stream()
                        .map(io.jenkins.plugins.tiers.ledger.Approval::person)
                        .toList();
        assertThat(approvers, is(List.of("bob", "carol")));
    }

    @Test
    public void aNonAdministratorInTheApproverGroupApprovesOverHttp() throws Exception {
        JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
        realm.addGroups("dave", "release-managers");
        j.jenkins.setSecurityRealm(realm);
        // Nobody here holds Overall/Administer: the groups must come from dave's own login.
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .toEveryone()
                .grant(TiersPermissions.PROMOTE)
                .everywhere()
                .to("dave", "erin"));
        GateConfig gate = new GateConfig();
        ApprovalConfig approval = new ApprovalConfig("1");
        approval.setGroups("release-managers");
        gate.setApproval(approval);
        List<TierConfig> tiers =
                List.of(Ladders.tier("dev", "development", null), Ladders.tier("production", "production", gate));
        WorkflowJob p = Ladders.pipeline(
                j,
                "grouped",
                Ladders.property("grouped", tiers),
                "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "  junit 'reports/*.xml'\n"
                        + "  deployTo(tier: 'dev', version: '1.0') { echo 'dev' }\n"
                        + "}\n"
                        + "echo \"gate said ${tierGate(tier: 'production', version: '1.0').status}\"\n");
        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        waitUntilWaiting(run);

        JenkinsRule.WebClient erin =
                j.createWebClient().withBasicApiToken("erin").withThrowExceptionOnFailingStatusCode(false);
        assertThat("erin may promote but is not in the group", post(erin, j, run, "approve"), is(409));
        JenkinsRule.WebClient dave =
                j.createWebClient().withBasicApiToken("dave").withThrowExceptionOnFailingStatusCode(false);
        assertThat(post(dave, j, run, "approve"), is(200));

        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("gate said PASSED", run);
        io.jenkins.plugins.tiers.ledger.Approval recorded = ApplicationLedgers.forApplication("grouped")
                .candidate("1.0")
                .orElseThrow()
                .approvals("production")
                .get(0);
        assertThat(recorded.person(), is("dave"));
        assertThat(recorded.groups(), is(List.of("release-managers")));
    }

    /**
     * A soak time ending is noticed by the recheck timer, and the gate is evaluated as the run
     * even then: the timer's thread (the system) only asks for an evaluation, it never lends its
     * own authentication to it. Takes one recheck period (a minute).
     */
    @Test
    public void theRecheckNoticesTheEndOfASoakAndEvaluatesAsTheRun() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD)
                .everywhere()
                .to("runner"));
        // The run acts as "runner" (as with Authorize Project), not as the system.
        QueueItemAuthenticatorConfiguration.get()
                .getAuthenticators()
                .add(new MockQueueItemAuthenticator()
                        .authenticate("soaked", User.getById("runner", true).impersonate2()));
        GateConfig soak = new GateConfig();
        soak.setSoak("20s");
        List<TierConfig> tiers =
                List.of(Ladders.tier("dev", "development", null), Ladders.tier("production", "production", soak));
        WorkflowJob p = Ladders.pipeline(
                j,
                "soaked",
                Ladders.property("soaked", tiers),
                "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "  junit 'reports/*.xml'\n"
                        + "  deployTo(tier: 'dev', version: '1.0') { echo 'dev' }\n"
                        + "}\n"
                        + "echo \"gate said ${tierGate(tier: 'production', version: '1.0').status}\"\n");
        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        waitUntilWaiting(run);
        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("gate said PASSED", run);
        assertThat(WhoEvaluates.names, is(List.of("runner", "runner")));
    }

    /** Who each verdict was reached as. */
    @TestExtension("theRecheckNoticesTheEndOfASoakAndEvaluatesAsTheRun")
    public static final class WhoEvaluates extends TierListener {
        static final List<String> names = new CopyOnWriteArrayList<>();

        @Override
        public void onVerdict(Run<?, ?> run, Verdict verdict) {
            if (verdict.tier().equals("production")) {
                names.add(Jenkins.getAuthentication2().getName());
            }
        }
    }

    @Test
    public void aRefusalBlocksTheWaitingGate() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, TiersPermissions.PROMOTE)
                .everywhere()
                .toEveryone());
        WorkflowJob p = approvalJob("refused");
        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        waitUntilWaiting(run);

        JenkinsRule.WebClient bob =
                j.createWebClient().withBasicApiToken("bob").withThrowExceptionOnFailingStatusCode(false);
        assertThat(post(bob, j, run, "refuse"), is(200));

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        j.assertLogContains("The gate of production blocks 1.0", run);
        j.assertLogNotContains("promoted", run);
    }

    @Test
    public void unstableInsteadOfFailingWhenAsked() throws Exception {
        WorkflowJob p = Ladders.pipeline(
                j,
                "lenient",
                Ladders.fourTiers("lenient"),
                "node {\n" + Ladders.writeReport(Ladders.report(new String[] {"adds"}, "removes"))
                        + "  def v = tierGate(tier: 'dev', version: '1.0', tests: 'reports/*.xml', onBlocked: 'unstable')\n"
                        + "  echo \"status=${v.status} passed=${v.passed} first=${v.reasons[0]}\"\n"
                        + "}\n");
        WorkflowRun b = j.buildAndAssertStatus(Result.UNSTABLE, p);
        j.assertLogContains("status=BLOCKED passed=false first=", b);
        // The stage views show the step itself as unstable, as the unstable step marks it.
        FlowNode gate = new DepthFirstScanner()
                .allNodes(b.getExecution()).stream()
                        .filter(n -> n instanceof StepAtomNode atom
                                && atom.getDescriptor() instanceof TierGateStep.DescriptorImpl)
                        .findFirst()
                        .orElseThrow();
        WarningAction warning = gate.getPersistentAction(WarningAction.class);
        assertThat(warning, notNullValue());
        assertThat(warning.getResult(), is(Result.UNSTABLE));
        assertThat(warning.getMessage(), containsString("The gate of dev blocks 1.0"));
    }

    @Test
    public void stricterRulesTightenButNeverRelaxTheGate() throws Exception {
        WorkflowJob p = Ladders.pipeline(
                j,
                "strict",
                Ladders.fourTiers("strict"),
                "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "  def tighter = tierGate(tier: 'dev', version: '1.0', tests: 'reports/*.xml', minTests: 10, onBlocked: 'return')\n"
                        + "  echo \"tighter=${tighter.status}\"\n"
                        + "  def laxer = tierGate(tier: 'dev', version: '1.0', tests: 'reports/*.xml', maxFailures: 5, onBlocked: 'return')\n"
                        + "  echo \"laxer=${laxer.status} ${laxer.reasons}\"\n"
                        + "}\n");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("tighter=BLOCKED", b);
        j.assertLogContains("laxer=BLOCKED", b);
        assertThat(b.getLog(), containsString("maxFailures"));
    }

    @Test
    public void aMalformedStricterRuleFailsTheStepNamingTheArgument() throws Exception {
        WorkflowJob p = Ladders.pipeline(
                j,
                "typo",
                Ladders.fourTiers("typo"),
                "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "  tierGate(tier: 'dev', version: '1.0', tests: 'reports/*.xml', maxReportAge: 'soon')\n"
                        + "}\n");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("maxReportAge: \"soon\"", b);
    }

    @Test
    public void deployToReusesThePassedVerdictOfThisRun() throws Exception {
        WorkflowJob p = Ladders.pipeline(
                j,
                "reuse",
                Ladders.fourTiers("reuse"),
                "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "  tierGate(tier: 'dev', version: '1.0', tests: 'reports/*.xml')\n"
                        + "  deployTo(tier: 'dev', version: '1.0') { echo 'deployed' }\n"
                        + "}\n");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("Using the verdict this run already obtained: the gate of dev passed 1.0", b);
        assertThat(b.getAction(TiersRunAction.class).getVerdicts().size(), is(1));
    }
}
