package io.jenkins.plugins.tiers.view;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Action;
import hudson.model.Api;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.tiers.config.ApprovalConfig;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.GateConfig;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.security.TiersPermissions;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.net.URL;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.model.TransientActionFactory;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.RunLoadCounter;
import org.jvnet.hudson.test.TestExtension;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

public class TiersJobActionTest {

    static final String EVIL_VERSION = "<script>alert('version')</script>";
    static final String EVIL_TEST = "<img src=x onerror=alert('test')>";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private FreeStyleProject p;

    static DeploymentTiersJobProperty shopLadder() {
        TierConfig dev = new TierConfig("dev");
        dev.setKind("development");
        TierConfig prod = new TierConfig("prod");
        prod.setKind("production");
        prod.setDisplayName("Production");
        GateConfig gate = new GateConfig();
        gate.setMinTests("0");
        gate.setApproval(new ApprovalConfig("1"));
        prod.setGate(gate);
        DeploymentTiersJobProperty property = new DeploymentTiersJobProperty();
        property.setApplication("shop");
        property.setTiers(List.of(dev, prod));
        return property;
    }

    /** A history: 1.0 live in dev, an evil version blocked at prod by a hostile test name, 1.0 waiting at prod. */
    static void history(Ledger ledger) {
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        Candidate good = new Candidate("1.0", new BuildRef("shop-build", 1), "abc1234", t0);
        Candidate evil = new Candidate(EVIL_VERSION, new BuildRef("shop-build", 2), "def5678", t0.plusSeconds(60));
        ledger.append(LedgerEvent.deploymentSucceeded("shop", "dev", good, "alice", t0.plusSeconds(600)));
        ledger.append(LedgerEvent.deploymentSucceeded("shop", "dev", evil, "alice", t0.plusSeconds(900)));
        ledger.append(LedgerEvent.verdict(
                new Verdict(
                        "shop",
                        "prod",
                        evil,
                        List.of(new Finding(
                                "noNewFailures", Finding.Outcome.BLOCK, "new-failure", "new failure: " + EVIL_TEST)),
                        Map.of("noNewFailures", "true"),
                        t0.plusSeconds(1000)),
                null,
                "shop-build #2"));
        ledger.append(LedgerEvent.verdict(
                new Verdict(
                        "shop",
                        "prod",
                        good,
                        List.of(new Finding("approval", Finding.Outcome.WAIT, "approval", "waiting for 1 approval")),
                        Map.of("approval", "1 of anyone"),
                        t0.plusSeconds(1200)),
                null,
                "shop-build #1"));
    }

    @Before
    public void jobWithHistory() throws Exception {
        p = j.createFreeStyleProject("shop-build");
        p.addProperty(shopLadder());
        history(ApplicationLedgers.forApplication("shop"));
    }

    @Test
    public void onlyJobsWithTiersGetTheAction() throws Exception {
        assertThat(p.getAction(TiersJobAction.class), notNullValue());
        assertThat(j.createFreeStyleProject("plain").getAction(TiersJobAction.class), nullValue());
    }

    @Test
    public void jobPageShowsTheTiersAndEscapesUserText() throws Exception {
        HtmlPage page = j.createWebClient().getPage(p);
        String html = page.getWebResponse().getContentAsString();
        assertThat(html, containsString("tiers-floating-box"));
        assertThat(html, containsString("1.0"));
        assertThat(html, not(containsString(EVIL_VERSION)));
        // Jelly escapes '<' (and '&') only, the engine's renderer '>' as well: the tag must never be whole.
        assertThat(html, not(containsString("<script>alert")));
        assertThat(html, containsString("&lt;script"));
    }

    @Test
    public void promotionViewRendersWithFiltersAndSearch() throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage page = wc.getPage(p, "tiers/?window=30d&tier=prod&q=abc1");
        String html = page.getWebResponse().getContentAsString();
        assertThat(html, containsString("shop"));
        assertThat(html, containsString("1.0"));
        assertThat(html, not(containsString(EVIL_VERSION)));
        assertThat(html, not(containsString(EVIL_TEST)));
        // The matrix shows the blocked verdict's evidence line, escaped.
        assertThat(html, containsString("&lt;img src=x"));
        assertThat(page.getFormByName("decide-prod-0"), notNullValue());
    }

    @Test
    public void allHistoryShowsTheDoraFiguresOfTheLastNinetyDaysAsTheDocsSay() throws Exception {
        String html = j.createWebClient()
                .getPage(p, "tiers/?window=all")
                .getWebResponse()
                .getContentAsString();
        assertThat(html, containsString("Production, last 90d"));
        assertThat(html, not(containsString("last 30d")));
    }

    @Test
    public void waitingBoxShowsItsTimeAsTheCardsDo() throws Exception {
        HtmlPage page = j.createWebClient().getPage(p, "tiers/");
        String waiting =
                ((org.htmlunit.html.DomNode) page.getFirstByXPath("//div[@class='tiers-waiting']/p")).getTextContent();
        Instant since = Instant.parse("2026-11-20T10:20:00Z");
        assertThat(waiting, not(containsString(since.toString())));
        assertThat(
                waiting,
                containsString(new io.jenkins.plugins.tiers.render.TimeFormat(java.time.ZoneId.systemDefault())
                        .shortTime(since)));
    }

    @Test
    public void auditRecordsAreListedNewestFirstAsTheMatrix() throws Exception {
        // 1.0 came first; the evil version second. 1.0's later verdict makes it the most recently active.
        HtmlPage page = j.createWebClient().getPage(p, "tiers/");
        List<String> versions = page.<org.htmlunit.html.DomNode>getByXPath("//ul[@class='tiers-audit']/li/a").stream()
                .map(org.htmlunit.html.DomNode::getTextContent)
                .toList();
        assertThat(versions, is(List.of(EVIL_VERSION, "1.0")));
    }

    @Test
    public void unknownFilterIsExplainedNotFatal() throws Exception {
        HtmlPage page = j.createWebClient().getPage(p, "tiers/?window=forever&tier=%3Cb%3E");
        String html = page.getWebResponse().getContentAsString();
        assertThat(html, containsString("forever"));
        assertThat(html, not(containsString("<b>")));
    }

    @Test
    public void restApiShowsLadderLiveStateAndCandidates() throws Exception {
        JSONObject api = j.getJSON("job/shop-build/tiers/api/json").getJSONObject();
        assertThat(api.getString("application"), is("shop"));
        JSONArray tiers = api.getJSONArray("tiers");
        assertThat(tiers.size(), is(2));
        assertThat(tiers.getJSONObject(0).getString("id"), is("dev"));
        assertThat(tiers.getJSONObject(0).getString("liveVersion"), is(EVIL_VERSION));
        assertThat(tiers.getJSONObject(1).getString("kind"), is("production"));
        assertThat(
                tiers.getJSONObject(1).getJSONArray("waiting").getJSONObject(0).getString("version"), is("1.0"));
        JSONArray candidates = api.getJSONArray("candidates");
        assertThat(candidates.size(), is(2));
        // Most recently active first (the engine's order, FileLedgerTest): 1.0 was asked at prod last.
        assertThat(candidates.getJSONObject(0).getString("version"), is("1.0"));
        assertThat(candidates.getJSONObject(0).getString("revision"), is("abc1234"));
        assertThat(candidates.getJSONObject(1).getString("version"), is(EVIL_VERSION));
        assertThat(candidates.getJSONObject(1).getString("revision"), is("def5678"));
        assertThat(api.toString(), not(containsString("credentials")));
        Page xml = j.createWebClient().goTo("job/shop-build/tiers/api/xml", "application/xml");
        assertThat(xml.getWebResponse().getContentAsString(), containsString("<application>shop</application>"));
    }

    @Test
    public void auditExportIsJsonForOneCandidate() throws Exception {
        Page audit = j.createWebClient().goTo("job/shop-build/tiers/audit?version=1.0", "application/json");
        JSONObject record = JSONObject.fromObject(audit.getWebResponse().getContentAsString());
        assertThat(record.getJSONObject("candidate").getString("version"), is("1.0"));
        assertThat(record.getJSONObject("candidate").getString("revision"), is("abc1234"));
        assertThat(record.getJSONArray("tiers").getJSONObject(0).getString("tier"), is("dev"));
        assertThat(record.getString("application"), is("shop"));
        assertThat(record.toString(), containsString("waiting for 1 approval"));
    }

    @Test
    public void auditOfUnknownVersionIsNotFound() throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        assertThat(
                wc.goTo("job/shop-build/tiers/audit?version=9.9", null)
                        .getWebResponse()
                        .getStatusCode(),
                is(404));
    }

    @Test
    public void readersWithoutPermissionSeeNothing() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(
                new MockAuthorizationStrategy().grant(Jenkins.READ).everywhere().to("stranger"));
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("stranger");
        assertThat(
                wc.goTo("job/shop-build/tiers/api/json", null).getWebResponse().getStatusCode(), is(404));
        assertThat(
                wc.goTo("job/shop-build/tiers/audit?version=1.0", null)
                        .getWebResponse()
                        .getStatusCode(),
                is(404));
        assertThat(wc.goTo("tiers/").getWebResponse().getContentAsString(), not(containsString("shop-build")));
    }

    @Test
    public void decideRefusesGet() throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        URL url = new URL(j.getURL(), "job/shop-build/tiers/decide?tier=prod&version=1.0&decision=approve");
        assertThat(wc.loadWebResponse(new WebRequest(url, HttpMethod.GET)).getStatusCode(), is(405));
        assertThat(
                ApplicationLedgers.forApplication("shop")
                        .candidate("1.0")
                        .orElseThrow()
                        .approvals("prod")
                        .size(),
                is(0));
    }

    @Test
    public void decideRefusesUsersWithoutPromote() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("reader");
        HtmlPage page = wc.getPage(p, "tiers/");
        assertThat(page.getForms().stream().anyMatch(f -> f.getNameAttribute().startsWith("decide-")), is(false));
        WebRequest post = new WebRequest(wc.createCrumbedUrl("job/shop-build/tiers/decide"), HttpMethod.POST);
        post.setRequestParameters(List.of(
                new NameValuePair("tier", "prod"),
                new NameValuePair("version", "1.0"),
                new NameValuePair("decision", "approve")));
        assertThat(wc.loadWebResponse(post).getStatusCode(), is(403));
        assertThat(
                ApplicationLedgers.forApplication("shop")
                        .candidate("1.0")
                        .orElseThrow()
                        .approvals("prod")
                        .size(),
                is(0));
    }

    @Test
    public void decideRefusesAPostWithoutCrumb() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, TiersPermissions.PROMOTE)
                .everywhere()
                .to("manager"));
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("manager");
        WebRequest post = new WebRequest(new URL(j.getURL(), "job/shop-build/tiers/decide"), HttpMethod.POST);
        post.setRequestParameters(List.of(
                new NameValuePair("tier", "prod"),
                new NameValuePair("version", "1.0"),
                new NameValuePair("decision", "approve")));
        assertThat(wc.loadWebResponse(post).getStatusCode(), is(403));
    }

    /**
     * The tiers draw from the ledger only. What is measured is what the plugin adds: its own
     * drawing code loads no build at all; the job page with the tiers loads what it loads without
     * them; the promotion view and its API load what core loads to reach and frame any action of
     * the job (routing through {@code Actionable.getDynamic} and the job's side panel load builds
     * in core), measured with a probe action of the same frame and nothing in it.
     */
    @Test
    public void jobPageDrawingLoadsNoBuildRecord() throws Exception {
        for (int i = 0; i < 1000; i++) {
            j.buildAndAssertSuccess(p);
        }
        TiersJobAction action = p.getAction(TiersJobAction.class);
        String drawn = RunLoadCounter.assertMaxLoads(p, 0, () -> {
            PromotionPage view = action.page("30d", null, "1.0");
            return action.summary().getCardsHtml()
                    + action.summary().getChartHtml()
                    + view.getMatrixHtml()
                    + view.getMetricsHtml()
                    + action.getTiers()
                    + action.getCandidates();
        });
        assertThat(drawn, containsString("1.0"));

        // Core caches its permalinks (last failed build and so on) the first time a page asks for
        // them, searching every build; warm that cache so that no measurement below pays for it.
        fetch(p);
        int probe = RunLoadCounter.countLoads(p, () -> fetch("job/shop-build/probe/", null));
        int view = RunLoadCounter.countLoads(p, () -> fetch("job/shop-build/tiers/?window=30d&q=1.0", null));
        assertThat("the promotion view loads no more builds than an empty page of the job", view, is(probe));
        int probeApi = RunLoadCounter.countLoads(p, () -> fetch("job/shop-build/probe/api/json", "application/json"));
        int api = RunLoadCounter.countLoads(p, () -> fetch("job/shop-build/tiers/api/json", "application/json"));
        assertThat("the REST API loads no more builds than routing to any action", api, is(probeApi));

        int withTiers = RunLoadCounter.countLoads(p, () -> fetch(p));
        p.removeProperty(DeploymentTiersJobProperty.class);
        int withoutTiers = RunLoadCounter.countLoads(p, () -> fetch(p));
        assertThat(withTiers, is(withoutTiers));
    }

    /** An action of every job with the promotion view's frame and nothing in it. */
    @ExportedBean
    public static final class Probe implements Action {
        private final Job<?, ?> job;

        Probe(Job<?, ?> job) {
            this.job = job;
        }

        public Job<?, ?> getJob() {
            return job;
        }

        public Api getApi() {
            return new Api(this);
        }

        @Exported
        public String getName() {
            return "probe";
        }

        @Override
        public String getIconFileName() {
            return null;
        }

        @Override
        public String getDisplayName() {
            return "probe";
        }

        @Override
        public String getUrlName() {
            return "probe";
        }
    }

    @TestExtension("jobPageDrawingLoadsNoBuildRecord")
    @SuppressWarnings("rawtypes")
    public static final class ProbeFactory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            return List.of(new Probe(target));
        }
    }

    private void fetch(String url, String contentType) {
        try {
            if (contentType == null) {
                j.createWebClient().goTo(url);
            } else {
                j.createWebClient().goTo(url, contentType);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void fetch(FreeStyleProject job) {
        try {
            j.createWebClient().getPage(job);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
