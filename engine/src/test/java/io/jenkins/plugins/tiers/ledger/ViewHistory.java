package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.model.TierKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small history for the view queries: 1.0 reached production, 1.1 stopped at staging, 2.0 is new. */
final class ViewHistory {
    static final String APP = "shop";
    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    static final Ladder LADDER = Ladder.of(
            APP,
            Tier.of("dev", TierKind.DEVELOPMENT),
            Tier.of("staging", TierKind.STAGING),
            new Tier("production", "Production", TierKind.PRODUCTION, null, null, null, false, null));

    private ViewHistory() {}

    static Candidate candidate(String version, String revision, int build) {
        return new Candidate(version, new BuildRef("shop-build", build), revision, T0);
    }

    static Instant day(int n) {
        return T0.plusSeconds(86_400L * n);
    }

    static LedgerEvent verdict(String tier, Candidate c, Instant at, Finding.Outcome outcome, String message) {
        return LedgerEvent.verdict(
                new Verdict(
                        APP,
                        tier,
                        c,
                        List.of(new Finding("tests", outcome, "tests", message)),
                        Map.of("minTests", "1"),
                        at),
                null,
                "shop-build #" + c.origin().number());
    }

    static void write(Ledger ledger) {
        Candidate v10 = candidate("1.0", "abc1234def", 1);
        Candidate v11 = candidate("1.1 PROJ-42", "bcd2345efa", 2);
        Candidate v20 = candidate("2.0", "cde3456fab", 3);
        ledger.append(LedgerEvent.deploymentSucceeded(APP, "dev", v10, "alice", day(0)));
        ledger.append(verdict("staging", v10, day(1), Finding.Outcome.PASS, "120 tests passed"));
        ledger.append(LedgerEvent.deploymentSucceeded(APP, "staging", v10, "alice", day(1)));
        ledger.append(verdict("production", v10, day(2), Finding.Outcome.WAIT, "waiting for 1 approval"));
        ledger.append(LedgerEvent.approval(
                APP, "production", v10, new Approval(true, "bob", List.of("release-managers"), "ship it"), day(2)));
        ledger.append(verdict("production", v10, day(2), Finding.Outcome.PASS, "approved by bob"));
        ledger.append(LedgerEvent.deploymentSucceeded(APP, "production", v10, "bob", day(2)));
        ledger.append(LedgerEvent.deploymentSucceeded(APP, "dev", v11, "alice", day(3)));
        ledger.append(
                verdict("staging", v11, day(4), Finding.Outcome.BLOCK, "new failure: com.example.CartTest.total"));
        ledger.append(LedgerEvent.deploymentSucceeded(APP, "dev", v20, "alice", day(20)));
    }
}
