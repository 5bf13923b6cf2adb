package io.jenkins.plugins.tiers.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import hudson.model.Items;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.NamedLadder;
import io.jenkins.plugins.tiers.config.NamedLaddersConfiguration;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.Candidate;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;

public class LedgerRenameListenerTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static DeploymentTiersJobProperty ownLadder(String application) {
        TierConfig dev = new TierConfig("dev");
        dev.setKind("development");
        DeploymentTiersJobProperty property = new DeploymentTiersJobProperty();
        if (application != null) {
            property.setApplication(application);
        }
        property.setTiers(List.of(dev));
        return property;
    }

    private static void deployed(String application, String version) {
        ApplicationLedgers.forApplication(application)
                .append(LedgerEvent.deploymentSucceeded(
                        application, "dev", Candidate.of(version), "test", Instant.parse("2026-11-20T10:00:00Z")));
    }

    @Test
    public void aRenamedJobKeepsTheHistoryOfItsDefaultApplication() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "shop");
        p.addProperty(ownLadder(null));
        deployed("shop", "1.0");

        p.renameTo("shop-renamed");

        assertThat(
                ApplicationLedgers.forApplication("shop-renamed")
                        .liveState()
                        .live("dev")
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("1.0"));
        assertThat(ApplicationLedgers.exists("shop"), is(false));
    }

    @Test
    public void aJobMovedIntoAFolderKeepsItsHistory() throws Exception {
        MockFolder team = j.createFolder("team");
        WorkflowJob p = j.createProject(WorkflowJob.class, "cart");
        p.addProperty(ownLadder(null));
        deployed("cart", "2.0");

        Items.move(p, team);

        assertThat(
                ApplicationLedgers.forApplication("team/cart")
                        .liveState()
                        .live("dev")
                        .isPresent(),
                is(true));
    }

    @Test
    public void aNamedApplicationIsNotMoved() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "web");
        p.addProperty(ownLadder("storefront"));
        deployed("storefront", "3.0");

        p.renameTo("web2");

        assertThat(
                ApplicationLedgers.forApplication("storefront")
                        .liveState()
                        .live("dev")
                        .isPresent(),
                is(true));
        assertThat(ApplicationLedgers.exists("web2"), is(false));
    }

    @Test
    public void aJobWhoseNamedLadderWasRemovedStillKeepsItsHistory() throws Exception {
        NamedLadder standard = new NamedLadder("standard");
        TierConfig dev = new TierConfig("dev");
        dev.setKind("development");
        standard.setTiers(List.of(dev));
        NamedLaddersConfiguration.get().setLadders(List.of(standard));
        WorkflowJob p = j.createProject(WorkflowJob.class, "basket");
        DeploymentTiersJobProperty property = new DeploymentTiersJobProperty();
        property.setLadderName("standard");
        p.addProperty(property);
        deployed("basket", "4.0");
        // The administrator removes the ladder: the job's steps now fail closed, but it still owns its history.
        NamedLaddersConfiguration.get().setLadders(List.of());

        p.renameTo("basket2");

        assertThat(ApplicationLedgers.exists("basket2"), is(true));
        assertThat(ApplicationLedgers.exists("basket"), is(false));
        assertThat(
                ApplicationLedgers.forApplication("basket2")
                        .liveState()
                        .live("dev")
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("4.0"));
    }

    /** A scripted Pipeline deploying {@code version} into dev on a passing report. */
    private static String deployToDev(String version) {
        return "node {\n"
                + "writeFile file: 'reports/TEST-shop.CartTest.xml', text: "
                + "'<testsuite name=\"shop.CartTest\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">"
                + "<testcase classname=\"shop.CartTest\" name=\"adds\"/>"
                + "</testsuite>'\n"
                + "deployTo(tier: 'dev', version: '" + version + "', tests: 'reports/*.xml') { echo 'deploying' }\n"
                + "}\n";
    }

    @Test
    public void aRenamedJobDeploysAgainIntoTheHistoryItTookAlong() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "shop");
        p.addProperty(ownLadder(null));
        p.setDefinition(new CpsFlowDefinition(deployToDev("1.0"), true));
        j.buildAndAssertSuccess(p);

        p.renameTo("shop-renamed");
        p.setDefinition(new CpsFlowDefinition(deployToDev("1.1"), true));
        j.buildAndAssertSuccess(p);

        var ledger = ApplicationLedgers.forApplication("shop-renamed");
        assertThat(ledger.liveState().live("dev").orElseThrow().candidate().version(), is("1.1"));
        assertThat(
                ledger.lastCandidates(10).stream().map(CandidatePath::version).toList(), contains("1.1", "1.0"));
        // the history the job took along is the renamed application's: no event still says "shop"
        assertThat(ledger.events().stream().map(LedgerEvent::application).toList(), everyItem(is("shop-renamed")));
        assertThat(ApplicationLedgers.exists("shop"), is(false));
    }
}
