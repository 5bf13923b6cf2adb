package io.jenkins.plugins.tiers.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import hudson.model.Result;
import hudson.model.User;
import io.jenkins.plugins.tiers.approval.ApprovalResult;
import io.jenkins.plugins.tiers.approval.StrategyDecisionService;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.runs.TiersRunAction;
import io.jenkins.plugins.tiers.runs.TiersRunAction.DeploymentSummary;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
import java.time.Clock;
import java.util.List;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * {@code deployTo} on blue-green and canary tiers, {@code tierSwitch}, {@code tierStatus}'s slots
 * and canary, and an abort taken while a canary pauses, in real Pipeline runs.
 */
public class StrategyStepsTest {

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    /** A Groovy function writing a one-test JUnit report of suite {@code suite}, failing when asked. */
    static final String REPORT_FUNCTION = "def report(String file, String suite, boolean fail) {\n"
            + "  writeFile file: file, text: \"<testsuite name='${suite}' tests='1' failures='${fail ? 1 : 0}'>"
            + "<testcase classname='${suite}' name='smoke'>${fail ? '<failure message=\\'boom\\'>boom</failure>' : ''}"
            + "</testcase></testsuite>\"\n"
            + "  junit file\n"
            + "}\n";

    /** Evidence for the promotion gate itself, recorded before deploying. */
    static final String BUILD_EVIDENCE = "node { report('build.xml', 'build', false) }\n";

    static DeploymentTiersJobProperty canaryLadder(String application, String steps, String pause) {
        TierConfig production = Ladders.tier("production", "production", null);
        production.setStrategy("canary");
        production.setCanarySteps(steps);
        production.setCanaryPause(pause);
        return Ladders.property(application, List.of(production));
    }

    static DeploymentTiersJobProperty blueGreenLadder(String application, String switchMode) {
        TierConfig staging = Ladders.tier("staging", "staging", null);
        staging.setStrategy("blue-green");
        staging.setSwitchMode(switchMode);
        staging.setPreviewUrl("https://preview.example.com");
        return Ladders.property(application, List.of(staging));
    }

    /** A canary deployment whose body records a report per step, failing at the step of weight {@code failAt}. */
    static String canaryScript(String version, int failAt) {
        return REPORT_FUNCTION
                + BUILD_EVIDENCE
                + "deployTo(tier: 'production', version: '" + version + "') {\n"
                + "  node {\n"
                + "    echo \"WEIGHT=${env.DEPLOY_WEIGHT} STEP=${env.DEPLOY_STEP}/${env.DEPLOY_STEPS}"
                + " ABORT=${env.DEPLOY_ABORT}\"\n"
                + "    report(\"canary-${env.DEPLOY_STEP}.xml\", \"canary${env.DEPLOY_STEP}\","
                + " env.DEPLOY_WEIGHT == '" + failAt + "')\n"
                + "  }\n"
                + "}\n";
    }

    private WorkflowJob job(String name, DeploymentTiersJobProperty ladder, String script) throws Exception {
        return Ladders.pipeline(j, name, ladder, script);
    }

    private static List<EventType> types(String application, String tier) {
        return ApplicationLedgers.forApplication(application).events().stream()
                .filter(e -> e.tier().equals(tier))
                .filter(e -> e.type() != EventType.GATE_VERDICT)
                .map(LedgerEvent::type)
                .toList();
    }

    private static TierState state(String application, String tier) {
        return ApplicationLedgers.forApplication(application).liveState().tier(tier);
    }

    @Test
    public void aCanaryRunsTheBodyPerStepChecksEachAndGoesLiveOnlyAtTheLast() throws Exception {
        WorkflowJob p = job("shop", canaryLadder("shop", "25, 50, 100", null), canaryScript("1.0", -1));
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("WEIGHT=25 STEP=1/3 ABORT=null", b);
        j.assertLogContains("WEIGHT=50 STEP=2/3 ABORT=null", b);
        j.assertLogContains("WEIGHT=100 STEP=3/3 ABORT=null", b);
        j.assertLogContains("Using the test results the body recorded for the check of step 1 of 3 (25%): 1 tests", b);
        j.assertLogContains("1.0 is live in production: canary completed (100%)", b);
        assertThat(
                types("shop", "production"),
                contains(
                        EventType.DEPLOYMENT_STARTED,
                        EventType.CANARY_STEP_REACHED,
                        EventType.CANARY_STEP_REACHED,
                        EventType.CANARY_COMPLETED));
        LedgerEvent completed = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.CANARY_COMPLETED)
                .findFirst()
                .orElseThrow();
        assertThat("the check that admitted the last step", completed.verdict(), notNullValue());
        assertThat("with the test totals it read", completed.evidence().totals().tests(), is(1));
        assertThat(
                state("shop", "production")
                        .liveCandidate()
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("1.0"));
        assertThat(
                b.getAction(TiersRunAction.class).getDeployments().get(0).getState(),
                is(DeploymentSummary.State.SUCCEEDED));
    }

    @Test
    public void aFailedStepCheckWithdrawsTheCanaryAndTheLiveCandidateStays() throws Exception {
        WorkflowJob p = job("shop", canaryLadder("shop", "25, 50, 100", null), canaryScript("1.0", -1));
        j.buildAndAssertSuccess(p);
        p.setDefinition(new CpsFlowDefinition(canaryScript("2.0", 50), true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("WEIGHT=50 STEP=2/3 ABORT=null", b);
        j.assertLogContains("WEIGHT=0 STEP=2/3 ABORT=true", b);
        j.assertLogNotContains("WEIGHT=100", b);
        j.assertLogContains("the step check failed at step 2 of 3 (50%)", b);
        j.assertLogContains("1.0 stays live", b);
        TierState production = state("shop", "production");
        assertThat(production.liveCandidate().orElseThrow().candidate().version(), is("1.0"));
        Canary canary = production.canaryIfAny().orElseThrow();
        assertThat(canary.status(), is(Canary.Status.ABORTED));
        assertThat(canary.candidate().version(), is("2.0"));
        LedgerEvent aborted = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.CANARY_ABORTED)
                .findFirst()
                .orElseThrow();
        assertThat("the failing check is recorded with the abort", aborted.verdict(), notNullValue());
        assertThat(aborted.reason(), containsString("step 2 of 3 (50%)"));
        assertThat(
                b.getAction(TiersRunAction.class).getDeployments().get(0).getState(),
                is(DeploymentSummary.State.ABORTED));
    }

    @Test
    public void aStepThatRecordsNoTestsIsNotAPass() throws Exception {
        String script = REPORT_FUNCTION
                + BUILD_EVIDENCE
                + "deployTo(tier: 'production', version: '1.0') { echo \"W=${env.DEPLOY_WEIGHT}\" }\n";
        WorkflowJob p = job("shop", canaryLadder("shop", "10, 100", null), script);
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("No test evidence for the check of step 1 of 2 (10%)", b);
        j.assertLogContains("W=0", b);
        j.assertLogNotContains("W=100", b);
        assertThat(state("shop", "production").liveCandidate().isPresent(), is(false));
    }

    @Test
    public void anAbortDuringAPauseWithdrawsTheCanaryAtOnce() throws Exception {
        WorkflowJob p = job("shop", canaryLadder("shop", "25, 100", "1h"), canaryScript("1.0", -1));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Holding 25% for 1 hr", b);
        assertThat(
                "no executor is held while the canary pauses",
                j.jenkins.toComputer().countBusy(),
                is(0));

        ApprovalResult result = StrategyDecisionService.decide(
                p,
                "production",
                StrategyDecisionService.Decision.ABORT,
                "latency up",
                User.getById("alice", true).impersonate2(),
                Clock.systemUTC());
        assertThat(result.message(), result.accepted(), is(true));
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));

        j.assertLogContains("WEIGHT=0 STEP=1/2 ABORT=true", b);
        j.assertLogContains("latency up", b);
        j.assertLogNotContains("WEIGHT=100", b);
        List<LedgerEvent> aborts = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.CANARY_ABORTED)
                .toList();
        assertThat("recorded once, by the person", aborts.size(), is(1));
        assertThat(aborts.get(0).actor(), is("alice"));
        assertThat(state("shop", "production").liveCandidate().isPresent(), is(false));
    }

    @Test
    public void blueGreenDeploysIntoTheIdleSlotAndTierSwitchMakesItLive() throws Exception {
        String script = REPORT_FUNCTION
                + BUILD_EVIDENCE
                + "deployTo(tier: 'staging') {\n"
                + "  echo \"SLOT=${env.DEPLOY_SLOT} ACTION=${env.DEPLOY_ACTION} PREVIEW=${env.DEPLOY_PREVIEW_URL}\"\n"
                + "}\n"
                + "echo \"IDLE=${tierStatus().staging.slots.idleRole} ${tierStatus().staging.slots.idleVersion}\"\n"
                + "def s = tierSwitch(tier: 'staging') { echo \"ROUTE=${env.DEPLOY_SLOT} ${env.DEPLOY_ACTION}\" }\n"
                + "echo \"SWITCHED=${s.slot} ${s.version}\"\n";
        WorkflowJob p =
                job("shop", blueGreenLadder("shop", null), "env.VERSION = \"1.${currentBuild.number}\"\n" + script);
        WorkflowRun first = j.buildAndAssertSuccess(p);
        j.assertLogContains("SLOT=green ACTION=deploy PREVIEW=https://preview.example.com", first);
        j.assertLogContains("IDLE=awaiting switch 1.1", first);
        j.assertLogContains("ROUTE=green switch", first);
        j.assertLogContains("SWITCHED=green 1.1", first);
        assertThat(
                "one row: the deployment awaiting the switch became a deployed one",
                first.getAction(TiersRunAction.class).getDeployments().stream()
                        .map(DeploymentSummary::getState)
                        .toList(),
                contains(DeploymentSummary.State.SUCCEEDED));

        WorkflowRun second = j.buildAndAssertSuccess(p);
        j.assertLogContains("SLOT=blue ACTION=deploy", second);
        j.assertLogContains("ROUTE=blue switch", second);
        BlueGreen slots = state("shop", "staging").slotsIfAny().orElseThrow();
        assertThat(slots.describe(), is("blue active: 1.2; green idle: 1.1 previous"));

        p.setDefinition(new CpsFlowDefinition(
                "def s = tierSwitch(tier: 'staging', back: true, reason: 'checkout errors') {}\necho \"BACK=${s.version}\"",
                true));
        WorkflowRun back = j.buildAndAssertSuccess(p);
        j.assertLogContains("BACK=1.1", back);
        assertThat(
                state("shop", "staging")
                        .liveCandidate()
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("1.1"));
        LedgerEvent switchedBack = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.SWITCHED_BACK)
                .findFirst()
                .orElseThrow();
        assertThat(switchedBack.reason(), is("checkout errors"));
        assertThat(switchedBack.rolledBackFrom(), is("1.2"));

        WorkflowRun again = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("Not switched: staging: cannot switch back", again);
    }

    @Test
    public void anAutomaticSwitchNeedsItsCheckToPass() throws Exception {
        String body = "deployTo(tier: 'staging') {\n"
                + "  echo \"ACTION=${env.DEPLOY_ACTION}\"\n"
                + "  if (env.DEPLOY_ACTION == 'deploy') { node { report('preview.xml', 'preview', FAIL) } }\n"
                + "}\n";
        WorkflowJob p = job(
                "shop",
                blueGreenLadder("shop", "auto"),
                REPORT_FUNCTION + "FAIL = false\nenv.VERSION = '1.0'\n" + BUILD_EVIDENCE + body);
        WorkflowRun ok = j.buildAndAssertSuccess(p);
        j.assertLogContains("ACTION=deploy", ok);
        j.assertLogContains("ACTION=switch", ok);
        j.assertLogContains("1.0 is live in staging: traffic switched to the green slot", ok);
        LedgerEvent switched = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.SWITCHED)
                .findFirst()
                .orElseThrow();
        assertThat("the switch check is recorded with the switch", switched.verdict(), notNullValue());

        p.setDefinition(new CpsFlowDefinition(
                REPORT_FUNCTION + "FAIL = true\nenv.VERSION = '2.0'\n" + BUILD_EVIDENCE + body, true));
        WorkflowRun blocked = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("Not switched: the switch check of staging did not pass", blocked);
        j.assertLogNotContains("ACTION=switch", blocked);
        TierState staging = state("shop", "staging");
        assertThat(staging.liveCandidate().orElseThrow().candidate().version(), is("1.0"));
        assertThat(staging.slotsIfAny().orElseThrow().idleRole(), is(BlueGreen.Idle.AWAITING_SWITCH));
        LedgerEvent failed = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.SWITCH_CHECK_FAILED)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the failed switch check is recorded"));
        assertThat(failed.candidate().version(), is("2.0"));
        assertThat(failed.slot(), is("blue"));
        assertThat(failed.verdict().status(), is(io.jenkins.plugins.tiers.gate.VerdictStatus.BLOCKED));
    }

    @Test
    public void theBuildPageSwitchesWhatTheRunDeployedIntoTheIdleSlot() throws Exception {
        String script =
                REPORT_FUNCTION + BUILD_EVIDENCE + "deployTo(tier: 'staging', version: '1.0') { echo 'deployed' }\n";
        WorkflowJob p = job("shop", blueGreenLadder("shop", null), script);
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("not live until someone switches", b);
        assertThat(
                b.getAction(TiersRunAction.class).getDeployments().get(0).getState(),
                is(DeploymentSummary.State.AWAITING_SWITCH));
        assertThat(state("shop", "staging").liveCandidate().isPresent(), is(false));

        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        JenkinsRule.WebClient wc = j.createWebClient().login("alice");
        HtmlPage page = wc.getPage(b, "deployment-tiers/");
        assertThat(page.asNormalizedText(), containsString("green idle: 1.0 awaiting switch"));
        HtmlForm form = page.getFormByName("strategy-staging");
        HtmlButton switchButton = form.getButtonsByName("decision").get(0);
        assertThat(switchButton.getValueAttribute(), is("switch"));
        switchButton.click();
        assertThat(
                state("shop", "staging")
                        .liveCandidate()
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("1.0"));
    }

    @Test
    public void resultsAParallelBranchRecordsDuringAStepAreNotItsEvidence() throws Exception {
        String script = REPORT_FUNCTION
                + BUILD_EVIDENCE
                + "parallel canary: {\n"
                + "  deployTo(tier: 'production', version: '1.0') { echo \"W=${env.DEPLOY_WEIGHT}\"; sleep 4 }\n"
                + "}, other: {\n"
                + "  node { sleep 1; report('other.xml', 'other', false) }\n"
                + "}\n";
        WorkflowJob p = job("shop", canaryLadder("shop", "10, 100", null), script);
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("No test evidence for the check of step 1 of 2 (10%)", b);
        j.assertLogNotContains("W=100", b);
        assertThat(state("shop", "production").liveCandidate().isPresent(), is(false));
    }

    @Test
    public void stoppingTheBuildDuringAPauseRecordsTheCanaryAsAborted() throws Exception {
        WorkflowJob p = job("shop", canaryLadder("shop", "25, 100", "1h"), canaryScript("1.0", -1));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Holding 25% for 1 hr", b);
        b.doStop();
        j.waitForCompletion(b);

        Canary canary = state("shop", "production").canaryIfAny().orElseThrow();
        assertThat(canary.status(), is(Canary.Status.ABORTED));
        assertThat(canary.reason(), containsString("the build was stopped"));
        assertThat(canary.reason(), containsString("check it by hand"));
        assertThat(state("shop", "production").liveCandidate().isPresent(), is(false));
    }

    @Test
    public void aCanaryLeftUnfinishedIsWithdrawnBeforeTheNextStarts() throws Exception {
        WorkflowJob p = job("shop", canaryLadder("shop", "25, 100", null), canaryScript("2.0", -1));
        // an earlier controller died with 1.9 at 25%: no completion or abort was recorded
        io.jenkins.plugins.tiers.model.Candidate old = new io.jenkins.plugins.tiers.model.Candidate(
                "1.9", new io.jenkins.plugins.tiers.model.BuildRef("shop", 99), null, java.time.Instant.now());
        List<Integer> steps = List.of(25, 100);
        ApplicationLedgers.forApplication("shop")
                .append(LedgerEvent.canaryStarted("shop", "production", old, "gone", java.time.Instant.now(), steps));
        ApplicationLedgers.forApplication("shop")
                .append(LedgerEvent.canaryStepReached(
                        "shop", "production", old, "gone", java.time.Instant.now(), 1, steps));
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("The canary of 1.9 in production was left unfinished at 25% (step 1 of 2)", b);
        String log = JenkinsRule.getLog(b);
        assertThat(
                "withdrawn before the first step of the new canary",
                log.indexOf("WEIGHT=0 STEP=1/2 ABORT=true") < log.indexOf("WEIGHT=25 STEP=1/2 ABORT=null"),
                is(true));
        List<LedgerEvent> aborts = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.CANARY_ABORTED)
                .toList();
        assertThat(aborts.size(), is(1));
        assertThat(aborts.get(0).candidate().version(), is("1.9"));
        assertThat(aborts.get(0).reason(), containsString("abandoned at step 1 of 2"));
        assertThat(
                state("shop", "production")
                        .liveCandidate()
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("2.0"));
    }

    private WorkflowRun waitingForApprovalAtTheFirstStep() throws Exception {
        DeploymentTiersJobProperty ladder = canaryLadder("shop", "25, 100", null);
        ladder.getTiers().get(0).setCanaryApproveAt("25");
        WorkflowJob p = job("shop", ladder, canaryScript("1.0", -1));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("The canary of 1.0 in production waits at step 1 of 2 (25%) for 1 approval(s) from anyone", b);
        assertThat("no executor is held while waiting", j.jenkins.toComputer().countBusy(), is(0));
        return b;
    }

    private static ApprovalResult answer(
            WorkflowRun b, StrategyDecisionService.Decision decision, String who, String comment) {
        return StrategyDecisionService.decide(
                b.getParent(),
                "production",
                decision,
                comment,
                User.getById(who, true).impersonate2(),
                Clock.systemUTC());
    }

    @Test
    public void aCanaryWaitsAtItsApprovalStepAndGoesOnOnceApproved() throws Exception {
        WorkflowRun b = waitingForApprovalAtTheFirstStep();
        j.assertLogNotContains("WEIGHT=100", b);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> canary =
                (java.util.Map<String, Object>) ((java.util.Map<String, Object>) TierStatusStep.toMap(
                                        ApplicationLedgers.forApplication("shop")
                                                .liveState(),
                                        List.of("production"))
                                .get("production"))
                        .get("canary");
        assertThat(canary.get("version"), is("1.0"));
        assertThat(canary.get("status"), is("in progress"));
        assertThat(canary.get("weight"), is(25));
        assertThat(canary.get("step"), is(1));

        ApprovalResult approved = answer(b, StrategyDecisionService.Decision.APPROVE_STEP, "alice", null);
        assertThat(approved.message(), approved.accepted(), is(true));
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("approved at step 1 of 2 (25%) by alice", b);
        j.assertLogContains("WEIGHT=100 STEP=2/2", b);
        LedgerEvent approval = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.APPROVAL)
                .findFirst()
                .orElseThrow();
        assertThat(approval.isStepApproval(), is(true));
        assertThat(approval.step(), is(1));
        LedgerEvent completed = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.CANARY_COMPLETED)
                .findFirst()
                .orElseThrow();
        assertThat(
                "the approval goes with the check into the next step",
                completed.verdict().findings().stream().anyMatch(f -> f.rule().equals("approveAt")),
                is(true));
    }

    @Test
    public void aRefusalAtTheApprovalStepWithdrawsTheCanary() throws Exception {
        WorkflowRun b = waitingForApprovalAtTheFirstStep();

        ApprovalResult refused = answer(b, StrategyDecisionService.Decision.REFUSE_STEP, "bob", "latency doubled");
        assertThat(refused.message(), refused.accepted(), is(true));
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("refused at step 1 of 2 (25%) by bob: latency doubled", b);
        j.assertLogContains("WEIGHT=0 STEP=1/2 ABORT=true", b);
        j.assertLogNotContains("WEIGHT=100", b);
        LedgerEvent aborted = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.CANARY_ABORTED)
                .findFirst()
                .orElseThrow();
        assertThat(aborted.verdict(), notNullValue());
        assertThat(state("shop", "production").liveCandidate().isPresent(), is(false));

        ApprovalResult late = answer(b, StrategyDecisionService.Decision.APPROVE_STEP, "alice", null);
        assertThat(late.accepted(), is(false));
        assertThat(late.message(), containsString("No canary waits at the 25% step of production"));
    }
}
