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
import io.jenkins.plugins.tiers.gate.ApprovalPolicy;
import io.jenkins.plugins.tiers.gate.Baseline;
import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.GateEngine;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.gate.GatePolicy;
import io.jenkins.plugins.tiers.gate.GateRequest;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.model.Candidate;
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
    public void aVersionHasPassedATierOnlyWhenItsLatestVerdictThereDid() throws IOException {
        try (FileLedger ledger = ledger(
                blocked("test", "1.0", 1),
                passed("test", "1.0", 2),
                blocked("test", "1.1", 3),
                passed("test", "1.2", 4),
                blocked("test", "1.2", 5),
                passed("test", "1.3", 6),
                waiting("test", "1.3", 7))) {
            LedgerPromotionHistory history = LedgerPromotionHistory.of(ledger);
            assertThat(history.hasPassed("test", "1.0"), is(true));
            assertThat(history.hasPassed("test", "1.2"), is(false));
            assertThat(history.hasPassed("test", "1.3"), is(false));
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
    public void aGateBlocksACandidateWhoseLatestVerdictInTheTierBelowIsBlockedThoughAnEarlierOnePassed()
            throws IOException {
        try (FileLedger ledger = ledger(passed("testing", "1.0", 1), blocked("testing", "1.0", 2))) {
            Ladder ladder =
                    Ladder.of(APP, Tier.of("testing", TierKind.TESTING), Tier.of("production", TierKind.PRODUCTION));
            TestEvidence evidence = new TestEvidence(
                    new TestTotals(10, 0, 0, 0, 0, 1.0), List.of(), List.of(), List.of(), List.of(), List.of());
            GateRequest request = GateRequest.builder(
                            ladder, "production", Events.candidate("1.0"), GateEvidence.of(evidence))
                    .build();
            Verdict verdict = new GateEngine(Clock.fixed(at(10), ZoneOffset.UTC))
                    .evaluate(request, LedgerPromotionHistory.of(ledger));
            assertThat(verdict.status(), is(VerdictStatus.BLOCKED));
            assertThat(
                    verdict.reasons().get(0).message(),
                    is("1.0 is neither live in nor has passed testing, the tier below production"));
        }
    }

    @Test
    public void approvalsGivenToAVersionAtOneRevisionDoNotCountForTheSameLabelAtAnother() throws IOException {
        try (FileLedger ledger = ledger(
                waiting("production", "1.0", 1),
                approval("production", "1.0", "alice", true, 2),
                approval("production", "1.0", "bob", true, 3))) {
            LedgerPromotionHistory history = LedgerPromotionHistory.of(ledger);
            Candidate approved = Events.candidate("1.0");
            Candidate otherCode = new Candidate("1.0", approved.origin(), "bbb", approved.changedAt());
            assertThat(history.approvals("production", approved).size(), is(2));
            assertThat(history.approvals("production", otherCode), is(empty()));
            assertThat(history.known("1.0").orElseThrow().revision(), is(approved.revision()));
        }
    }

    @Test
    public void aGateRefusesAVersionLabelReusedForAnotherRevisionWhateverItsLabelPassedBefore() throws IOException {
        try (FileLedger ledger = ledger(
                passed("testing", "1.0", 1),
                started("testing", "1.0", 2),
                succeeded("testing", "1.0", 3),
                waiting("production", "1.0", 4),
                approval("production", "1.0", "alice", true, 5))) {
            GatePolicy gate =
                    GatePolicy.builder().approval(ApprovalPolicy.of(1)).build();
            Ladder ladder = Ladder.of(
                    APP,
                    Tier.of("testing", TierKind.TESTING),
                    Tier.of("production", TierKind.PRODUCTION).withGate(gate));
            TestEvidence evidence = new TestEvidence(
                    new TestTotals(10, 0, 0, 0, 0, 1.0), List.of(), List.of(), List.of(), List.of(), List.of());
            Candidate approved = Events.candidate("1.0");
            Candidate otherCode = new Candidate("1.0", approved.origin(), "bbb", approved.changedAt());
            LedgerPromotionHistory history = LedgerPromotionHistory.of(ledger);
            GateEngine engine = new GateEngine(Clock.fixed(at(10), ZoneOffset.UTC));

            Verdict same = engine.evaluate(
                    GateRequest.builder(ladder, "production", approved, GateEvidence.of(evidence))
                            .approvals(history.approvals("production", approved))
                            .build(),
                    history);
            assertThat(same.status(), is(VerdictStatus.PASSED));

            Verdict reused = engine.evaluate(
                    GateRequest.builder(ladder, "production", otherCode, GateEvidence.of(evidence))
                            .approvals(history.approvals("production", otherCode))
                            .build(),
                    history);
            assertThat(reused.status(), is(VerdictStatus.BLOCKED));
            Finding finding = reused.reasons().stream()
                    .filter(f -> f.code().equals("VERSION_REUSED"))
                    .findFirst()
                    .orElseThrow();
            assertThat(
                    finding.message(),
                    is(
                            "1.0 was recorded at revision abc10; revision bbb reuses the label for different code, so"
                                    + " nothing given to 1.0 (verdicts, approvals) counts for it: build it under a new version"));
            assertThat(reused.findings().stream().anyMatch(f -> f.code().equals("APPROVED")), is(false));
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

    @Test
    public void answersWhoDeployedTheLiveCandidateAndWhatPassedWhere() throws IOException {
        try (FileLedger ledger = ledger(
                passed("testing", "1.4.2", 1), succeeded("testing", "1.4.2", 2), blocked("staging", "1.4.2", 3))) {
            LedgerPromotionHistory history = LedgerPromotionHistory.of(ledger);
            assertThat(history.liveIn("testing").orElseThrow().deployedBy(), is("alice"));
            assertThat(history.liveIn("staging").isPresent(), is(false));
            assertThat(history.hasPassed("testing", "1.4.2"), is(true));
            assertThat(history.hasPassed("staging", "1.4.2"), is(false));
        }
    }

    @Test
    public void theLastToPassIsTheLatestPassedVerdictEvenOfACandidateFirstSeenEarlier() throws IOException {
        try (FileLedger ledger = ledger(
                blocked("production", "1.4.0", 1),
                passed("production", "1.4.1", 2, "cancel"),
                passed("production", "1.4.0", 3, "refund"))) {
            Baseline last =
                    LedgerPromotionHistory.of(ledger).baselineFor("production").orElseThrow();
            assertThat(last.describe(), is("1.4.0, the last to pass production"));
            assertThat(last.failures(), is(Set.of(new TestId("ShopTest", "refund"))));
        }
    }

    @Test
    public void theLiveCandidatesEvidenceWinsOverALaterPass() throws IOException {
        try (FileLedger ledger = ledger(
                passed("production", "1.4.0", 1, "refund"),
                succeeded("production", "1.4.0", 2),
                passed("production", "1.4.1", 3, "refund", "cancel"))) {
            Baseline live =
                    LedgerPromotionHistory.of(ledger).baselineFor("production").orElseThrow();
            assertThat(live.describe(), is("1.4.0 live in production"));
            assertThat(live.failures(), is(Set.of(new TestId("ShopTest", "refund"))));
        }
    }

    @Test
    public void theApprovalTimeoutCountsFromTheFirstWaitEver() throws IOException {
        try (FileLedger ledger = ledger(
                waiting("production", "1.4.2", 5),
                waiting("production", "1.4.2", 9),
                blocked("production", "1.4.2", 10),
                waiting("production", "1.4.2", 11),
                LedgerEvent.approval(
                        APP,
                        "production",
                        Events.candidate("1.4.2"),
                        new Approval(false, "bob", List.of("release-managers"), "not yet"),
                        at(12)))) {
            LedgerPromotionHistory history = LedgerPromotionHistory.of(ledger);
            assertThat(history.firstWaiting("production", "1.4.2").orElseThrow(), is(at(5)));
            assertThat(history.firstWaiting("staging", "1.4.2").isPresent(), is(false));
            assertThat(history.firstWaiting("production", "9.9").isPresent(), is(false));
            io.jenkins.plugins.tiers.gate.Approval answer =
                    history.approvals("production", "1.4.2").get(0);
            assertThat(answer.decision(), is(Decision.REFUSE));
            assertThat(answer.comment(), is("not yet"));
            assertThat(answer.groups(), is(Set.of("release-managers")));
        }
    }
}
