package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.model.TierKind;
import io.jenkins.plugins.tiers.report.ReportFile;
import io.jenkins.plugins.tiers.report.SuiteSummary;
import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.report.TestFailure;
import io.jenkins.plugins.tiers.report.TestId;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Builds gate scenarios for tests: a four-tier ladder, evidence, a history and a fixed clock. */
final class Scenario {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private GatePolicy staging = GatePolicy.DEFAULT;
    private boolean testingSkippable;
    private final InMemoryHistory.Builder history = InMemoryHistory.builder();
    private Instant now = NOW;
    private String candidate = "1.4.2";
    private EvidenceBuilder evidence = new EvidenceBuilder();
    private GateEvidence unreadable;
    private UnaryOperator<GateRequest.Builder> request = b -> b;

    static Scenario staging(GatePolicy gate) {
        Scenario s = new Scenario();
        s.staging = gate;
        return s;
    }

    static Scenario staging(UnaryOperator<GatePolicy.Builder> gate) {
        return staging(gate.apply(GatePolicy.builder()).build());
    }

    static TestId id(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return new TestId(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** The candidate is live in testing (since an hour ago) and passed it: the usual way up. */
    Scenario promotedFromTesting() {
        history.passed("testing", Candidate.of(candidate), Set.of());
        history.live("testing", Candidate.of(candidate), NOW.minusSeconds(3600), "ci");
        return this;
    }

    Scenario history(UnaryOperator<InMemoryHistory.Builder> past) {
        past.apply(history);
        return this;
    }

    Scenario testingSkippable() {
        testingSkippable = true;
        return this;
    }

    Scenario candidate(String version) {
        candidate = version;
        return this;
    }

    Scenario at(Instant instant) {
        now = instant;
        return this;
    }

    Scenario evidence(UnaryOperator<EvidenceBuilder> tests) {
        evidence = tests.apply(evidence);
        return this;
    }

    Scenario unreadable(String reason) {
        unreadable = GateEvidence.unreadable(reason);
        return this;
    }

    Scenario request(UnaryOperator<GateRequest.Builder> more) {
        request = more;
        return this;
    }

    Ladder ladder() {
        return Ladder.of(
                "shop",
                Tier.of("development", TierKind.DEVELOPMENT),
                Tier.of("testing", TierKind.TESTING).withSkippable(testingSkippable),
                Tier.of("staging", TierKind.STAGING).withGate(staging),
                Tier.of("production", TierKind.PRODUCTION));
    }

    Verdict verdict() {
        return verdict("staging");
    }

    Verdict verdict(String tier) {
        GateEvidence e = unreadable != null ? unreadable : GateEvidence.of(evidence.build());
        GateRequest r = request.apply(GateRequest.builder(ladder(), tier, Candidate.of(candidate), e))
                .build();
        return new GateEngine(Clock.fixed(now, ZoneOffset.UTC)).evaluate(r, history.build());
    }

    /** The finding of one rule; fails if there is not exactly one. */
    Finding finding(String rule) {
        return only(verdict(), rule);
    }

    static Finding only(Verdict v, String rule) {
        List<Finding> found =
                v.findings().stream().filter(f -> f.rule().equals(rule)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one finding of " + rule + " in " + v.findings());
        }
        return found.get(0);
    }

    /** Test evidence with passing tests, named failures, skipped and flaky tests, suites and files. */
    static final class EvidenceBuilder {
        int passed = 409;
        int skipped = 3;
        final List<TestFailure> failures = new ArrayList<>();
        final List<TestId> flaky = new ArrayList<>();
        final List<SuiteSummary> suites = new ArrayList<>();
        final List<ReportFile> files = new ArrayList<>(List.of(new ReportFile("TEST-a.xml", NOW.minusSeconds(600))));
        final List<String> warnings = new ArrayList<>();
        final List<String> incomplete = new ArrayList<>();
        int failuresLeftOut;

        EvidenceBuilder passed(int n) {
            passed = n;
            return this;
        }

        EvidenceBuilder skipped(int n) {
            skipped = n;
            return this;
        }

        EvidenceBuilder failed(String... names) {
            for (String n : names) {
                failures.add(new TestFailure(id(n), TestFailure.Kind.FAILURE, "expected", ""));
            }
            return this;
        }

        EvidenceBuilder errored(String... names) {
            for (String n : names) {
                failures.add(new TestFailure(id(n), TestFailure.Kind.ERROR, "boom", ""));
            }
            return this;
        }

        EvidenceBuilder flaky(String... names) {
            for (String n : names) {
                flaky.add(id(n));
            }
            return this;
        }

        EvidenceBuilder suite(String name, int run, int skippedInSuite) {
            suites.add(new SuiteSummary(name, new TestTotals(run, 0, 0, skippedInSuite, 0, 1)));
            return this;
        }

        EvidenceBuilder files(ReportFile... written) {
            files.clear();
            files.addAll(List.of(written));
            return this;
        }

        EvidenceBuilder warning(String text) {
            warnings.add(text);
            return this;
        }

        EvidenceBuilder incomplete(String why) {
            incomplete.add(why);
            return this;
        }

        /** Failures counted in the totals but not kept by name. */
        EvidenceBuilder unnamedFailures(int n) {
            failuresLeftOut = n;
            return this;
        }

        TestEvidence build() {
            int failed = (int) failures.stream()
                    .filter(f -> f.kind() == TestFailure.Kind.FAILURE)
                    .count();
            int errored = failures.size() - failed;
            TestTotals totals = new TestTotals(passed, failed + failuresLeftOut, errored, skipped, flaky.size(), 12.5);
            return new TestEvidence(totals, suites, failures, flaky, files, warnings, incomplete, failuresLeftOut);
        }
    }
}
