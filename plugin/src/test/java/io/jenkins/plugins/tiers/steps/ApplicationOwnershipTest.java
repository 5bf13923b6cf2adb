package io.jenkins.plugins.tiers.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.NamedLadder;
import io.jenkins.plugins.tiers.config.NamedLaddersConfiguration;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.security.TiersPermissions;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockFolder;

/**
 * Only an application's owner writes into its ledger, answers its approvals and reads it: the jobs
 * its named ladder allows, or the one job of an ad-hoc application. Each test is one way around it
 * that a job naming someone else's application used to have.
 */
public class ApplicationOwnershipTest {

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    /** dev, then prod behind {@code prodGate}; owns {@code shop}, allows the jobs of folder {@code shop}. */
    private static NamedLadder shopLadder(String allowedJobs) {
        NamedLadder ladder = new NamedLadder("shop-ladder");
        ladder.setTiers(List.of(
                Ladders.tier("dev", "development", null),
                Ladders.tier("prod", "production", Ladders.approvalGate("1"))));
        ladder.setApplications("shop");
        ladder.setAllowedJobs(allowedJobs);
        return ladder;
    }

    private static DeploymentTiersJobProperty usesLadder(String application) {
        DeploymentTiersJobProperty property = new DeploymentTiersJobProperty();
        property.setLadderName("shop-ladder");
        property.setApplication(application);
        return property;
    }

    private static String deployDev(String version) {
        return "node {\n" + Ladders.writeReport(Ladders.passingReport())
                + "  deployTo(tier: 'dev', version: '" + version + "', tests: 'reports/*.xml') { echo 'deployed' }\n"
                + "}\n";
    }

    private static WorkflowJob pipeline(
            MockFolder folder, String name, DeploymentTiersJobProperty ladder, String script) throws Exception {
        WorkflowJob p = folder.createProject(WorkflowJob.class, name);
        p.addProperty(ladder);
        p.setDefinition(new org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition(script, true));
        return p;
    }

    private static List<String> versionsIn(String application) {
        return ApplicationLedgers.forApplication(application).events().stream()
                .map(LedgerEvent::version)
                .distinct()
                .toList();
    }

    @Test
    public void aJobTheNamedLadderDoesNotAllowNeitherWritesNorReadsItsApplication() throws Exception {
        NamedLaddersConfiguration.get().setLadders(List.of(shopLadder("shop/*")));
        MockFolder shop = j.createFolder("shop");
        j.buildAndAssertSuccess(pipeline(shop, "build", usesLadder("shop"), deployDev("1.0")));

        WorkflowJob mallory = Ladders.pipeline(j, "mallory", usesLadder("shop"), deployDev("999.0"));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, mallory);
        j.assertLogContains("which does not allow the job", b);
        j.assertLogNotContains("deployed", b);
        assertThat(versionsIn("shop"), is(List.of("1.0")));

        JSONObject api = j.getJSON("job/mallory/tiers/api/json").getJSONObject();
        assertThat(api.getString("problem"), containsString("does not allow the job"));
        assertThat(api.getJSONArray("tiers").isEmpty(), is(true));
        assertThat(api.getJSONArray("candidates").isEmpty(), is(true));
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        assertThat(
                wc.goTo("job/mallory/tiers/audit?version=1.0", null)
                        .getWebResponse()
                        .getStatusCode(),
                is(404));
    }

    @Test
    public void aJobCannotReplaceTheTiersOfAnApplicationANamedLadderOwns() throws Exception {
        NamedLaddersConfiguration.get().setLadders(List.of(shopLadder("shop/*")));
        MockFolder shop = j.createFolder("shop");
        // What properties([deploymentTiers(application: 'shop', tiers: [...])]) in a Jenkinsfile sets.
        DeploymentTiersJobProperty own =
                Ladders.property("shop", List.of(new TierConfig("dev"), new TierConfig("prod")));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, pipeline(shop, "build", own, deployDev("1.0")));
        j.assertLogContains("a job cannot replace its tiers", b);
        assertThat(versionsIn("shop"), is(empty()));
    }

    @Test
    public void anAdHocApplicationBelongsToTheJobOfItsName() throws Exception {
        List<TierConfig> tiers = List.of(Ladders.tier("dev", "development", null));
        j.buildAndAssertSuccess(Ladders.pipeline(j, "cart", Ladders.property(null, tiers), deployDev("1.0")));

        WorkflowRun b = j.buildAndAssertStatus(
                Result.FAILURE, Ladders.pipeline(j, "mallory", Ladders.property("cart", tiers), deployDev("999.0")));
        j.assertLogContains("belongs to the job of that name", b);
        assertThat(versionsIn("cart"), is(List.of("1.0")));
    }

    @Test
    public void jobsShareAnApplicationOnlyThroughANamedLadderThatOwnsIt() throws Exception {
        List<TierConfig> tiers = List.of(Ladders.tier("dev", "development", null));
        WorkflowJob a = Ladders.pipeline(j, "basket-a", Ladders.property("basket", tiers), deployDev("1.0"));
        WorkflowJob b = Ladders.pipeline(j, "basket-b", Ladders.property("basket", tiers), deployDev("2.0"));
        j.assertLogContains("is named by several jobs", j.buildAndAssertStatus(Result.FAILURE, a));
        j.assertLogContains("is named by several jobs", j.buildAndAssertStatus(Result.FAILURE, b));
        assertThat(versionsIn("basket"), is(empty()));

        NamedLadder basket = new NamedLadder("basket-ladder");
        basket.setTiers(tiers);
        basket.setApplications("basket");
        basket.setAllowedJobs("basket-a, basket-b");
        NamedLaddersConfiguration.get().setLadders(List.of(basket));
        for (WorkflowJob job : List.of(a, b)) {
            DeploymentTiersJobProperty named = new DeploymentTiersJobProperty();
            named.setLadderName("basket-ladder");
            named.setApplication("basket");
            job.removeProperty(DeploymentTiersJobProperty.class);
            job.addProperty(named);
            j.buildAndAssertSuccess(job);
        }
        assertThat(versionsIn("basket"), is(List.of("1.0", "2.0")));
    }

    @Test
    public void answeringAnotherJobsWaitingRunNeedsPromoteOnThatJob() throws Exception {
        NamedLaddersConfiguration.get().setLadders(List.of(shopLadder("shop-*")));
        WorkflowJob waiting = Ladders.pipeline(
                j,
                "shop-a",
                usesLadder("shop"),
                "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "  junit 'reports/*.xml'\n"
                        + "  deployTo(tier: 'dev', version: '1.0') { echo 'dev' }\n"
                        + "}\n"
                        + "tierGate(tier: 'prod', version: '1.0')\n");
        WorkflowJob other = Ladders.pipeline(j, "shop-b", usesLadder("shop"), "echo 'nothing'");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .toEveryone()
                .grant(TiersPermissions.PROMOTE)
                .onItems(other)
                .to("bob"));
        WorkflowRun run = waiting.scheduleBuild2(0).waitForStart();
        j.waitForMessage("The gate of prod waits for 1.0", run);

        JenkinsRule.WebClient bob = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        bob.login("bob");
        WebRequest post = new WebRequest(bob.createCrumbedUrl("job/shop-b/tiers/decide"), HttpMethod.POST);
        post.setRequestParameters(List.of(
                new NameValuePair("tier", "prod"),
                new NameValuePair("version", "1.0"),
                new NameValuePair("decision", "approve")));
        assertThat(bob.loadWebResponse(post).getStatusCode(), is(409));
        assertThat(
                ApplicationLedgers.forApplication("shop")
                        .candidate("1.0")
                        .orElseThrow()
                        .approvals("prod"),
                is(empty()));
        assertThat(run.isBuilding(), is(true));
        run.doStop();
        j.waitForCompletion(run);
    }
}
