package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.EvidenceSummary;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Strategy;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.model.TierKind;
import io.jenkins.plugins.tiers.report.TestId;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The views of a blue-green staging and a canary production, drawn from a real ledger: the tier
 * cards' slots and canary bar, the flow chart's switch, switch-back, canary step and abort
 * markers, the matrix's step checks with their evidence, and "caught by canary" beside the
 * change failure rate. Reasons people and checks wrote are hostile, and must come out as text.
 */
public class StrategyViewsTest {

    private static final String APP = "shop";
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    private static final List<Integer> STEPS = List.of(5, 25, 100);
    private static final String EVIL = "<img src=x onerror=alert(3)>";
    private static final Ladder LADDER = Ladder.of(
            APP,
            Tier.of("staging", TierKind.STAGING).withStrategy(Strategy.blueGreen()),
            Tier.of("production", TierKind.PRODUCTION).withStrategy(Strategy.canary(5, 25, 100)));

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private FileLedger ledger;
    private final Candidate one = new Candidate("1.0", new BuildRef("shop-build", 1), "aaa1111", T0);
    private final Candidate two = new Candidate("1.1", new BuildRef("shop-build", 2), "bbb2222", at(1));

    private static Instant at(int hours) {
        return T0.plusSeconds(3600L * hours);
    }

    private static Verdict check(String tier, Candidate c, int hours, Finding.Outcome outcome, String line) {
        return new Verdict(
                APP,
                tier,
                c,
                List.of(new Finding("check", outcome, "CHECK", line)),
                Map.of("check", "./smoke.sh"),
                at(hours));
    }

    @Before
    public void history() throws Exception {
        ledger = FileLedger.open(folder.newFolder().toPath());
        // staging: 1.0 into blue (nothing live), switch; 1.1 into green, switch, switched back to 1.0
        ledger.append(LedgerEvent.slotDeploymentStarted(APP, "staging", one, "ci", at(1), "green"));
        ledger.append(LedgerEvent.slotDeployed(APP, "staging", one, "ci", at(1), "green"));
        ledger.append(LedgerEvent.switched(APP, "staging", one, "ci", at(2), "green")
                .withCheck(check("staging", one, 2, Finding.Outcome.PASS, "smoke in the green slot: 0 errors")));
        ledger.append(LedgerEvent.slotDeploymentStarted(APP, "staging", two, "ci", at(3), "blue"));
        ledger.append(LedgerEvent.slotDeployed(APP, "staging", two, "ci", at(3), "blue"));
        ledger.append(LedgerEvent.switched(APP, "staging", two, "ci", at(4), "blue")
                .withCheck(check("staging", two, 4, Finding.Outcome.PASS, "smoke in the blue slot: 0 errors")));
        ledger.append(LedgerEvent.switchedBack(APP, "staging", one, "priya", at(5), "green", "1.1", "latency " + EVIL));
        // production: 1.0 completes its canary; 1.1's canary fails its check at 25% and is aborted
        ledger.append(LedgerEvent.canaryStarted(APP, "production", one, "ci", at(6), STEPS));
        ledger.append(LedgerEvent.canaryStepReached(APP, "production", one, "ci", at(6), 1, STEPS));
        ledger.append(LedgerEvent.canaryStepReached(APP, "production", one, "ci", at(7), 2, STEPS)
                .withCheck(check("production", one, 7, Finding.Outcome.PASS, "120 tests, 0 failed at 5%"))
                .withCheckEvidence(new EvidenceSummary(new TestTotals(120, 0, 0, 0, 0, 3), List.of())));
        ledger.append(LedgerEvent.canaryCompleted(APP, "production", one, "ci", at(8), STEPS)
                .withCheck(check("production", one, 8, Finding.Outcome.PASS, "120 tests, 0 failed at 25%")));
        ledger.append(LedgerEvent.canaryStarted(APP, "production", two, "ci", at(9), STEPS));
        ledger.append(LedgerEvent.canaryStepReached(APP, "production", two, "ci", at(9), 1, STEPS));
        ledger.append(LedgerEvent.canaryStepReached(APP, "production", two, "ci", at(10), 2, STEPS)
                .withCheck(check("production", two, 10, Finding.Outcome.PASS, "120 tests, 0 failed at 5%")));
        Verdict failed = check("production", two, 11, Finding.Outcome.BLOCK, "1 new failure: " + EVIL);
        ledger.append(LedgerEvent.canaryAborted(
                        APP, "production", two, "ci", at(11), 2, STEPS, failed, "the step check failed at 25%")
                .withCheckEvidence(new EvidenceSummary(
                        new TestTotals(119, 1, 0, 0, 0, 3), List.of(new TestId("com.shop.Pay", EVIL)))));
    }

    @After
    public void close() {
        ledger.close();
    }

    private ProgressView view() {
        ViewOptions options = ViewOptions.defaults(ZoneOffset.UTC).withCandidates(20);
        return new ProgressViewAssembler(Clock.fixed(at(12), ZoneOffset.UTC)).assemble(LADDER, ledger, options);
    }

    private Journey journey(String version) {
        return view().journeys().stream()
                .filter(j -> j.version().equals(version))
                .findFirst()
                .orElseThrow();
    }

    @Test
    public void switchesSwitchBacksCanaryStepsAndAbortsBecomeStepsOfTheirOwnKind() {
        assertThat(
                journey("1.0").steps().stream().map(Step::kind).toList(),
                contains(
                        StepKind.SWITCHED,
                        StepKind.DEPLOYED, // live again in staging: the switch back went to it
                        StepKind.CANARY_STEP,
                        StepKind.CANARY_STEP,
                        StepKind.DEPLOYED)); // the completed canary
        assertThat(
                journey("1.1").steps().stream().map(Step::kind).toList(),
                contains(
                        StepKind.SWITCHED,
                        StepKind.SWITCHED_BACK,
                        StepKind.CANARY_STEP,
                        StepKind.CANARY_STEP,
                        StepKind.CANARY_ABORTED));
        assertThat(
                journey("1.0").steps().get(1).reason(), is("live again: switched back from 1.1 by priya (green slot)"));
        Step back = journey("1.1").steps().get(1);
        assertThat(back.reason(), is("switched back to 1.0 in the green slot by priya: latency " + EVIL));
        Step aborted = journey("1.1").steps().get(4);
        assertThat(aborted.reason(), is("at step 2 of 3 (25%): the step check failed at 25%"));
    }

    @Test
    public void eachStepCarriesTheCheckRecordedWithItAndItsTestCounts() {
        List<Step> steps = journey("1.1").steps();
        assertThat(steps.get(0).check().passed(), is(true));
        assertThat(steps.get(0).check().lines(), contains("smoke in the blue slot: 0 errors"));
        assertThat(steps.get(2).check(), is(nullValue())); // the first canary step follows no check
        StepCheck abort = steps.get(4).check();
        assertThat(abort.passed(), is(false));
        assertThat(abort.reasons(), contains("1 new failure: " + EVIL));
        assertThat(abort.tests(), is("120 tests: 119 passed, 1 failed, 0 errors, 0 skipped"));
    }

    @Test
    public void theFlowChartMarksEachWithAShapeAndWords() {
        Document doc = Xhtml.parse(new FlowChartRenderer().render(view()));
        List<String> shapes = Xhtml.inside(doc, "tiers-markers", "use").stream()
                .map(e -> e.getAttribute("href"))
                .toList();
        assertThat(shapes, hasItem("#tiers-mk-switched"));
        assertThat(shapes, hasItem("#tiers-mk-switched-back"));
        assertThat(shapes, hasItem("#tiers-mk-canary-step"));
        assertThat(shapes, hasItem("#tiers-mk-canary-aborted"));
        List<String> titles = Xhtml.inside(doc, "tiers-markers", "title").stream()
                .map(Element::getTextContent)
                .toList();
        assertThat(
                titles,
                hasItem(containsString(
                        "1.1 switched in staging, 1 Nov 12:00: to the blue slot, now live; check passed")));
        assertThat(titles, hasItem(containsString("1.1 switched back in staging, 1 Nov 13:00: switched back to 1.0")));
        assertThat(titles, hasItem("1.0 canary step at production, 1 Nov 14:00: 5% (step 1 of 3), not live yet"));
        assertThat(
                titles, hasItem(containsString("1.1 canary aborted at production, 1 Nov 19:00: at step 2 of 3 (25%)")));
        // the key names the strategy kinds the chart draws
        String legend =
                Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-legend")).get(0).getTextContent();
        assertThat(legend, containsString("switched back"));
        assertThat(legend, containsString("canary aborted"));
        String desc =
                Xhtml.select(doc, e -> e.getLocalName().equals("desc")).get(0).getTextContent();
        assertThat(desc, containsString("2 switched, 1 switched back, 1 canary aborted"));
    }

    @Test
    public void theLineClimbsOnASwitchAndACompletedCanaryNotOnACanaryStep() {
        Document doc = Xhtml.parse(new FlowChartRenderer().render(view()));
        List<Element> paths = Xhtml.inside(doc, "tiers-journeys", "path");
        assertThat(paths, hasSize(2));
        // 1.0: up to staging on its switch, up to production when its canary completed
        assertThat(paths.get(0).getAttribute("d").chars().filter(c -> c == 'V').count(), is(2L));
        // 1.1: up to staging on its switch, down on the switch back; its canary steps leave it there
        assertThat(paths.get(1).getAttribute("d").chars().filter(c -> c == 'V').count(), is(2L));
    }

    @Test
    public void theMatrixShowsEachChecksVerdictReasonsAndCountsEscaped() {
        String html = new PromotionMatrixRenderer().render(view());
        Document doc = Xhtml.parse(html);
        List<Element> checks = Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-check"));
        List<String> texts = checks.stream().map(Element::getTextContent).toList();
        assertThat(texts, hasItem("\u2713 check passed: smoke in the blue slot: 0 errors"));
        assertThat(texts, hasItem("\u2715 check failed: 1 new failure: " + EVIL));
        List<String> counts = Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-check-tests")).stream()
                .map(Element::getTextContent)
                .toList();
        assertThat(
                counts,
                contains(
                        "120 tests: 119 passed, 1 failed, 0 errors, 0 skipped",
                        "120 tests: 120 passed, 0 failed, 0 errors, 0 skipped"));
        Element production = Xhtml.select(doc, e -> e.getAttribute("class").equals("tiers-cell-canary-aborted"))
                .get(0);
        assertThat(production.getTextContent(), containsString("\u2298 canary aborted"));
        assertThat(html, not(containsString(EVIL)));
    }

    @Test
    public void theCardsShowTheSlotsAndTheAbortedCanaryInWords() {
        String html = new TierCardsRenderer().render(view());
        Document doc = Xhtml.parse(html);
        List<String> slots = Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-slot")).stream()
                .map(e -> e.getAttribute("class") + " | " + e.getTextContent())
                .toList();
        assertThat(
                slots,
                contains(
                        "tiers-slot tiers-slot-green tiers-slot-active | green \u25CF live 1.0",
                        "tiers-slot tiers-slot-blue tiers-slot-idle | blue \u25CB idle 1.1 withdrawn"));
        List<String> canarySteps = Xhtml.select(
                        doc,
                        e -> e.getLocalName().equals("li")
                                && e.getAttribute("class").startsWith("tiers-canary-"))
                .stream()
                .map(Element::getTextContent)
                .toList();
        assertThat(canarySteps, contains("\u2713 5%", "\u2715 25% aborted", "100%"));
        // an aborted canary gives no traffic: the bar is empty
        assertThat(Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-canary-fill")), hasSize(0));
        assertThat(html, not(containsString(EVIL)));
    }

    @Test
    public void aFailedSwitchCheckShowsAsBlockedWithItsReasonOnTheCardAndInTheMatrix() {
        Candidate three = new Candidate("1.2", new BuildRef("shop-build", 3), "ccc3333", at(11));
        ledger.append(LedgerEvent.slotDeploymentStarted(APP, "staging", three, "ci", at(11), "blue"));
        ledger.append(LedgerEvent.slotDeployed(APP, "staging", three, "ci", at(11), "blue"));
        ledger.append(LedgerEvent.switchCheckFailed(
                APP,
                "staging",
                three,
                "ci",
                at(12),
                "blue",
                check("staging", three, 12, Finding.Outcome.BLOCK, "the check `./smoke.sh` exited with 2 " + EVIL)));
        Step failed = journey("1.2").steps().get(0);
        assertThat(failed.kind(), is(StepKind.BLOCKED));
        assertThat(
                failed.reason(),
                is("not switched: the switch check failed; still idle in the blue slot: the check `./smoke.sh`"
                        + " exited with 2 " + EVIL));
        assertThat(failed.check().passed(), is(false));
        String cards = new TierCardsRenderer().render(view());
        assertThat(cards, containsString("1.2 blocked"));
        assertThat(cards, containsString("not switched: the switch check failed"));
        assertThat(cards, containsString("1.2</span> <span class=\"tiers-slot-what\">awaiting switch"));
        assertThat(cards, not(containsString(EVIL)));
    }

    @Test
    public void anApprovalAtACanaryStepGoesWithThatStepNotWithTheGatesVerdict() {
        Candidate three = new Candidate("1.2", new BuildRef("shop-build", 3), "ccc3333", at(11));
        ledger.append(LedgerEvent.verdict(
                check("production", three, 11, Finding.Outcome.PASS, "120 tests, 0 failed"), null, "ci"));
        ledger.append(LedgerEvent.canaryStarted(APP, "production", three, "ci", at(12), STEPS));
        ledger.append(LedgerEvent.canaryStepReached(APP, "production", three, "ci", at(12), 1, STEPS));
        ledger.append(LedgerEvent.canaryStepReached(APP, "production", three, "ci", at(13), 2, STEPS));
        ledger.append(LedgerEvent.stepApproval(
                APP,
                "production",
                three,
                new io.jenkins.plugins.tiers.ledger.Approval(true, "bob", List.of(), "ok"),
                at(13),
                2,
                STEPS));
        List<Step> steps = journey("1.2").steps();
        assertThat(steps.get(0).kind(), is(StepKind.PASSED));
        assertThat(steps.get(0).approvals(), hasSize(0));
        assertThat(steps.get(2).kind(), is(StepKind.CANARY_STEP));
        assertThat(steps.get(2).approvals().stream().map(Approval::user).toList(), contains("bob"));
    }

    @Test
    public void theDoraTilesCountTheAbortedCanaryBesideTheChangeFailureRate() {
        ProgressView view = view();
        assertThat(view.dora().caughtByCanary(), is(1));
        Document doc = Xhtml.parse(new DoraTilesRenderer().render(view));
        List<Element> tiles = Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-tile"));
        Element rate = tiles.get(2);
        assertThat(rate.getTextContent(), containsString("Change failure rate"));
        assertThat(rate.getTextContent(), containsString("1 caught by canary"));
    }
}
