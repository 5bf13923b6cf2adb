package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.Approval;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
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
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ProgressViewAssemblerTest {

    private static final Instant BASE = Instant.parse("2026-03-02T08:00:00Z");
    private static final Ladder LADDER = Ladder.of(
            "shop",
            Tier.of("development", TierKind.DEVELOPMENT),
            Tier.of("staging", TierKind.STAGING),
            Tier.of("production", TierKind.PRODUCTION));
    private static final Clock CLOCK = Clock.fixed(BASE.plus(Duration.ofDays(1)), ZoneOffset.UTC);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Instant at(int minutes) {
        return BASE.plus(Duration.ofMinutes(minutes));
    }

    private static Candidate candidate(String version, int changedAtMinute) {
        return new Candidate(
                version, new BuildRef("shop/main", changedAtMinute + 1), "rev" + version, at(changedAtMinute));
    }

    private static LedgerEvent verdict(Candidate c, String tier, int minute, Finding.Outcome outcome, String line) {
        Verdict v =
                new Verdict("shop", tier, c, List.of(new Finding("rule", outcome, "CODE", line)), Map.of(), at(minute));
        return LedgerEvent.verdict(v, null, "ci");
    }

    private static LedgerEvent deployed(Candidate c, String tier, int minute) {
        return LedgerEvent.deploymentSucceeded("shop", tier, c, "alice", at(minute));
    }

    /** 1.0 reaches production after an approval; 1.1 is blocked at staging; 1.2 reaches production
     * and is rolled back to 1.0; 1.3 waits at the development gate. */
    private FileLedger history() throws Exception {
        FileLedger ledger = FileLedger.open(tmp.newFolder().toPath());
        Candidate v10 = candidate("1.0", 0);
        Candidate v11 = candidate("1.1", 200);
        Candidate v12 = candidate("1.2", 300);
        Candidate v13 = candidate("1.3", 590);
        List.of(
                        verdict(v10, "development", 10, Finding.Outcome.PASS, "120 tests ran"),
                        deployed(v10, "development", 15),
                        verdict(v10, "staging", 60, Finding.Outcome.PASS, "120 tests ran"),
                        deployed(v10, "staging", 70),
                        verdict(v10, "production", 100, Finding.Outcome.WAIT, "needs 1 approval"),
                        LedgerEvent.approval(
                                "shop", "production", v10, new Approval(true, "carol", List.of(), "ok"), at(120)),
                        verdict(v10, "production", 130, Finding.Outcome.PASS, "approved by carol"),
                        deployed(v10, "production", 140),
                        verdict(v11, "development", 210, Finding.Outcome.PASS, "120 tests ran"),
                        deployed(v11, "development", 215),
                        verdict(v11, "staging", 260, Finding.Outcome.BLOCK, "2 new failures: CartTest.total"),
                        verdict(v12, "development", 310, Finding.Outcome.PASS, "120 tests ran"),
                        deployed(v12, "development", 315),
                        verdict(v12, "staging", 360, Finding.Outcome.PASS, "120 tests ran"),
                        deployed(v12, "staging", 370),
                        verdict(v12, "production", 450, Finding.Outcome.PASS, "approved"),
                        deployed(v12, "production", 460),
                        LedgerEvent.rolledBack("shop", "production", v10, "bob", at(500), "1.2"),
                        verdict(v13, "development", 600, Finding.Outcome.WAIT, "soak 1h in nothing"))
                .forEach(ledger::append);
        return ledger;
    }

    private static ViewOptions options() {
        return ViewOptions.defaults(ZoneOffset.UTC);
    }

    private static Journey journey(ProgressView view, String version) {
        return view.journeys().stream()
                .filter(j -> j.version().equals(version))
                .findFirst()
                .orElseThrow();
    }

    private static List<StepKind> kinds(List<Step> steps) {
        return steps.stream().map(Step::kind).toList();
    }

    @Test
    public void cardsShowWhatIsLiveAndHowManyWait() throws Exception {
        try (FileLedger ledger = history()) {
            ProgressView view = new ProgressViewAssembler(CLOCK).assemble(LADDER, ledger, options());
            assertThat(view.application(), is("shop"));
            assertThat(
                    view.tiers().stream().map(TierView::id).toList(), contains("development", "staging", "production"));
            assertThat(view.tiers().get(2).kind(), is(TierView.Kind.PRODUCTION));
            TierCard dev = view.cardOf("development").orElseThrow();
            assertThat(dev.live().version(), is("1.2"));
            assertThat(dev.live().since(), is(at(315)));
            assertThat(dev.live().deployedBy(), is("alice"));
            assertThat(dev.live().build(), is(new BuildRef("shop/main", 301)));
            assertThat(dev.waiting(), is(1));
            TierCard production = view.cardOf("production").orElseThrow();
            assertThat(production.live().version(), is("1.0"));
            assertThat(production.live().since(), is(at(500)));
            assertThat(production.live().deployedBy(), is("bob"));
            assertThat(production.waiting(), is(0));
            assertThat(view.now(), is(CLOCK.instant()));
        }
    }

    @Test
    public void journeysHaveOneStepPerVerdictAndDeploymentWithApprovalsOnTheVerdictTheyLedTo() throws Exception {
        try (FileLedger ledger = history()) {
            ProgressView view = new ProgressViewAssembler(CLOCK).assemble(LADDER, ledger, options());
            assertThat(view.journeys().size(), is(4));
            Journey v10 = journey(view, "1.0");
            assertThat(v10.changedAt(), is(at(0)));
            assertThat(v10.revision(), is("rev1.0"));
            assertThat(
                    kinds(v10.stepsAt("production")),
                    contains(StepKind.WAITING, StepKind.PASSED, StepKind.DEPLOYED, StepKind.DEPLOYED));
            Step waiting = v10.stepsAt("production").get(0);
            assertThat(waiting.reason(), is("needs 1 approval"));
            assertThat(waiting.approvals(), is(empty()));
            Step passed = v10.stepsAt("production").get(1);
            assertThat(passed.approvals(), contains(new io.jenkins.plugins.tiers.render.Approval("carol", at(120))));
            assertThat(passed.evidence(), contains("approved by carol"));
            assertThat(passed.reason(), is(nullValue()));
            assertThat(
                    v10.stepsAt("production").get(3).evidence(), contains("live again: rolled back from 1.2 by bob"));

            Step blocked = journey(view, "1.1").stepsAt("staging").get(0);
            assertThat(blocked.kind(), is(StepKind.BLOCKED));
            assertThat(blocked.reason(), is("2 new failures: CartTest.total"));

            Journey v12 = journey(view, "1.2");
            assertThat(
                    kinds(v12.stepsAt("production")),
                    contains(StepKind.PASSED, StepKind.DEPLOYED, StepKind.ROLLED_BACK));
            assertThat(v12.stepsAt("production").get(2).reason(), is("rolled back to 1.0 by bob"));
            assertThat(v12.stepsAt("production").get(2).at(), is(at(500)));
        }
    }

    @Test
    public void leadTimesSplitChangeToProductionPerTier() throws Exception {
        try (FileLedger ledger = history()) {
            ProgressView view = new ProgressViewAssembler(CLOCK).assemble(LADDER, ledger, options());
            assertThat(view.leadTimes().size(), is(2));
            LeadTimePoint v12 = view.leadTimes().stream()
                    .filter(p -> p.version().equals("1.2"))
                    .findFirst()
                    .orElseThrow();
            assertThat(v12.reachedProduction(), is(at(460)));
            assertThat(v12.leadTime(), is(Duration.ofMinutes(160)));
            assertThat(
                    v12.breakdown(),
                    contains(
                            new TierDuration("development", Duration.ofMinutes(15)),
                            new TierDuration("staging", Duration.ofMinutes(55)),
                            new TierDuration("production", Duration.ofMinutes(90))));
        }
    }

    @Test
    public void doraFiguresCountProductionOverTheWindow() throws Exception {
        try (FileLedger ledger = history()) {
            DoraFigures dora = new ProgressViewAssembler(CLOCK)
                    .assemble(LADDER, ledger, options())
                    .dora();
            assertThat(dora.windowStart(), is(CLOCK.instant().minus(Duration.ofDays(30))));
            assertThat(dora.windowEnd(), is(CLOCK.instant()));
            assertThat(dora.deployments(), is(2));
            assertThat(dora.deploymentsPerDay(), is(2 / 30.0));
            assertThat(dora.leadTimeMedian(), is(Duration.ofMinutes(150)));
            assertThat(dora.failures(), is(1));
            assertThat(dora.changeFailureRate(), is(0.5));
            assertThat(dora.timeToRestore(), is(Duration.ofMinutes(40)));
        }
    }

    @Test
    public void aCandidateLimitDrawsFewerCandidatesButDoraStillCoversTheWindow() throws Exception {
        try (FileLedger ledger = history()) {
            ProgressView view = new ProgressViewAssembler(CLOCK)
                    .assemble(LADDER, ledger, options().withCandidates(2));
            assertThat(
                    view.journeys().stream().map(Journey::version).toList(),
                    is(ledger.lastCandidates(2).stream()
                            .map(CandidatePath::version)
                            .toList()));
            assertThat(view.journeys().size(), is(2));
            assertThat(view.dora().deployments(), is(2));
            assertThat(view.dora().changeFailureRate(), is(0.5));
        }
    }

    @Test
    public void aShortWindowLeavesOlderDeploymentsOutOfDora() throws Exception {
        try (FileLedger ledger = history()) {
            // now is minute 1440: a 17-hour window starts at minute 420, after 1.0 reached production
            DoraFigures dora = new ProgressViewAssembler(CLOCK)
                    .assemble(LADDER, ledger, options().withWindow(Duration.ofHours(17)))
                    .dora();
            assertThat(dora.deployments(), is(1));
            assertThat(dora.leadTimeMedian(), is(Duration.ofMinutes(160)));
        }
    }

    @Test
    public void aTierFilterShowsOnlyThoseTiersAndDropsCandidatesNeverSeenThere() throws Exception {
        try (FileLedger ledger = history()) {
            ProgressView view = new ProgressViewAssembler(CLOCK)
                    .assemble(LADDER, ledger, options().withTiers(List.of("production")));
            assertThat(view.tiers().stream().map(TierView::id).toList(), contains("production"));
            assertThat(view.cards().stream().map(TierCard::tierId).toList(), contains("production"));
            assertThat(view.journeys().stream().map(Journey::version).sorted().toList(), contains("1.0", "1.2"));
            assertThat(journey(view, "1.2").stepsAt("staging"), is(empty()));
            assertThat(view.dora().deployments(), is(2));
        }
    }

    @Test
    public void aTierFilterNamingAnUnknownTierIsRefused() throws Exception {
        try (FileLedger ledger = history()) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new ProgressViewAssembler(CLOCK)
                            .assemble(LADDER, ledger, options().withTiers(List.of("qa"))));
            assertThat(e.getMessage(), is("no tier \"qa\" in the ladder of shop; known tiers: " + LADDER.ids()));
        }
    }

    @Test
    public void anEmptyLedgerGivesAnEmptyViewWithoutFigures() throws Exception {
        try (FileLedger ledger = FileLedger.open(tmp.newFolder().toPath())) {
            ProgressView view = new ProgressViewAssembler(CLOCK).assemble(LADDER, ledger, options());
            assertThat(view.cards(), is(empty()));
            assertThat(view.journeys(), is(empty()));
            assertThat(view.leadTimes(), is(empty()));
            assertThat(view.dora().deployments(), is(0));
            assertThat(view.dora().changeFailureRate(), is(nullValue()));
            assertThat(view.dora().leadTimeMedian(), is(nullValue()));
            assertThat(view.dora().timeToRestore(), is(nullValue()));
        }
    }
}
