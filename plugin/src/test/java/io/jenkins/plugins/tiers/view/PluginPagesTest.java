package io.jenkins.plugins.tiers.view;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.tiers.config.NamedLadder;
import io.jenkins.plugins.tiers.config.NamedLaddersConfiguration;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Every page and form the plugin contributes, loaded as a browser would (HtmlUnit with JavaScript
 * on): a status other than 200, a Jelly error or a script error fails the test.
 */
public class PluginPagesTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    /** A job with the ladder of the view tests, one run that deployed to dev, then the history of the view tests. */
    private WorkflowJob job() throws Exception {
        NamedLadder standard = new NamedLadder("standard");
        TierConfig dev = new TierConfig("dev");
        standard.setTiers(List.of(dev));
        NamedLaddersConfiguration.get().setLadders(List.of(standard));
        WorkflowJob p = j.createProject(WorkflowJob.class, "shop-build");
        p.addProperty(TiersJobActionTest.shopLadder());
        String report = "<testsuite name='shop.CartTest' tests='1' failures='0' errors='0' skipped='0'>"
                + "<testcase classname='shop.CartTest' name='adds'/></testsuite>";
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  writeFile file: 'reports/TEST-shop.CartTest.xml', text: \"" + report + "\"\n"
                        + "  deployTo(tier: 'dev', version: '2.0', tests: 'reports/*.xml') { echo 'dev' }\n"
                        + "}\n",
                true));
        j.buildAndAssertSuccess(p);
        // Then the view tests' history: hostile text, a blocked candidate, one waiting at prod.
        TiersJobActionTest.history(ApplicationLedgers.forApplication("shop"));
        return p;
    }

    private static JenkinsRule.WebClient browser(JenkinsRule j) {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setJavaScriptEnabled(true);
        wc.getOptions().setThrowExceptionOnScriptError(true);
        wc.getOptions().setThrowExceptionOnFailingStatusCode(true);
        return wc;
    }

    private static void assertClean(Page page) {
        assertThat(page.getWebResponse().getStatusCode(), is(200));
        String text = page.getWebResponse().getContentAsString();
        assertThat(text, not(containsString("JellyException")));
        assertThat(text, not(containsString("Unable to create expression")));
    }

    @Test
    public void everyPageAndFormLoadsWithoutError() throws Exception {
        WorkflowJob p = job();
        WorkflowRun run = p.getLastBuild();
        JenkinsRule.WebClient wc = browser(j);
        List<String> pages = new ArrayList<>(List.of(
                p.getUrl(),
                p.getUrl() + "tiers/",
                p.getUrl() + "tiers/?window=30d&tier=prod&q=1.0",
                p.getUrl() + "configure",
                run.getUrl(),
                run.getUrl() + "deployment-tiers/",
                "tiers/",
                "configure"));
        for (String url : pages) {
            HtmlPage page = wc.goTo(url);
            wc.waitForBackgroundJavaScript(2000);
            assertClean(page);
        }
        assertClean(wc.goTo(p.getUrl() + "tiers/api/json", "application/json"));
        assertClean(wc.goTo(p.getUrl() + "tiers/audit?version=1.0", "application/json"));
    }

    @Test
    public void snippetGeneratorRendersEveryStepForm() throws Exception {
        WorkflowJob p = job();
        JenkinsRule.WebClient wc = browser(j);
        for (String symbol : List.of("deployTo", "tierGate", "tierStatus")) {
            HtmlPage page = wc.getPage(p, "pipeline-syntax/");
            HtmlSelect steps = page.querySelector("select.dropdownList");
            HtmlOption option = steps.getOptions().stream()
                    .filter(o -> o.getText().startsWith(symbol + ":"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + symbol + " in the Snippet Generator"));
            steps.setSelectedAttribute(option, true);
            wc.waitForBackgroundJavaScript(5000);
            String html = page.getBody().asXml();
            assertThat(html, not(containsString("JellyException")));
            assertThat(html, not(containsString("This step has not yet defined any visual configuration")));
            if (symbol.equals("tierGate")) {
                assertThat(html, containsString("Minimum pass rate (%)"));
            }
        }
    }

    @Test
    public void directiveGeneratorRendersTheProperty() throws Exception {
        Assume.assumeTrue(
                "needs the pipeline-model-definition plugin", j.jenkins.getPlugin("pipeline-model-definition") != null);
        WorkflowJob p = job();
        JenkinsRule.WebClient wc = browser(j);
        HtmlPage page = wc.getPage(p, "directive-generator/");
        assertClean(page);
        HtmlSelect directives = page.querySelector("select.dropdownList");
        HtmlOption options = directives.getOptions().stream()
                .filter(o -> o.getText().startsWith("options:"))
                .findFirst()
                .orElseThrow();
        directives.setSelectedAttribute(options, true);
        wc.waitForBackgroundJavaScript(5000);
        assertThat(page.getBody().asXml(), not(containsString("JellyException")));
    }
}
