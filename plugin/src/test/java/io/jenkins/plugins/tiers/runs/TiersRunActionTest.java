package io.jenkins.plugins.tiers.runs;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class TiersRunActionTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private FreeStyleBuild build;

    /** A run of a job whose tier "prod" is named "Production" passed its gate and deployed there. */
    @Before
    public void runThatDeployed() throws Exception {
        TierConfig dev = new TierConfig("dev");
        TierConfig prod = new TierConfig("prod");
        prod.setKind("production");
        prod.setDisplayName("Production");
        DeploymentTiersJobProperty property = new DeploymentTiersJobProperty();
        property.setApplication("shop");
        property.setTiers(List.of(dev, prod));
        FreeStyleProject p = j.createFreeStyleProject("shop-build");
        p.addProperty(property);
        build = j.buildAndAssertSuccess(p);
        Candidate candidate = new Candidate("1.0", new BuildRef("shop-build", 1), null, null);
        Verdict passed = new Verdict("shop", "prod", candidate, List.of(), Map.of(), Instant.now());
        ApplicationLedgers.forApplication("shop")
                .append(LedgerEvent.verdict(passed, null, build.getExternalizableId()));
        TiersRunAction action = TiersRunAction.of(build, "shop");
        action.add(passed);
        long now = System.currentTimeMillis();
        action.deploymentStarted("prod", candidate, now);
        action.deploymentFinished("prod", candidate, TiersRunAction.DeploymentSummary.State.SUCCEEDED, now);
    }

    @Test
    public void buildSummaryShowsTierNamesAndTheWordsOfTheOtherViews() throws Exception {
        String html = j.createWebClient().getPage(build).getWebResponse().getContentAsString();
        assertThat(html, containsString("Gate <strong>Production</strong> for 1.0: passed"));
        assertThat(html, containsString("Deployment into <strong>Production</strong> of 1.0: deployed"));
        assertThat(html, not(containsString("<strong>prod</strong>")));
        assertThat(html, not(containsString("PASSED")));
        assertThat(html, not(containsString("SUCCEEDED")));
    }

    @Test
    public void tiersPageShowsTierNamesAndTheWordsOfTheOtherViews() throws Exception {
        String html = j.createWebClient()
                .getPage(build, "deployment-tiers/")
                .getWebResponse()
                .getContentAsString();
        assertThat(html, containsString("Gate of Production for 1.0: passed"));
        assertThat(html, containsString("<td>Production</td>"));
        assertThat(html, containsString("<td>deployed</td>"));
        assertThat(html, not(containsString("PASSED")));
        assertThat(html, not(containsString("SUCCEEDED")));
    }
}
