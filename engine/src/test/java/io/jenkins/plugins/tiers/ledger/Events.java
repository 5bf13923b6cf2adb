package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.report.TestId;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds ledger events for tests, one application ("shop"), times as minutes after a base instant. */
final class Events {
    static final String APP = "shop";
    static final Instant BASE = Instant.parse("2026-03-01T08:00:00Z");

    private Events() {}

    static Instant at(int minutes) {
        return BASE.plusSeconds(60L * minutes);
    }

    static Candidate candidate(String version) {
        return new Candidate(version, new BuildRef("shop/main", 7), "abc" + version.replace(".", ""), BASE);
    }

    static LedgerEvent passed(String tier, String version, int minute, String... failedTests) {
        Verdict v = new Verdict(
                APP,
                tier,
                candidate(version),
                List.of(new Finding("minTests", Finding.Outcome.PASS, "ENOUGH_TESTS", "120 tests ran")),
                Map.of("minTests", "100"),
                at(minute));
        List<TestId> failed = java.util.Arrays.stream(failedTests)
                .map(n -> new TestId("ShopTest", n))
                .toList();
        return LedgerEvent.verdict(
                v, new EvidenceSummary(new TestTotals(120, failed.size(), 0, 0, 0, 3.5), failed), "ci #7");
    }

    static LedgerEvent waiting(String tier, String version, int minute) {
        Verdict v = new Verdict(
                APP,
                tier,
                candidate(version),
                List.of(new Finding(
                        "approval", Finding.Outcome.WAIT, "APPROVAL_PENDING", "needs 1 of release-managers")),
                Map.of("approval", "1 of release-managers"),
                at(minute));
        return LedgerEvent.verdict(v, null, "ci #7");
    }

    static LedgerEvent blocked(String tier, String version, int minute) {
        Verdict v = new Verdict(
                APP,
                tier,
                candidate(version),
                List.of(new Finding("noNewFailures", Finding.Outcome.BLOCK, "NEW_FAILURES", "2 new failures")),
                Map.of(),
                at(minute));
        return LedgerEvent.verdict(v, null, "ci #7");
    }

    static LedgerEvent started(String tier, String version, int minute) {
        return LedgerEvent.deploymentStarted(APP, tier, candidate(version), "alice", at(minute));
    }

    static LedgerEvent succeeded(String tier, String version, int minute) {
        return LedgerEvent.deploymentSucceeded(APP, tier, candidate(version), "alice", at(minute));
    }

    static LedgerEvent failed(String tier, String version, int minute) {
        return LedgerEvent.deploymentFailed(APP, tier, candidate(version), "alice", at(minute), 3, "exit code 3");
    }

    static LedgerEvent rolledBack(String tier, String target, String from, int minute) {
        return LedgerEvent.rolledBack(APP, tier, candidate(target), "bob", at(minute), from);
    }
}
