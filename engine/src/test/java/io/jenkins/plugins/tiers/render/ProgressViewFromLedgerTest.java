package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.PromotionFilter;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.model.TierKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The view the Jenkins promotion page shows: the assembler over a ledger, narrowed by its filter. */
public class ProgressViewFromLedgerTest {

    private static final String APP = "shop";
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    private static final Ladder LADDER = Ladder.of(
            APP,
            Tier.of("dev", TierKind.DEVELOPMENT),
            new Tier("prod", "Production", TierKind.PRODUCTION, "https://shop.example.com/", null, null, false, null));
    private static final String EVIL = "<script>alert(1)</script>";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private FileLedger ledger;

    private static Instant at(int hours) {
        return T0.plusSeconds(3600L * hours);
    }

    private static LedgerEvent verdict(String tier, Candidate c, int hours, Finding.Outcome outcome, String message) {
        return LedgerEvent.verdict(
                new Verdict(
                        APP, tier, c, List.of(new Finding("tests", outcome, "tests", message)), Map.of(), at(hours)),
                null,
                "shop-build #" + c.origin().number());
    }

    @Before
    public void history() throws Exception {
        ledger = FileLedger.open(folder.newFolder().toPath());
        Candidate good = new Candidate("1.0", new BuildRef("shop-build", 1), "abc1234", T0);
        Candidate evil = new Candidate(EVIL, new BuildRef("shop-build", 2), "def5678", at(1));
        ledger.append(LedgerEvent.deploymentSucceeded(APP, "dev", good, "alice", at(1)));
        ledger.append(verdict("prod", good, 2, Finding.Outcome.WAIT, "waiting for 1 approval"));
        ledger.append(LedgerEvent.approval(
                APP, "prod", good, new io.jenkins.plugins.tiers.ledger.Approval(true, "bob", List.of(), "ok"), at(3)));
        ledger.append(verdict("prod", good, 3, Finding.Outcome.PASS, "approved"));
        ledger.append(LedgerEvent.deploymentSucceeded(APP, "prod", good, "bob", at(4)));
        ledger.append(LedgerEvent.deploymentSucceeded(APP, "dev", evil, "alice", at(5)));
        ledger.append(verdict("prod", evil, 6, Finding.Outcome.BLOCK, "new failure: <img src=x onerror=alert(2)>"));
        ledger.append(verdict("prod", evil, 7, Finding.Outcome.WAIT, "waiting for 1 approval"));
    }

    @After
    public void close() {
        ledger.close();
    }

    private ProgressView view(PromotionFilter filter) {
        ViewOptions options = ViewOptions.defaults(ZoneOffset.UTC).withCandidates(20);
        if (filter.window() != null) {
            options = options.withWindow(filter.window());
        }
        ProgressView view =
                new ProgressViewAssembler(Clock.fixed(at(10), ZoneOffset.UTC)).assemble(LADDER, ledger, options);
        return filter.window() == null ? view : view.activeSince(at(10).minus(filter.window()));
    }

    @Test
    public void cardsShowWhatIsLiveAndWhatWaits() {
        ProgressView view = view(PromotionFilter.NONE);
        assertThat(view.application(), is(APP));
        assertThat(view.tiers().stream().map(TierView::displayName).toList(), contains("dev", "Production"));
        TierCard dev = view.cardOf("dev").orElseThrow();
        assertThat(dev.live().version(), is(EVIL));
        assertThat(dev.live().deployedBy(), is("alice"));
        TierCard prod = view.cardOf("prod").orElseThrow();
        assertThat(prod.live().version(), is("1.0"));
        assertThat(prod.live().build(), is(new BuildRef("shop-build", 1)));
        assertThat(prod.waiting(), is(1));
    }

    @Test
    public void journeysFollowTheEventsWithApprovalsOnTheirVerdict() {
        Journey good = view(PromotionFilter.NONE).journeys().stream()
                .filter(j -> j.version().equals("1.0"))
                .findFirst()
                .orElseThrow();
        assertThat(
                good.steps().stream().map(Step::kind).toList(),
                contains(StepKind.DEPLOYED, StepKind.WAITING, StepKind.PASSED, StepKind.DEPLOYED));
        Step passed = good.steps().get(2);
        assertThat(passed.approvals().stream().map(Approval::user).toList(), contains("bob"));
        assertThat(good.steps().get(1).reason(), is("waiting for 1 approval"));
        assertThat(good.revision(), is("abc1234"));
    }

    @Test
    public void blockedStepCarriesItsFirstReason() {
        Journey evil = view(PromotionFilter.NONE).journeys().stream()
                .filter(j -> j.version().equals(EVIL))
                .findFirst()
                .orElseThrow();
        assertThat(evil.steps().get(1).kind(), is(StepKind.BLOCKED));
        assertThat(evil.steps().get(1).reason(), containsString("new failure"));
    }

    @Test
    public void filterNarrowsTheJourneys() {
        PromotionFilter recent = PromotionFilter.parse("4h", null, List.of("dev", "prod"));
        assertThat(view(recent).journeys().stream().map(Journey::version).toList(), contains(EVIL));
        // The cards always show the whole live state.
        assertThat(view(recent).cards().size(), is(2));
    }

    @Test
    public void metricsGiveLeadTimesAndDoraOfProduction() {
        ProgressView view = view(PromotionFilter.NONE);
        assertThat(view.leadTimes().size(), is(1));
        LeadTimePoint point = view.leadTimes().get(0);
        assertThat(point.version(), is("1.0"));
        assertThat(point.leadTime(), is(Duration.ofHours(4)));
        assertThat(point.breakdown().stream().map(TierDuration::tierId).toList(), contains("dev", "prod"));
        assertThat(point.breakdown().get(1).duration(), is(Duration.ofHours(3)));
        DoraFigures dora = view.dora();
        assertThat(dora.deployments(), is(1));
        assertThat(dora.failures(), is(0));
        assertThat(dora.window(), is(ViewOptions.DEFAULT_WINDOW));
        assertThat(dora.leadTimeMedian(), is(Duration.ofHours(4)));
    }

    @Test
    public void renderedFragmentsEscapeWhatUsersWrote() {
        ProgressView view = view(PromotionFilter.NONE);
        String html = new TierCardsRenderer().render(view)
                + new FlowChartRenderer().render(view)
                + new PromotionMatrixRenderer().render(view);
        assertThat(html, containsString("1.0"));
        assertThat(html, not(containsString(EVIL)));
        assertThat(html, not(containsString("<img src=x")));
    }
}
