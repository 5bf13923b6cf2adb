package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.Scenario.NOW;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.model.Candidate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class GateEngineTest {

    private static final GatePolicy EVERY_RULE = GatePolicy.builder()
            .minTests(100)
            .maxFailures(1)
            .minPassRate(99)
            .maxSkipped(10)
            .noNewFailures(true)
            .quarantine(List.of("*LegacyIT.*"))
            .requiredSuites(List.of("*IT"))
            .flaky(FlakyPolicy.allow(1))
            .maxReportAge(Duration.ofHours(2))
            .approval(ApprovalPolicy.of(1))
            .soak(Duration.ofMinutes(30))
            .freeze(List.of(new WeeklyFreeze(
                    "weekend",
                    ZoneId.of("Europe/Berlin"),
                    Set.of(DayOfWeek.SATURDAY),
                    LocalTime.MIDNIGHT,
                    LocalTime.MIDNIGHT)))
            .build();

    private static List<String> rules(Verdict v) {
        return v.findings().stream().map(Finding::rule).toList();
    }

    @Test
    public void evaluatesEveryRuleOnceInPolicyOrder() {
        Verdict v = Scenario.staging(EVERY_RULE)
                .promotedFromTesting()
                .evidence(e -> e.suite("com.shop.OrderIT", 100, 0))
                .verdict();
        assertThat(
                rules(v),
                contains(
                        "fromBelow",
                        "notOlderThanLive",
                        "tests",
                        "minPassRate",
                        "maxSkipped",
                        "noNewFailures",
                        "quarantine",
                        "requiredSuites",
                        "flaky",
                        "maxReportAge",
                        "approval",
                        "soak",
                        "freeze"));
        assertThat(v.status(), is(VerdictStatus.WAITING));
        assertThat(v.reasons().get(0).message(), is("waiting for 1 more approval from anyone"));
        assertThat(v.evaluatedAt(), is(NOW));
        assertThat(v.application(), is("shop"));
        assertThat(v.candidate().version(), is("1.4.2"));
    }

    @Test
    public void aBlockingRuleOutranksWaitingOnesAndAllReasonsAreListed() {
        Verdict v = Scenario.staging(EVERY_RULE)
                .history(h -> h.live("development", Candidate.of("1.4.2"), NOW, "ci"))
                .evidence(e -> e.suite("com.shop.OrderIT", 100, 0)
                        .failed("com.shop.OrderIT.refund", "com.shop.OrderIT.cancel"))
                .verdict();
        assertThat(v.status(), is(VerdictStatus.BLOCKED));
        assertThat(
                v.reasons().stream().map(Finding::code).toList(),
                contains("NOT_PROMOTED_FROM_BELOW", "TOO_MANY_FAILURES", "NEW_FAILURES", "NOT_SOAKED"));
    }

    @Test
    public void passesWhenEveryRuleIsSatisfied() {
        Verdict v = Scenario.staging(EVERY_RULE)
                .promotedFromTesting()
                .evidence(e -> e.suite("com.shop.OrderIT", 100, 0).failed("com.shop.legacy.LegacyIT.slow"))
                .request(r -> r.startedBy("carol").approval(Approval.approve("bob", NOW.minusSeconds(5))))
                .verdict();
        assertThat(v.findings().toString(), v.status(), is(VerdictStatus.PASSED));
    }

    @Test
    public void recordsThePolicyAsEvaluatedWithThePipelinesTightening() {
        Verdict v = Scenario.staging(EVERY_RULE)
                .promotedFromTesting()
                .request(r -> r.tightenedBy(GatePolicy.builder().minTests(400).build()))
                .verdict();
        assertThat(v.policy(), hasEntry("minTests", "400"));
        assertThat(v.policy(), hasEntry("maxFailures", "1"));
        assertThat(v.policy(), hasEntry("approval", "1 of anyone"));
        assertThat(v.policy(), hasEntry("soak", "30m"));
        assertThat(v.policy(), hasEntry("freeze", "weekend every Sat 00:00–00:00 Europe/Berlin"));
        assertThat(v.policy().size(), is(14));
    }

    @Test
    public void aRelaxingRequestBlocksNamingTheRule() {
        Verdict v = Scenario.staging(EVERY_RULE)
                .promotedFromTesting()
                .request(r -> r.tightenedBy(GatePolicy.builder().maxFailures(5).build()))
                .verdict();
        assertThat(v.status(), is(VerdictStatus.BLOCKED));
        assertThat(v.findings().size(), is(1));
        Finding f = v.findings().get(0);
        assertThat(f.rule(), is("maxFailures"));
        assertThat(f.code(), is("POLICY_RELAXED"));
        assertThat(
                f.message(),
                is("maxFailures: the pipeline asked for 5 but the ladder allows at most 1; a pipeline may tighten a"
                        + " gate, never relax it"));
        assertThat(v.policy(), hasEntry("maxFailures", "1"));
    }

    @Test
    public void theSameInputsGiveTheSameVerdict() {
        Scenario s = Scenario.staging(EVERY_RULE)
                .promotedFromTesting()
                .evidence(e -> e.failed("com.shop.B.b", "com.shop.A.a").flaky("com.shop.C.c", "com.shop.D.d"));
        assertThat(s.verdict(), is(s.verdict()));
    }

    @Test
    public void anUnknownTierIsRefusedWhenTheRequestIsMade() {
        IllegalArgumentException e =
                org.junit.Assert.assertThrows(IllegalArgumentException.class, () -> Scenario.staging(GatePolicy.DEFAULT)
                        .verdict("prod"));
        assertThat(
                e.getMessage(),
                is("no tier \"prod\" in the ladder of shop; known tiers: development, testing, staging, production"));
    }
}
