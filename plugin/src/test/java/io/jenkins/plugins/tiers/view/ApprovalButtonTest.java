package io.jenkins.plugins.tiers.view;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

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

    @Test
    public void approvingThroughTheButtonResumesTheWaitingPipeline() throws Exception {
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
                .to("manager"));
        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        for (int i = 0;
                i < 300
                        && ApplicationLedgers.forApplication("shop")
                                .liveState()
                                .tier("prod")
                                .waiting()
                                .isEmpty();
                i++) {
            Thread.sleep(100);
        }
        assertThat(run.isBuilding(), is(true));

        JenkinsRule.WebClient wc = j.createWebClient();
        wc.login("manager");
        HtmlPage page = wc.getPage(p, "tiers/");
        HtmlForm form = page.getFormByName("decide-prod-0");
        form.getInputByName("comment").setValue("looks good");
        HtmlButton approve = form.getButtonsByName("decision").stream()
                .filter(b -> b.getValueAttribute().equals("approve"))
                .findFirst()
                .orElseThrow();
        approve.click();

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
}
