package io.jenkins.plugins.tiers.view;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.model.Item;
import io.jenkins.plugins.tiers.security.TiersPermissions;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import jenkins.model.Jenkins;
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
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class ApprovalButtonTest {

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    /** A Pipeline job that deploys 1.0 to dev and then waits at prod for one approval. */
    private WorkflowJob waitingJob() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "shop-build");
        p.addProperty(TiersJobActionTest.shopLadder());
        String report = "<testsuite name='shop.CartTest' tests='2' failures='0' errors='0' skipped='0'>"
                + "<testcase classname='shop.CartTest' name='adds'/><testcase classname='shop.CartTest' name='totals'/>"
                + "</testsuite>";
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  writeFile file: 'reports/TEST-shop.CartTest.xml', text: \"" + report + "\"\n"
                        + "  junit 'reports/*.xml'\n"
                        + "  deployTo(tier: 'dev', version: '1.0') { echo 'dev' }\n"
                        + "}\n"
                        + "tierGate(tier: 'prod', version: '1.0')\n"
                        + "echo 'promoted'\n",
                true));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, TiersPermissions.PROMOTE)
                .everywhere()
                .to("manager")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
        return p;
    }

    private WorkflowRun startAndWait(WorkflowJob p) throws Exception {
        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("The gate of prod waits for 1.0", run);
        assertThat(run.isBuilding(), is(true));
        return run;
    }

    @Test
    public void approvingThroughTheButtonResumesTheWaitingPipeline() throws Exception {
        WorkflowJob p = waitingJob();
        WorkflowRun run = startAndWait(p);

        JenkinsRule.WebClient wc = j.createWebClient();
        wc.login("manager");
        HtmlPage page = wc.getPage(p, "tiers/");
        assertThat(page.getWebResponse().getContentAsString(), containsString("Comment (optional)"));
        HtmlForm form = page.getFormByName("decide-prod-0");
        form.getInputByName("comment").setValue("looks good");
        HtmlButton approve = form.getButtonsByName("decision").stream()
                .filter(b -> b.getValueAttribute().equals("approve"))
                .findFirst()
                .orElseThrow();
        HtmlPage after = approve.click();
        assertThat(after.getUrl().toString(), endsWith("/job/shop-build/tiers/"));

        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("promoted", run);
        assertThat(
                ApplicationLedgers.forApplication("shop")
                        .candidate("1.0")
                        .orElseThrow()
                        .approvals("prod")
                        .get(0)
                        .person(),
                is("manager"));
    }

    @Test
    public void theBuildPageOffersTheFormsOnlyToPromotersWhileTheRunWaits() throws Exception {
        WorkflowJob p = waitingJob();
        WorkflowRun run = startAndWait(p);

        JenkinsRule.WebClient reader = j.createWebClient();
        reader.login("reader");
        HtmlPage seen = reader.getPage(run, "deployment-tiers/");
        assertThat(seen.getWebResponse().getContentAsString(), containsString("Waiting for approval at Production"));
        assertThat(seen.getForms().stream().anyMatch(f -> f.getNameAttribute().equals("approve-prod")), is(false));

        JenkinsRule.WebClient manager = j.createWebClient();
        manager.login("manager");
        HtmlPage page = manager.getPage(run, "deployment-tiers/");
        HtmlForm form = page.getFormByName("approve-prod");
        form.getInputByName("comment").setValue("ship it");
        HtmlPage after = j.submit(form);
        // Back on the page the form came from, not on a bare text answer.
        assertThat(after.getUrl().toString(), endsWith(run.getUrl() + "deployment-tiers/"));

        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        HtmlPage ended = manager.getPage(run, "deployment-tiers/");
        assertThat(ended.getForms().stream().anyMatch(f -> f.getNameAttribute().startsWith("approve-")), is(false));
        assertThat(ended.getWebResponse().getContentAsString(), not(containsString("Waiting for approval at")));
    }
}
