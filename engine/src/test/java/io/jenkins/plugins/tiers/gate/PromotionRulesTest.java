package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.Scenario.NOW;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.model.TierKind;
import io.jenkins.plugins.tiers.report.TestEvidence;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.Test;

public class PromotionRulesTest {

    private static void assertFinding(Finding f, Outcome outcome, ReasonCode code, String message) {
        assertThat(f.toString(), f.outcome(), is(outcome));
        assertThat(f.toString(), f.code(), is(code.name()));
        assertThat(f.message(), is(message));
    }

    @Test
    public void anyCandidateMayEnterTheFirstTier() {
        Verdict v = Scenario.staging(GatePolicy.DEFAULT).verdict("development");
        assertFinding(
                Scenario.only(v, "fromBelow"),
                Outcome.PASS,
                ReasonCode.FIRST_TIER,
                "development is the first tier: any candidate may enter");
        assertThat(v.status(), is(VerdictStatus.PASSED));
    }

    @Test
    public void aCandidateEntersFromTheTierBelowWhenLiveOrPassedThere() {
        Object[][] table = {
            {
                Scenario.staging(GatePolicy.DEFAULT).history(h -> h.live("testing", Candidate.of("1.4.2"), NOW, "ci")),
                "1.4.2 is live in testing"
            },
            {
                Scenario.staging(GatePolicy.DEFAULT).history(h -> h.passed("testing", Candidate.of("1.4.2"), Set.of())),
                "1.4.2 passed testing"
            },
        };
        for (Object[] row : table) {
            assertFinding(
                    ((Scenario) row[0]).finding("fromBelow"), Outcome.PASS, ReasonCode.PROMOTED_FROM_BELOW, (String)
                            row[1]);
        }
    }

    @Test
    public void skippingATierIsRefusedUnlessItIsSkippable() {
        Scenario fromDevelopment = Scenario.staging(GatePolicy.DEFAULT)
                .history(h -> h.live("development", Candidate.of("1.4.2"), NOW, "ci")
                        .live("testing", Candidate.of("1.4.1"), NOW, "ci"));
        assertFinding(
                fromDevelopment.finding("fromBelow"),
                Outcome.BLOCK,
                ReasonCode.NOT_PROMOTED_FROM_BELOW,
                "1.4.2 is neither live in nor has passed testing, the tier below staging");
        assertThat(fromDevelopment.verdict().status(), is(VerdictStatus.BLOCKED));

        assertFinding(
                fromDevelopment.testingSkippable().finding("fromBelow"),
                Outcome.PASS,
                ReasonCode.PROMOTED_FROM_BELOW,
                "1.4.2 is live in development (skipping testing, skippable)");
    }

    @Test
    public void aSkippableTierDoesNotExcuseTheTierBelowIt() {
        Scenario s = Scenario.staging(GatePolicy.DEFAULT).testingSkippable();
        assertFinding(
                s.finding("fromBelow"),
                Outcome.BLOCK,
                ReasonCode.NOT_PROMOTED_FROM_BELOW,
                "1.4.2 is neither live in nor has passed development, the first tier below staging that cannot be"
                        + " skipped");
    }

    @Test
    public void anOlderCandidateIsRefusedButAllowedAsARollback() {
        Scenario older = Scenario.staging(GatePolicy.DEFAULT).candidate("1.4.0").history(h -> h.passed(
                        "testing", Candidate.of("1.4.0"), Set.of())
                .live("staging", Candidate.of("1.4.1"), NOW.minusSeconds(60), "ci"));
        assertFinding(
                older.finding("notOlderThanLive"),
                Outcome.BLOCK,
                ReasonCode.OLDER_THAN_LIVE,
                "1.4.0 is older than 1.4.1, live in staging; only an explicit rollback may replace it with an older"
                        + " candidate");
        Scenario rollback = older.request(r -> r.rollback(true));
        assertFinding(
                rollback.finding("notOlderThanLive"),
                Outcome.PASS,
                ReasonCode.ROLLBACK,
                "rollback: 1.4.0 is older than 1.4.1, live in staging, and the request is an explicit rollback");
        assertThat(rollback.verdict().status(), is(VerdictStatus.PASSED));
    }

    @Test
    public void redeployingTheLiveCandidateIsAllowed() {
        Scenario s = Scenario.staging(GatePolicy.DEFAULT)
                .promotedFromTesting()
                .history(h -> h.live("staging", Candidate.of("1.4.2"), Instant.parse("2026-11-25T08:00:00Z"), "ci"));
        assertFinding(
                s.finding("notOlderThanLive"),
                Outcome.PASS,
                ReasonCode.REDEPLOY,
                "1.4.2 is already live in staging since 2026-11-25T08:00:00Z; redeploying it is allowed");
        assertThat(s.verdict(), is(s.verdict()));
    }

    @Test
    public void newerIsDecidedByTheNewestChangeBeforeTheVersion() {
        Candidate live = new Candidate("2.0", new BuildRef("shop", 9), "abc", Instant.parse("2026-11-20T12:00:00Z"));
        Scenario s = Scenario.staging(GatePolicy.DEFAULT)
                .candidate("1.9")
                .promotedFromTesting()
                .history(h -> h.live("staging", live, NOW, "ci"));
        // Candidate.of("1.9") has no change time, so the versions decide: 1.9 is older.
        assertThat(s.finding("notOlderThanLive").code(), is("OLDER_THAN_LIVE"));
        assertFinding(
                Scenario.staging(GatePolicy.DEFAULT)
                        .candidate("1.4.10")
                        .promotedFromTesting()
                        .history(h -> h.live("staging", Candidate.of("1.4.9"), NOW, "ci"))
                        .finding("notOlderThanLive"),
                Outcome.PASS,
                ReasonCode.NEWER_THAN_LIVE,
                "1.4.10 is newer than 1.4.9, live in staging");
        assertFinding(
                Scenario.staging(GatePolicy.DEFAULT).promotedFromTesting().finding("notOlderThanLive"),
                Outcome.PASS,
                ReasonCode.NOTHING_LIVE,
                "nothing is live in staging yet");
    }

    @Test
    public void aCandidateMayPassOverEveryTierBelowWhenAllAreSkippable() {
        Ladder ladder = Ladder.of(
                "shop",
                Tier.of("development", TierKind.DEVELOPMENT).withSkippable(true),
                Tier.of("testing", TierKind.TESTING).withSkippable(true),
                Tier.of("staging", TierKind.STAGING));
        TestEvidence green = new Scenario.EvidenceBuilder().build();
        GateRequest request = GateRequest.builder(ladder, "staging", Candidate.of("1.4.2"), GateEvidence.of(green))
                .build();
        Verdict v = new GateEngine(Clock.fixed(NOW, ZoneOffset.UTC)).evaluate(request, PromotionHistory.empty());
        assertFinding(
                Scenario.only(v, "fromBelow"),
                Outcome.PASS,
                ReasonCode.SKIPPED_TO_TIER,
                "1.4.2 enters staging directly: every tier below is skippable (testing, development)");
    }
}
