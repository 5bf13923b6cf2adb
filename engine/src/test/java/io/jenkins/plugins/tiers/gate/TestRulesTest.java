package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.Scenario.NOW;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.report.ReportFile;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class TestRulesTest {

    private static void assertFinding(Finding f, Outcome outcome, ReasonCode code, String message) {
        assertThat(f.toString(), f.outcome(), is(outcome));
        assertThat(f.toString(), f.code(), is(code.name()));
        assertThat(f.message(), is(message));
    }

    @Test
    public void passesWithTheDefaultGateAndSaysWhatItCounted() {
        Scenario s = Scenario.staging(GatePolicy.DEFAULT).promotedFromTesting();
        assertFinding(
                s.finding("tests"),
                Outcome.PASS,
                ReasonCode.TESTS_OK,
                "412 tests, 0 failed, 3 skipped (min 1, max 0 failures)");
        assertThat(s.verdict().status(), is(VerdictStatus.PASSED));
    }

    @Test
    public void zeroTestsBlock() {
        Scenario s = Scenario.staging(GatePolicy.DEFAULT).promotedFromTesting().evidence(e -> e.passed(0)
                .skipped(0));
        assertFinding(
                s.finding("tests"),
                Outcome.BLOCK,
                ReasonCode.TOO_FEW_TESTS,
                "0 tests, 0 failed, 0 skipped (min 1, max 0 failures): no test ran");
        assertThat(s.verdict().status(), is(VerdictStatus.BLOCKED));
    }

    @Test
    public void onlySkippedTestsAreTooFew() {
        Scenario s = Scenario.staging(b -> b.minTests(500))
                .promotedFromTesting()
                .evidence(e -> e.passed(400).skipped(30));
        assertFinding(
                s.finding("tests"),
                Outcome.BLOCK,
                ReasonCode.TOO_FEW_TESTS,
                "430 tests, 0 failed, 30 skipped (min 500, max 0 failures): only 400 tests ran");
    }

    @Test
    public void failuresAboveTheMaximumBlockAndAreNamed() {
        Scenario s = Scenario.staging(b -> b.maxFailures(1))
                .promotedFromTesting()
                .evidence(e -> e.failed("com.shop.OrderIT.refund").errored("com.shop.CartIT.total"));
        assertFinding(
                s.finding("tests"),
                Outcome.BLOCK,
                ReasonCode.TOO_MANY_FAILURES,
                "414 tests, 2 failed, 3 skipped (min 1, max 1 failure): 2 failures count, OrderIT.refund,"
                        + " CartIT.total");
    }

    @Test
    public void aQuarantinedFailureDoesNotBlockButIsListed() {
        Scenario s = Scenario.staging(b -> b.quarantine(List.of("com.shop.legacy.*", "PaymentIT.retry*")))
                .promotedFromTesting()
                .evidence(e -> e.failed("com.shop.legacy.LegacyIT.slow", "com.shop.PaymentIT.retryTwice"));
        assertFinding(
                s.finding("tests"),
                Outcome.PASS,
                ReasonCode.TESTS_OK,
                "414 tests, 2 failed (2 quarantined), 3 skipped (min 1, max 0 failures)");
        assertFinding(
                s.finding("quarantine"),
                Outcome.INFO,
                ReasonCode.QUARANTINED,
                "2 quarantined failures, not counted: LegacyIT.slow, PaymentIT.retryTwice");
        assertThat(s.verdict().status(), is(VerdictStatus.PASSED));
    }

    @Test
    public void aNewFailureBlocksWhileAQuarantinedOneDoesNot() {
        Scenario s = Scenario.staging(b ->
                        b.quarantine(List.of("*LegacyIT.*")).noNewFailures(true).maxFailures(5))
                .promotedFromTesting()
                .history(h -> h.passed("staging", Candidate.of("1.4.1"), Set.of(Scenario.id("com.shop.CartIT.total")))
                        .live("staging", Candidate.of("1.4.1"), NOW.minusSeconds(86_400), "ci"))
                .evidence(e -> e.failed("com.shop.LegacyIT.slow", "com.shop.CartIT.total", "com.shop.OrderIT.refund"));
        assertFinding(
                s.finding("noNewFailures"),
                Outcome.BLOCK,
                ReasonCode.NEW_FAILURES,
                "1 new failure against 1.4.1 live in staging: OrderIT.refund");
        assertThat(s.finding("tests").outcome(), is(Outcome.PASS));
        assertThat(s.verdict().reasons().size(), is(1));
    }

    @Test
    public void newFailuresAreComparedWithTheLiveCandidateOfTheBaselineTier() {
        Scenario s = Scenario.staging(
                        b -> b.noNewFailures(true).baselineTier("production").maxFailures(10))
                .promotedFromTesting()
                .history(
                        h -> h.passed("production", Candidate.of("1.4.1"), Set.of(Scenario.id("com.shop.CartIT.total")))
                                .live("production", Candidate.of("1.4.1"), NOW.minusSeconds(86_400), "ci"))
                .evidence(e -> e.failed(
                        "com.shop.OrderIT.refund",
                        "com.shop.OrderIT.cancel",
                        "com.shop.CartIT.total",
                        "com.shop.A.a",
                        "com.shop.B.b",
                        "com.shop.C.c",
                        "com.shop.D.d"));
        assertFinding(
                s.finding("noNewFailures"),
                Outcome.BLOCK,
                ReasonCode.NEW_FAILURES,
                "6 new failures against 1.4.1 live in production: OrderIT.refund, OrderIT.cancel, A.a, B.b, C.c … and"
                        + " 1 more");
    }

    @Test
    public void knownFailuresAreNotNew() {
        Scenario s = Scenario.staging(b -> b.noNewFailures(true).maxFailures(1))
                .promotedFromTesting()
                .history(h -> h.passed("staging", Candidate.of("1.4.0"), Set.of(Scenario.id("com.shop.CartIT.total"))))
                .evidence(e -> e.failed("com.shop.CartIT.total"));
        assertFinding(
                s.finding("noNewFailures"),
                Outcome.PASS,
                ReasonCode.NO_NEW_FAILURES,
                "no new failures against 1.4.0, the last to pass staging (1 failure, all failing there too)");
    }

    @Test
    public void withoutABaselineEveryFailureIsNewAndTheEvidenceSaysSo() {
        Scenario clean = Scenario.staging(b -> b.noNewFailures(true)).promotedFromTesting();
        assertFinding(
                clean.finding("noNewFailures"),
                Outcome.PASS,
                ReasonCode.NO_BASELINE,
                "no baseline in staging (no live candidate with a recorded verdict, no candidate passed its gate"
                        + " yet), so every failure counts as new: none failed");
        Scenario failing = Scenario.staging(b -> b.noNewFailures(true).maxFailures(3))
                .promotedFromTesting()
                .evidence(e -> e.failed("com.shop.OrderIT.refund"));
        assertFinding(
                failing.finding("noNewFailures"),
                Outcome.BLOCK,
                ReasonCode.NEW_FAILURES,
                "no baseline in staging (no live candidate with a recorded verdict, no candidate passed its gate"
                        + " yet), so every failure counts as new: 1 failure: OrderIT.refund");
    }

    @Test
    public void passRateIsTruncatedAndComparedWithTheMinimum() {
        Object[][] table = {
            // passed, failed names, min, outcome, line
            {199, 1, 99.5, Outcome.PASS, "pass rate 99.5% (199 of 200 tests), min 99.5%"},
            {198, 2, 99.5, Outcome.BLOCK, "pass rate 99% (198 of 200 tests), min 99.5%"},
            {29_999, 1, 100.0, Outcome.BLOCK, "pass rate 99.99% (29999 of 30000 tests), min 100%"},
        };
        for (Object[] row : table) {
            int failures = (Integer) row[1];
            String[] names = new String[failures];
            for (int i = 0; i < failures; i++) {
                names[i] = "com.shop.T.t" + i;
            }
            Scenario s = Scenario.staging(b -> b.maxFailures(10).minPassRate((Double) row[2]))
                    .promotedFromTesting()
                    .evidence(e -> e.passed((Integer) row[0]).skipped(0).failed(names));
            Finding f = s.finding("minPassRate");
            assertThat(f.message(), is(row[4]));
            assertThat(f.outcome(), is(row[3]));
        }
    }

    @Test
    public void skippedTestsAreLimitedByCountAndRate() {
        Object[][] table = {
            {10, null, 3, Outcome.PASS, "3 skipped of 412 tests (0.73%), max 10"},
            {2, null, 3, Outcome.BLOCK, "3 skipped of 412 tests (0.73%), max 2"},
            {null, 0.5, 3, Outcome.BLOCK, "3 skipped of 412 tests (0.73%), max 0.5%"},
            {10, 1.0, 3, Outcome.PASS, "3 skipped of 412 tests (0.73%), max 10 and 1%"},
        };
        for (Object[] row : table) {
            Scenario s = Scenario.staging(b -> {
                        if (row[0] != null) {
                            b.maxSkipped((Integer) row[0]);
                        }
                        if (row[1] != null) {
                            b.maxSkippedPercent((Double) row[1]);
                        }
                        return b;
                    })
                    .promotedFromTesting()
                    .evidence(e -> e.skipped((Integer) row[2]));
            Finding f = s.finding("maxSkipped");
            assertThat(f.message(), is(row[4]));
            assertThat(f.outcome(), is(row[3]));
            assertThat(f.code(), is(row[3] == Outcome.PASS ? "SKIPPED_OK" : "TOO_MANY_SKIPPED"));
        }
    }

    @Test
    public void aMissingRequiredSuiteBlocks() {
        Scenario s = Scenario.staging(b -> b.requiredSuites(List.of("*IT", "*SmokeTest")))
                .promotedFromTesting()
                .evidence(e -> e.suite("com.shop.OrderIT", 40, 0)
                        .suite("com.shop.CartIT", 20, 1)
                        .suite("com.shop.CheckoutSmokeTest", 0, 5));
        assertFinding(
                s.finding("requiredSuites"),
                Outcome.BLOCK,
                ReasonCode.MISSING_SUITE,
                "required suite did not run: *SmokeTest (no matching suite ran a test)");
        Scenario ran = Scenario.staging(b -> b.requiredSuites(List.of("*IT", "CheckoutSmokeTest")))
                .promotedFromTesting()
                .evidence(e -> e.suite("com.shop.OrderIT", 40, 0)
                        .suite("com.shop.CartIT", 20, 1)
                        .suite("com.shop.CheckoutSmokeTest", 5, 0));
        assertFinding(
                ran.finding("requiredSuites"),
                Outcome.PASS,
                ReasonCode.REQUIRED_SUITES_RAN,
                "required suites ran: *IT (2 suites, 60 tests), CheckoutSmokeTest (1 suite, 5 tests)");
    }

    @Test
    public void flakyTestsCountAsThePolicySays() {
        Object[][] table = {
            {
                FlakyPolicy.IGNORE,
                Outcome.INFO,
                ReasonCode.FLAKY_IGNORED,
                "2 flaky tests, counted as passed: CartIT.total, OrderIT.refund",
                VerdictStatus.PASSED
            },
            {
                FlakyPolicy.allow(2),
                Outcome.PASS,
                ReasonCode.FLAKY_ALLOWED,
                "2 flaky tests, at most 2 allowed: CartIT.total, OrderIT.refund",
                VerdictStatus.PASSED
            },
            {
                FlakyPolicy.allow(1),
                Outcome.BLOCK,
                ReasonCode.TOO_MANY_FLAKY,
                "2 flaky tests, at most 1 allowed: CartIT.total, OrderIT.refund",
                VerdictStatus.BLOCKED
            },
            {
                FlakyPolicy.FAIL,
                Outcome.INFO,
                ReasonCode.FLAKY_COUNTED,
                "2 flaky tests, counted as failures: CartIT.total, OrderIT.refund",
                VerdictStatus.BLOCKED
            },
        };
        for (Object[] row : table) {
            Scenario s = Scenario.staging(b -> b.flaky((FlakyPolicy) row[0]))
                    .promotedFromTesting()
                    .evidence(e -> e.flaky("com.shop.CartIT.total", "com.shop.OrderIT.refund"));
            assertFinding(s.finding("flaky"), (Outcome) row[1], (ReasonCode) row[2], (String) row[3]);
            assertThat(row[0].toString(), s.verdict().status(), is(row[4]));
        }
        Scenario failing = Scenario.staging(b -> b.flaky(FlakyPolicy.FAIL))
                .promotedFromTesting()
                .evidence(e -> e.flaky("com.shop.CartIT.total"));
        assertThat(
                failing.finding("tests").message(),
                is("413 tests, 0 failed, 1 flaky counted as failed, 3 skipped (min 1, max 0 failures): 1 failure"
                        + " counts"));
        assertFinding(
                Scenario.staging(GatePolicy.DEFAULT).promotedFromTesting().finding("flaky"),
                Outcome.PASS,
                ReasonCode.NO_FLAKY,
                "no flaky tests (flaky tests: ignore)");
    }

    @Test
    public void staleReportsBlockAtTheExactAge() {
        Object[][] table = {
            {
                NOW.minus(Duration.ofHours(2)),
                Outcome.PASS,
                ReasonCode.REPORT_FRESH,
                "oldest report is 2h old (written 2026-11-26T08:00:00Z), at most 2h allowed"
            },
            {
                NOW.minus(Duration.ofHours(2)).minusSeconds(1),
                Outcome.BLOCK,
                ReasonCode.REPORT_TOO_OLD,
                "oldest report is 2h 1s old (written 2026-11-26T07:59:59Z), at most 2h allowed"
            },
            {
                NOW.plusSeconds(30),
                Outcome.BLOCK,
                ReasonCode.REPORT_AGE_UNKNOWN,
                "every report is dated in the future (the oldest 2026-11-26T10:00:30Z), so its age cannot be"
                        + " checked (at most 2h allowed)"
            },
        };
        for (Object[] row : table) {
            Scenario s = Scenario.staging(b -> b.maxReportAge(Duration.ofHours(2)))
                    .promotedFromTesting()
                    .evidence(e -> e.files(
                            new ReportFile("TEST-new.xml", NOW.plusSeconds(60)),
                            new ReportFile("TEST-old.xml", (java.time.Instant) row[0])));
            assertFinding(s.finding("maxReportAge"), (Outcome) row[1], (ReasonCode) row[2], (String) row[3]);
        }
        Scenario unknown = Scenario.staging(b -> b.maxReportAge(Duration.ofHours(2)))
                .promotedFromTesting()
                .evidence(e -> e.files(new ReportFile("-", null)));
        assertFinding(
                unknown.finding("maxReportAge"),
                Outcome.BLOCK,
                ReasonCode.REPORT_AGE_UNKNOWN,
                "no report has a modification time, so its age cannot be checked (at most 2h allowed)");
    }

    @Test
    public void aReportDatedInTheFutureIsAWarningNamingItNotAgeZero() {
        Scenario s = Scenario.staging(GatePolicy.DEFAULT)
                .promotedFromTesting()
                .evidence(e -> e.files(
                        new ReportFile("TEST-now.xml", NOW.minusSeconds(60)),
                        new ReportFile("TEST-later.xml", NOW.plusSeconds(3600))));
        assertFinding(
                s.finding("reportDates"),
                Outcome.INFO,
                ReasonCode.REPORT_IN_FUTURE,
                "warning: 1 report is dated after 2026-11-26T10:00:00Z, so its age is unknown (a wrong clock?):"
                        + " TEST-later.xml (2026-11-26T11:00:00Z)");
        Scenario present = Scenario.staging(GatePolicy.DEFAULT)
                .promotedFromTesting()
                .evidence(e -> e.files(new ReportFile("TEST-now.xml", NOW.minusSeconds(60))));
        assertThat(present.verdict().findings().stream().anyMatch(f -> f.rule().equals("reportDates")), is(false));
    }

    @Test
    public void unreadableEvidenceBlocksWithItsReason() {
        Scenario s = Scenario.staging(GatePolicy.DEFAULT)
                .promotedFromTesting()
                .unreadable("no file matches target/surefire-reports/TEST-*.xml");
        Verdict v = s.verdict();
        assertThat(v.status(), is(VerdictStatus.BLOCKED));
        assertFinding(
                Scenario.only(v, "evidence"),
                Outcome.BLOCK,
                ReasonCode.NO_EVIDENCE,
                "no test evidence: no file matches target/surefire-reports/TEST-*.xml");
    }

    @Test
    public void incompleteEvidenceBlocksEvenWhenEveryListedTestPassed() {
        Scenario s = Scenario.staging(GatePolicy.DEFAULT)
                .promotedFromTesting()
                .evidence(e -> e.incomplete("TEST-a.xml:2: suite 'Cart' declares failures=\"2\" but lists 0"));
        assertThat(s.verdict().status(), is(VerdictStatus.BLOCKED));
        assertFinding(
                s.finding("reports"),
                Outcome.BLOCK,
                ReasonCode.EVIDENCE_INCOMPLETE,
                "the reports may not hold every outcome, so the gate cannot trust them: TEST-a.xml:2: suite 'Cart'"
                        + " declares failures=\"2\" but lists 0");
    }

    @Test
    public void failuresNotKeptByNameCannotBeComparedWithABaselineAndBlock() {
        Scenario s = Scenario.staging(
                        b -> b.noNewFailures(true).baselineTier("production").maxFailures(100_000))
                .promotedFromTesting()
                .history(
                        h -> h.passed("production", Candidate.of("1.4.1"), Set.of(Scenario.id("com.shop.CartIT.total")))
                                .live("production", Candidate.of("1.4.1"), NOW.minusSeconds(86_400), "ci"))
                .evidence(e -> e.failed("com.shop.CartIT.total").unnamedFailures(20_000));
        assertThat(s.verdict().status(), is(VerdictStatus.BLOCKED));
        assertFinding(
                s.finding("noNewFailures"),
                Outcome.BLOCK,
                ReasonCode.FAILURES_NOT_NAMED,
                "20000 failures beyond the 1 kept by name cannot be compared with production's baseline");
    }

    @Test
    public void readerWarningsAreListed() {
        Scenario s = Scenario.staging(GatePolicy.DEFAULT)
                .promotedFromTesting()
                .evidence(e -> e.warning("TEST-a.xml: tests=\"5\" but 4 test cases"));
        assertFinding(
                s.finding("reports"),
                Outcome.INFO,
                ReasonCode.REPORT_WARNINGS,
                "1 warning while reading 1 report: TEST-a.xml: tests=\"5\" but 4 test cases");
    }

    @Test
    public void aCleanQuarantineSaysSoAndTwoNewFailuresAreNamed() {
        Scenario clean = Scenario.staging(b -> b.quarantine(List.of("com.shop.legacy.*", "PaymentGatewayIT.timeout*")))
                .promotedFromTesting();
        assertFinding(
                clean.finding("quarantine"),
                Outcome.INFO,
                ReasonCode.QUARANTINE_CLEAN,
                "no quarantined test failed (com.shop.legacy.*, PaymentGatewayIT.timeout*)");
        Scenario two = Scenario.staging(
                        b -> b.noNewFailures(true).baselineTier("production").maxFailures(5))
                .promotedFromTesting()
                .history(h -> h.passed("production", Candidate.of("1.4.1"), Set.of())
                        .live("production", Candidate.of("1.4.1"), NOW.minusSeconds(86_400), "ci"))
                .evidence(e -> e.failed("com.shop.OrderIT.refund", "com.shop.OrderIT.cancel"));
        assertFinding(
                two.finding("noNewFailures"),
                Outcome.BLOCK,
                ReasonCode.NEW_FAILURES,
                "2 new failures against 1.4.1 live in production: OrderIT.refund, OrderIT.cancel");
    }
}
