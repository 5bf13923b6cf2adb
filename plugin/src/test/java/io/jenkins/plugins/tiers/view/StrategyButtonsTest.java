package io.jenkins.plugins.tiers.view;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import hudson.model.Item;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.security.TiersPermissions;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import io.jenkins.plugins.tiers.strategy.Canary;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** The Switch, Switch back and Abort buttons of the promotion view: POST, crumb, Promote permission, state machines. */
public class StrategyButtonsTest {

    private static final List<Integer> STEPS = List.of(10, 50, 100);

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private WorkflowJob p;

    private static Candidate candidate(String version, int build) {
        return new Candidate(
                version, new BuildRef("shop", build), "abc" + build, Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Before
    public void shopWithStrategies() throws Exception {
        TierConfig staging = new TierConfig("staging");
        staging.setKind("staging");
        staging.setStrategy("blue-green");
        TierConfig production = new TierConfig("production");
        production.setKind("production");
        production.setStrategy("canary");
        production.setCanarySteps("10, 50, 100");
        DeploymentTiersJobProperty ladder = new DeploymentTiersJobProperty();
        ladder.setApplication("shop");
        ladder.setTiers(List.of(staging, production));
        p = j.createProject(WorkflowJob.class, "shop");
        p.addProperty(ladder);
        Ledger ledger = ApplicationLedgers.forApplication("shop");
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        ledger.append(LedgerEvent.slotDeployed("shop", "staging", candidate("1.0", 1), "ci", t, "green"));
        ledger.append(LedgerEvent.switched("shop", "staging", candidate("1.0", 1), "ci", t.plusSeconds(1), "green"));
        ledger.append(LedgerEvent.slotDeploymentStarted(
                "shop", "staging", candidate("1.1", 2), "ci", t.plusSeconds(2), "blue"));
        ledger.append(LedgerEvent.slotDeployed("shop", "staging", candidate("1.1", 2), "ci", t.plusSeconds(3), "blue"));
        ledger.append(
                LedgerEvent.canaryStarted("shop", "production", candidate("1.0", 1), "ci", t.plusSeconds(4), STEPS));
        ledger.append(LedgerEvent.canaryStepReached(
                "shop", "production", candidate("1.0", 1), "ci", t.plusSeconds(5), 1, STEPS));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, TiersPermissions.PROMOTE)
                .everywhere()
                .to("manager")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
    }

    private static HtmlButton button(HtmlForm form, String decision) {
        return form.getButtonsByName("decision").stream()
                .filter(b -> b.getValueAttribute().equals(decision))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + decision + " button"));
    }

    @Test
    public void aManagerSwitchesThenSwitchesBackThenAbortsTheCanary() throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().login("manager");
        HtmlPage page = wc.getPage(p, "tiers/");
        assertThat(page.asNormalizedText(), containsString("blue idle: 1.1 awaiting switch"));
        HtmlForm staging = page.getFormByName("strategy-staging");
        assertThat(
                "no switch back before a switch",
                staging.getButtonsByName("decision").size(),
                is(1));

        page = button(staging, "switch").click();
        Ledger ledger = ApplicationLedgers.forApplication("shop");
        assertThat(ledger.liveState().live("staging").orElseThrow().candidate().version(), is("1.1"));
        LedgerEvent switched = ledger.events().get(ledger.events().size() - 1);
        assertThat(switched.type(), is(EventType.SWITCHED));
        assertThat(switched.actor(), is("manager"));

        staging = page.getFormByName("strategy-staging");
        staging.getInputByName("reason").setValue("500s on checkout");
        page = button(staging, "switch-back").click();
        assertThat(ledger.liveState().live("staging").orElseThrow().candidate().version(), is("1.0"));
        LedgerEvent back = ledger.events().get(ledger.events().size() - 1);
        assertThat(back.type(), is(EventType.SWITCHED_BACK));
        assertThat(back.reason(), is("500s on checkout"));

        HtmlForm production = page.getFormByName("strategy-production");
        page = button(production, "abort").click();
        Canary canary = ledger.liveState().tier("production").canaryIfAny().orElseThrow();
        assertThat(canary.status(), is(Canary.Status.ABORTED));
        assertThat(canary.reason(), is("aborted by manager"));
        assertThat(page.asNormalizedText(), containsString("canary aborted at step 1 of 3"));
    }

    @Test
    public void refusedTransitionsReadersAndGetsChangeNothing() throws Exception {
        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        HtmlPage page = reader.getPage(p, "tiers/");
        assertThat(
                "no buttons without Promote",
                page.getForms().stream().anyMatch(f -> f.getNameAttribute().startsWith("strategy-")),
                is(false));
        int events = ApplicationLedgers.forApplication("shop").events().size();

        reader.setThrowExceptionOnFailingStatusCode(false);
        WebRequest post = new WebRequest(
                new URL(j.getURL(), "job/shop/tiers/strategy?tier=staging&decision=switch"), HttpMethod.POST);
        assertThat(reader.getPage(reader.addCrumb(post)).getWebResponse().getStatusCode(), is(403));

        JenkinsRule.WebClient manager = j.createWebClient().login("manager");
        manager.setThrowExceptionOnFailingStatusCode(false);
        WebRequest get = new WebRequest(new URL(j.getURL(), "job/shop/tiers/strategy?tier=staging&decision=switch"));
        assertThat(manager.getPage(get).getWebResponse().getStatusCode(), is(405));
        WebRequest noCrumb = new WebRequest(
                new URL(j.getURL(), "job/shop/tiers/strategy?tier=staging&decision=switch"), HttpMethod.POST);
        assertThat(manager.getPage(noCrumb).getWebResponse().getStatusCode(), is(403));

        // switching back before any switch, aborting a blue-green tier, switching a canary tier: refused with reasons
        assertRefused(manager, "tier=staging&decision=switch-back", 409, "cannot switch back");
        assertRefused(manager, "tier=staging&decision=abort", 409, "only a canary tier");
        assertRefused(manager, "tier=production&decision=switch", 409, "only a blue-green tier");
        assertRefused(manager, "tier=staging&decision=promote", 400, "switch, switch-back, abort");
        assertThat(ApplicationLedgers.forApplication("shop").events().size(), is(events));
    }

    private void assertRefused(JenkinsRule.WebClient wc, String query, int status, String message) throws Exception {
        WebRequest post = new WebRequest(new URL(j.getURL(), "job/shop/tiers/strategy?" + query), HttpMethod.POST);
        var response = wc.getPage(wc.addCrumb(post)).getWebResponse();
        assertThat(query, response.getStatusCode(), is(status));
        assertThat(query, response.getContentAsString(), containsString(message));
    }

    @Test
    public void aCanaryAtItsApprovalStepIsApprovedFromThePromotionView() throws Exception {
        DeploymentTiersJobProperty ladder = p.getProperty(DeploymentTiersJobProperty.class);
        ladder.getTiers().get(1).setCanaryApproveAt("10");
        p.save();
        JenkinsRule.WebClient wc = j.createWebClient().login("manager");
        HtmlPage page = wc.getPage(p, "tiers/");
        assertThat(page.asNormalizedText(), containsString("(waits for an approval to go on)"));
        HtmlForm production = page.getFormByName("strategy-production");
        production.getInputByName("reason").setValue("error rate flat");
        button(production, "approve-step").click();

        LedgerEvent approval = ApplicationLedgers.forApplication("shop").events().stream()
                .filter(e -> e.type() == EventType.APPROVAL)
                .findFirst()
                .orElseThrow();
        assertThat(approval.isStepApproval(), is(true));
        assertThat(approval.step(), is(1));
        assertThat(approval.approval().person(), is("manager"));
        assertThat(approval.approval().comment(), is("error rate flat"));
    }
}
