package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.GateContext.finding;
import static io.jenkins.plugins.tiers.gate.GateContext.list;
import static io.jenkins.plugins.tiers.gate.GateContext.plural;
import static io.jenkins.plugins.tiers.gate.GateContext.simpleName;
import static io.jenkins.plugins.tiers.gate.GateContext.time;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import io.jenkins.plugins.tiers.model.DurationText;
import io.jenkins.plugins.tiers.report.SuiteSummary;
import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.report.TestFailure;
import io.jenkins.plugins.tiers.report.TestId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that judge test evidence. Quarantined failures are left out of every count (and
 * listed); flaky tests count as passed, as failures, or against their own limit, as the policy
 * says.
 */
final class TestRules {

    private final GateContext c;
    private final GatePolicy policy;
    private final TestEvidence evidence;
    private final List<Glob> quarantine;
    private final List<TestId> quarantined;
    private final List<TestId> failing;
    private final int countedFailures;
    private final int considered;

    TestRules(GateContext c, TestEvidence evidence) {
        this.c = c;
        this.policy = c.policy();
        this.evidence = evidence;
        quarantine = policy.quarantine().stream().map(Glob::new).toList();
        List<TestId> q = new ArrayList<>();
        List<TestId> f = new ArrayList<>();
        Set<TestId> seen = new LinkedHashSet<>();
        for (TestFailure failure : evidence.failures()) {
            if (seen.add(failure.id())) {
                (isQuarantined(failure.id()) ? q : f).add(failure.id());
            }
        }
        quarantined = List.copyOf(q);
        failing = List.copyOf(f);
        int raw = evidence.totals().failed() + evidence.totals().errored();
        int flakyAsFailures = policy.flaky().mode() == FlakyPolicy.Mode.FAIL
                ? evidence.totals().flaky()
                : 0;
        countedFailures = Math.max(0, raw - quarantined.size()) + flakyAsFailures;
        considered = Math.max(0, evidence.totals().run() - quarantined.size());
    }

    private boolean isQuarantined(TestId id) {
        String simple = simpleName(id.className());
        String simpleName = simple.isEmpty() ? id.name() : simple + "." + id.name();
        return quarantine.stream().anyMatch(g -> g.matches(id.displayName(), simpleName));
    }

    List<Finding> evaluate() {
        List<Finding> findings = new ArrayList<>();
        if (!evidence.warnings().isEmpty()) {
            findings.add(finding(
                    "reports",
                    Outcome.INFO,
                    ReasonCode.REPORT_WARNINGS,
                    plural(evidence.warnings().size(), "warning", "warnings") + " while reading "
                            + plural(evidence.files().size(), "report", "reports") + ": "
                            + list(evidence.warnings())));
        }
        if (!evidence.incomplete().isEmpty()) {
            findings.add(finding(
                    "reports",
                    Outcome.BLOCK,
                    ReasonCode.EVIDENCE_INCOMPLETE,
                    "the reports may not hold every outcome, so the gate cannot trust them: "
                            + list(evidence.incomplete())));
        }
        futureReports().ifPresent(findings::add);
        findings.add(counts());
        policy.minPassRate().ifPresent(min -> findings.add(passRate(min)));
        if (policy.maxSkipped().isPresent() || policy.maxSkippedPercent().isPresent()) {
            findings.add(skipped());
        }
        if (policy.noNewFailures()) {
            findings.add(newFailures());
        }
        if (!policy.quarantine().isEmpty()) {
            findings.add(quarantine());
        }
        if (!policy.requiredSuites().isEmpty()) {
            findings.add(requiredSuites());
        }
        findings.add(flaky());
        policy.maxReportAge().ifPresent(max -> findings.add(reportAge(max)));
        return findings;
    }

    /** {@code 412 tests, 0 failed, 3 skipped (min 1, max 0 failures)}. */
    private Finding counts() {
        var t = evidence.totals();
        StringBuilder line = new StringBuilder();
        line.append(plural(t.tests(), "test", "tests")).append(", ");
        line.append(t.failed() + t.errored()).append(" failed");
        if (!quarantined.isEmpty()) {
            line.append(" (").append(quarantined.size()).append(" quarantined)");
        }
        if (policy.flaky().mode() == FlakyPolicy.Mode.FAIL && t.flaky() > 0) {
            line.append(", ").append(t.flaky()).append(" flaky counted as failed");
        }
        line.append(", ").append(t.skipped()).append(" skipped");
        line.append(" (min ").append(policy.minTests()).append(", max ").append(policy.maxFailures());
        line.append(policy.maxFailures() == 1 ? " failure)" : " failures)");
        if (t.run() < policy.minTests()) {
            line.append(": ")
                    .append(t.run() == 0 ? "no test ran" : "only " + plural(t.run(), "test", "tests") + " ran");
            return finding("tests", Outcome.BLOCK, ReasonCode.TOO_FEW_TESTS, line.toString());
        }
        if (countedFailures > policy.maxFailures()) {
            line.append(": ").append(plural(countedFailures, "failure counts", "failures count"));
            if (!failing.isEmpty()) {
                line.append(", ").append(list(names(failing)));
            }
            return finding("tests", Outcome.BLOCK, ReasonCode.TOO_MANY_FAILURES, line.toString());
        }
        return finding("tests", Outcome.PASS, ReasonCode.TESTS_OK, line.toString());
    }

    /** {@code pass rate 99.27% (407 of 410 tests), min 99.5%}. */
    private Finding passRate(double min) {
        if (considered == 0) {
            return finding(
                    "minPassRate",
                    Outcome.BLOCK,
                    ReasonCode.PASS_RATE_TOO_LOW,
                    "no test ran, so there is no pass rate (min " + GatePolicy.percent(min) + ")");
        }
        int passed = Math.max(0, considered - countedFailures);
        double rate = 100.0 * passed / considered;
        String line = "pass rate " + rate(rate) + " (" + passed + " of " + plural(considered, "test", "tests")
                + "), min " + GatePolicy.percent(min);
        return rate >= min
                ? finding("minPassRate", Outcome.PASS, ReasonCode.PASS_RATE_OK, line)
                : finding("minPassRate", Outcome.BLOCK, ReasonCode.PASS_RATE_TOO_LOW, line);
    }

    /** Rates are truncated, never rounded up, so 99.996% is not shown as a passing 100%. */
    private static String rate(double percent) {
        double truncated = Math.floor(percent * 100) / 100;
        return GatePolicy.percent(truncated);
    }

    /** {@code 3 skipped of 412 tests (0.72%), max 10 and 5%}. */
    private Finding skipped() {
        var t = evidence.totals();
        double percent = t.tests() == 0 ? 0 : 100.0 * t.skipped() / t.tests();
        List<String> limits = new ArrayList<>();
        policy.maxSkipped().ifPresent(n -> limits.add(String.valueOf(n)));
        policy.maxSkippedPercent().ifPresent(p -> limits.add(GatePolicy.percent(p)));
        String line = t.skipped() + " skipped of " + plural(t.tests(), "test", "tests") + " ("
                + String.format(Locale.ROOT, "%.2f%%", percent) + "), max " + String.join(" and ", limits);
        boolean tooMany = (policy.maxSkipped().isPresent()
                        && t.skipped() > policy.maxSkipped().getAsInt())
                || (policy.maxSkippedPercent().isPresent()
                        && percent > policy.maxSkippedPercent().getAsDouble());
        return tooMany
                ? finding("maxSkipped", Outcome.BLOCK, ReasonCode.TOO_MANY_SKIPPED, line)
                : finding("maxSkipped", Outcome.PASS, ReasonCode.SKIPPED_OK, line);
    }

    /** {@code 2 new failures against 1.4.1 live in production: OrderIT.refund, …}. */
    private Finding newFailures() {
        String tier = policy.baselineTier().orElse(c.target().id());
        Optional<Baseline> baseline = c.history().baselineFor(tier);
        if (baseline.isEmpty()) {
            String why = "no baseline in " + tier + " (no live candidate with a recorded verdict, no candidate"
                    + " passed its gate yet), so every failure counts as new: ";
            return failing.isEmpty()
                    ? finding("noNewFailures", Outcome.PASS, ReasonCode.NO_BASELINE, why + "none failed")
                    : finding(
                            "noNewFailures",
                            Outcome.BLOCK,
                            ReasonCode.NEW_FAILURES,
                            why + plural(failing.size(), "failure", "failures") + ": " + list(names(failing)));
        }
        if (evidence.failuresLeftOut() > 0) {
            return finding(
                    "noNewFailures",
                    Outcome.BLOCK,
                    ReasonCode.FAILURES_NOT_NAMED,
                    evidence.failuresLeftOut() + " failures beyond the "
                            + evidence.failures().size() + " kept by name cannot be compared with " + tier
                            + "'s baseline");
        }
        Baseline b = baseline.get();
        List<TestId> fresh =
                failing.stream().filter(id -> !b.failures().contains(id)).toList();
        if (fresh.isEmpty()) {
            String known = failing.isEmpty()
                    ? ""
                    : " (" + plural(failing.size(), "failure", "failures") + ", all failing there too)";
            return finding(
                    "noNewFailures",
                    Outcome.PASS,
                    ReasonCode.NO_NEW_FAILURES,
                    "no new failures against " + b.describe() + known);
        }
        return finding(
                "noNewFailures",
                Outcome.BLOCK,
                ReasonCode.NEW_FAILURES,
                plural(fresh.size(), "new failure", "new failures") + " against " + b.describe() + ": "
                        + list(names(fresh)));
    }

    /** {@code 2 quarantined failures, not counted: LegacyIT.slow, …}. */
    private Finding quarantine() {
        if (quarantined.isEmpty()) {
            return finding(
                    "quarantine",
                    Outcome.INFO,
                    ReasonCode.QUARANTINE_CLEAN,
                    "no quarantined test failed (" + String.join(", ", policy.quarantine()) + ")");
        }
        return finding(
                "quarantine",
                Outcome.INFO,
                ReasonCode.QUARANTINED,
                plural(quarantined.size(), "quarantined failure", "quarantined failures") + ", not counted: "
                        + list(names(quarantined)));
    }

    /** {@code required suites ran: *IT (3 suites, 120 tests), *SmokeTest (1 suite, 5 tests)}. */
    private Finding requiredSuites() {
        List<String> ran = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String pattern : policy.requiredSuites()) {
            Glob glob = new Glob(pattern);
            int suites = 0;
            int tests = 0;
            for (SuiteSummary s : evidence.suites()) {
                if (glob.matches(s.name(), simpleName(s.name())) && s.totals().run() > 0) {
                    suites++;
                    tests += s.totals().run();
                }
            }
            if (suites == 0) {
                missing.add(pattern);
            } else {
                ran.add(pattern + " (" + plural(suites, "suite", "suites") + ", " + plural(tests, "test", "tests")
                        + ")");
            }
        }
        if (!missing.isEmpty()) {
            return finding(
                    "requiredSuites",
                    Outcome.BLOCK,
                    ReasonCode.MISSING_SUITE,
                    "required " + (missing.size() == 1 ? "suite" : "suites") + " did not run: "
                            + String.join(", ", missing) + " (no matching suite ran a test)");
        }
        return finding(
                "requiredSuites",
                Outcome.PASS,
                ReasonCode.REQUIRED_SUITES_RAN,
                "required suites ran: " + String.join(", ", ran));
    }

    /** {@code 3 flaky tests, at most 2 allowed: CartIT.total, …}. */
    private Finding flaky() {
        int n = evidence.totals().flaky();
        FlakyPolicy rule = policy.flaky();
        if (n == 0) {
            return finding("flaky", Outcome.PASS, ReasonCode.NO_FLAKY, "no flaky tests (flaky tests: " + rule + ")");
        }
        String names = evidence.flaky().isEmpty() ? "" : ": " + list(names(evidence.flaky()));
        String count = plural(n, "flaky test", "flaky tests");
        return switch (rule.mode()) {
            case IGNORE ->
                finding("flaky", Outcome.INFO, ReasonCode.FLAKY_IGNORED, count + ", counted as passed" + names);
            case FAIL ->
                finding("flaky", Outcome.INFO, ReasonCode.FLAKY_COUNTED, count + ", counted as failures" + names);
            case ALLOW ->
                n > rule.allowed()
                        ? finding(
                                "flaky",
                                Outcome.BLOCK,
                                ReasonCode.TOO_MANY_FLAKY,
                                count + ", at most " + rule.allowed() + " allowed" + names)
                        : finding(
                                "flaky",
                                Outcome.PASS,
                                ReasonCode.FLAKY_ALLOWED,
                                count + ", at most " + rule.allowed() + " allowed" + names);
        };
    }

    /**
     * A warning for reports dated after the time of evaluation: their age is unknown, never "0s"
     * (a clock that is wrong on the agent, or a date set by hand).
     */
    private Optional<Finding> futureReports() {
        List<String> future = evidence.files().stream()
                .filter(f -> f.lastModified() != null && f.lastModified().isAfter(c.now()))
                .map(f -> f.path() + " (" + time(f.lastModified()) + ")")
                .toList();
        if (future.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(finding(
                "reportDates",
                Outcome.INFO,
                ReasonCode.REPORT_IN_FUTURE,
                "warning: " + plural(future.size(), "report is", "reports are") + " dated after "
                        + time(c.now()) + ", so " + (future.size() == 1 ? "its" : "their")
                        + " age is unknown (a wrong clock?): " + list(future)));
    }

    /** {@code oldest report is 3h 10m old (written 2026-…Z), at most 2h allowed}. */
    private Finding reportAge(Duration max) {
        Optional<Instant> oldest = evidence.oldestReport();
        if (oldest.isEmpty()) {
            return finding(
                    "maxReportAge",
                    Outcome.BLOCK,
                    ReasonCode.REPORT_AGE_UNKNOWN,
                    "no report has a modification time, so its age cannot be checked (at most "
                            + DurationText.format(max) + " allowed)");
        }
        if (oldest.get().isAfter(c.now())) {
            // Every report is dated after now: a skewed clock, not fresh evidence.
            return finding(
                    "maxReportAge",
                    Outcome.BLOCK,
                    ReasonCode.REPORT_AGE_UNKNOWN,
                    "every report is dated in the future (the oldest " + time(oldest.get())
                            + "), so its age cannot be checked (at most " + DurationText.format(max) + " allowed)");
        }
        Duration age = Duration.between(oldest.get(), c.now());
        String line = "oldest report is " + DurationText.format(age.withNanos(0)) + " old (written "
                + time(oldest.get()) + "), at most " + DurationText.format(max) + " allowed";
        return age.compareTo(max) > 0
                ? finding("maxReportAge", Outcome.BLOCK, ReasonCode.REPORT_TOO_OLD, line)
                : finding("maxReportAge", Outcome.PASS, ReasonCode.REPORT_FRESH, line);
    }

    private static List<String> names(List<TestId> ids) {
        return ids.stream().map(TestRules::shortName).toList();
    }

    /** {@code OrderIT.refund}: evidence lines stay short; the full names are in the evidence. */
    private static String shortName(TestId id) {
        String simple = simpleName(id.className());
        return simple.isEmpty() ? id.name() : simple + "." + id.name();
    }
}
