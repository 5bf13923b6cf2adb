package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.APP;
import static io.jenkins.plugins.tiers.ledger.Events.at;
import static io.jenkins.plugins.tiers.ledger.Events.blocked;
import static io.jenkins.plugins.tiers.ledger.Events.passed;
import static io.jenkins.plugins.tiers.ledger.Events.started;
import static io.jenkins.plugins.tiers.ledger.Events.succeeded;
import static io.jenkins.plugins.tiers.ledger.Events.waiting;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Approval.Decision;
import io.jenkins.plugins.tiers.gate.Baseline;
import io.jenkins.plugins.tiers.gate.GateEngine;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.gate.GatePolicy;
import io.jenkins.plugins.tiers.gate.GateRequest;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.model.TierKind;
import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.report.TestFailure;
import io.jenkins.plugins.tiers.report.TestId;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LedgerPromotionHistoryTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FileLedger ledger(LedgerEvent... events) throws IOException {
        FileLedger ledger = FileLedger.open(tmp.getRoot().toPath().resolve("ledger"));
        for (LedgerEvent e : events) {
            ledger.append(e);
        }
        return ledger;
    }

    private static LedgerEvent approval(String tier, String version, String person, boolean given, int minute) {
        return LedgerEvent.approval(
                APP, tier, Events.candidate(version), new Approval(given, person, List.of("ops"), ""), at(minute));
    }

    @Test
    public void answersWhatIsLiveFromTheLiveState() throws IOException {
        try (FileLedger ledger =
                ledger(passed("dev", "1.0", 1), started("dev", "1.0", 2), succeeded("dev", "1.0", 3))) {
            LedgerPromotionHistory history = LedgerPromotionHistory.of(ledger);
            assertThat(history.liveIn("dev").orElseThrow().candidate().version(), is("1.0"));
            assertThat(history.liveIn("dev").orElseThrow().since(), is(at(3)));
            assertThat(history.liveIn("production").isPresent(), is(false));
        }
    }

    @Test
    public void aVersionHasPassedATierOnceAnyOfItsVerdictsThereDid() throws IOException {
        try (FileLedger ledger =
                ledger(blocked("test", "1.0", 1), passed("test", "1.0", 2), blocked("test", "1.1", 3))) {
            LedgerPromotionHistory history = LedgerPromotionHistory.of(ledger);
            assertThat(history.hasPassed("test", "1.0"), is(true));
            assertThat(history.hasPassed("test", "1.1"), is(false));
            assertThat(history.hasPassed("staging", "1.0"), is(false));
            assertThat(history.hasPassed("test", "9.9"), is(false));
        }
    }

    @Test
    public void theBaselineIsTheLiveCandidatesRecordedFailures() throws IOException {
        try (FileLedger ledger = ledger(
                passed("production", "1.0", 1, "flakyCheckout"),
                started("production", "1.0", 2),
                succeeded("production", "1.0", 3),
                passed("production", "1.1", 4))) {
            Baseline baseline =
                    LedgerPromotionHistory.of(ledger).baselineFor("production").orElseThrow();
            assertThat(baseline.source(), is(Baseline.Source.LIVE));
            assertThat(baseline.candidate().version(), is("1.0"));
            assertThat(baseline.failures(), is(Set.of(new TestId("ShopTest", "flakyCheckout"))));
        }
    }

    @Test
    public void withNothingLiveTheBaselineIsTheLastCandidateThatPassed() throws IOException {
        try (FileLedger ledger = ledger(
                passed("staging", "1.0", 1, "a"), passed("staging", "1.1", 2, "b"), blocked("staging", "1.2", 3))) {
            Baseline baseline =
                    LedgerPromotionHistory.of(ledger).baselineFor("staging").orElseThrow();
            assertThat(baseline.source(), is(Baseline.Source.LAST_PASSED));
            assertThat(baseline.candidate().version(), is("1.1"));
            assertThat(baseline.failures(), is(Set.of(new TestId("ShopTest", "b"))));
        }
    }

    @Test
    public void noBaselineInAnEmptyLedger() throws IOException {
        try (FileLedger ledger = ledger()) {
            assertThat(LedgerPromotionHistory.of(ledger).baselineFor("staging").isPresent(), is(false));
        }
    }

    @Test
    public void turnsTheRecordedAnswersIntoTheGatesApprovals() throws IOException {
        try (FileLedger ledger = ledger(
                waiting("production", "1.0", 1),
                approval("production", "1.0", "bob", true, 2),
                approval("production", "1.0", "carol", false, 3),
                approval("staging", "1.0", "dave", true, 4))) {
            List<io.jenkins.plugins.tiers.gate.Approval> given =
                    LedgerPromotionHistory.of(ledger).approvals("production", "1.0");
            assertThat(
                    given.stream().map(a -> a.person() + " " + a.decision()).toList(),
                    contains("bob " + Decision.APPROVE, "carol " + Decision.REFUSE));
            assertThat(given.get(0).at(), is(at(2)));
            assertThat(given.get(0).groups(), is(Set.of("ops")));
            assertThat(LedgerPromotionHistory.of(ledger).approvals("production", "2.0"), is(empty()));
        }
    }

    @Test
    public void aGateEvaluatedAgainstTheLedgerFindsANewFailureAgainstWhatIsLive() throws IOException {
        try (FileLedger ledger = ledger(
                passed("production", "1.0", 1, "known"),
                started("production", "1.0", 2),
                succeeded("production", "1.0", 3))) {
            GatePolicy gate =
                    GatePolicy.builder().maxFailures(10).noNewFailures(true).build();
            Ladder ladder =
                    Ladder.of(APP, Tier.of("production", TierKind.PRODUCTION).withGate(gate));
            TestEvidence evidence = new TestEvidence(
                    new TestTotals(10, 2, 0, 0, 0, 1.0),
                    List.of(),
                    List.of(
                            new TestFailure(new TestId("ShopTest", "known"), TestFailure.Kind.FAILURE, "", ""),
                            new TestFailure(new TestId("ShopTest", "fresh"), TestFailure.Kind.FAILURE, "", "")),
                    List.of(),
                    List.of(),
                    List.of());
            GateRequest request = GateRequest.builder(
                            ladder, "production", Events.candidate("1.1"), GateEvidence.of(evidence))
                    .build();
            Verdict verdict = new GateEngine(Clock.fixed(at(10), ZoneOffset.UTC))
                    .evaluate(request, LedgerPromotionHistory.of(ledger));
            assertThat(verdict.status(), is(VerdictStatus.BLOCKED));
            assertThat(
                    verdict.reasons().stream()
                            .anyMatch(f -> f.message().contains("ShopTest.fresh")
                                    && !f.message().contains("ShopTest.known")),
                    is(true));
        }
    }
}
