package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.Test;

public class GatePolicyTest {

    private static final GatePolicy FLOOR = GatePolicy.builder()
            .minTests(100)
            .maxFailures(2)
            .minPassRate(99)
            .maxSkipped(10)
            .maxSkippedPercent(5)
            .noNewFailures(true)
            .quarantine(List.of("com.shop.LegacyIT.*", "*Flaky*"))
            .requiredSuites(List.of("*IT"))
            .flaky(FlakyPolicy.allow(3))
            .maxReportAge(Duration.ofHours(2))
            .approval(new ApprovalPolicy(1, List.of("alice"), List.of("release-managers"), true, Duration.ofDays(1)))
            .soak(Duration.ofHours(1))
            .build();

    private static GatePolicy request(UnaryOperator<GatePolicy.Builder> rules) {
        return rules.apply(GatePolicy.builder()).build();
    }

    @Test
    public void defaultsToOneTestAndNoFailures() {
        assertThat(GatePolicy.DEFAULT.minTests(), is(1));
        assertThat(GatePolicy.DEFAULT.maxFailures(), is(0));
        assertThat(GatePolicy.DEFAULT.flaky(), is(FlakyPolicy.IGNORE));
        assertThat(GatePolicy.DEFAULT.noNewFailures(), is(false));
        assertThat(GatePolicy.DEFAULT.describe().get("approval"), is("none"));
    }

    @Test
    public void anEmptyRequestKeepsTheFloor() {
        assertThat(FLOOR.tightenedBy(GatePolicy.builder().build()), is(FLOOR));
    }

    @Test
    public void aStricterRequestWinsRuleByRule() {
        GatePolicy merged = FLOOR.tightenedBy(request(b -> b.minTests(400)
                .maxFailures(0)
                .minPassRate(100)
                .maxSkipped(3)
                .maxSkippedPercent(1)
                .quarantine(List.of("*Flaky*"))
                .requiredSuites(List.of("*SmokeTest"))
                .flaky(FlakyPolicy.FAIL)
                .maxReportAge(Duration.ofMinutes(30))
                .approval(new ApprovalPolicy(2, List.of(), List.of("release-managers"), false, Duration.ofHours(4)))
                .soak(Duration.ofHours(6))
                .freeze(List.of(new WeeklyFreeze(
                        "weekend",
                        ZoneId.of("Europe/Berlin"),
                        Set.of(DayOfWeek.SATURDAY),
                        LocalTime.MIDNIGHT,
                        LocalTime.MIDNIGHT)))));
        assertThat(merged.minTests(), is(400));
        assertThat(merged.maxFailures(), is(0));
        assertThat(merged.minPassRate().getAsDouble(), is(100.0));
        assertThat(merged.maxSkipped().getAsInt(), is(3));
        assertThat(merged.quarantine(), contains("*Flaky*"));
        assertThat(merged.requiredSuites(), contains("*IT", "*SmokeTest"));
        assertThat(merged.flaky(), is(FlakyPolicy.FAIL));
        assertThat(merged.maxReportAge().orElseThrow(), is(Duration.ofMinutes(30)));
        ApprovalPolicy approval = merged.approval().orElseThrow();
        assertThat(approval.required(), is(2));
        assertThat(approval.users(), contains("alice"));
        assertThat(approval.groups(), contains("release-managers"));
        assertThat(approval.allowSelfApproval(), is(false));
        assertThat(approval.timeout(), is(Duration.ofHours(4)));
        assertThat(merged.soak().orElseThrow(), is(Duration.ofHours(6)));
        assertThat(merged.freeze().size(), is(1));
        assertThat(merged.noNewFailures(), is(true));
    }

    @Test
    public void aRelaxingRequestIsRefusedNamingTheRule() {
        Object[][] table = {
            {request(b -> b.minTests(5)), "minTests: the pipeline asked for 5 but the ladder requires at least 100"},
            {request(b -> b.maxFailures(5)), "maxFailures: the pipeline asked for 5 but the ladder allows at most 2"},
            {
                request(b -> b.minPassRate(98.5)),
                "minPassRate: the pipeline asked for 98.5% but the ladder requires at least 99%"
            },
            {request(b -> b.maxSkipped(11)), "maxSkipped: the pipeline asked for 11 but the ladder allows at most 10"},
            {
                request(b -> b.maxSkippedPercent(7.5)),
                "maxSkippedPercent: the pipeline asked for 7.5% but the ladder allows at most 5%"
            },
            {
                request(b -> b.noNewFailures(false)),
                "noNewFailures: the pipeline asked for false but the ladder requires no new failures"
            },
            {
                request(b -> b.baselineTier("testing")),
                "baseline: the pipeline asked for testing but the ladder compares with the candidate live in the tier itself"
            },
            {
                request(b -> b.quarantine(List.of("*"))),
                "quarantine: the pipeline asked for quarantining \"*\" but the ladder quarantines only com.shop.LegacyIT.*, *Flaky*"
            },
            {
                request(b -> b.flaky(FlakyPolicy.IGNORE)),
                "flaky: the pipeline asked for flaky tests: ignore but the ladder says flaky tests: allow 3"
            },
            {
                request(b -> b.flaky(FlakyPolicy.allow(4))),
                "flaky: the pipeline asked for flaky tests: allow 4 but the ladder says flaky tests: allow 3"
            },
            {
                request(b -> b.maxReportAge(Duration.ofHours(3))),
                "maxReportAge: the pipeline asked for 3h but the ladder allows at most 2h"
            },
            {
                request(b -> b.soak(Duration.ofMinutes(30))),
                "soak: the pipeline asked for 30m but the ladder requires at least 1h"
            },
            {
                request(b -> b.approval(new ApprovalPolicy(1, List.of("mallory"), List.of(), true, null))),
                "approval.users: the pipeline asked for \"mallory\" as approver but the ladder allows only alice"
            },
            {
                request(b -> b.approval(new ApprovalPolicy(1, List.of(), List.of("devs"), true, null))),
                "approval.groups: the pipeline asked for \"devs\" as approver but the ladder allows only release-managers"
            },
        };
        for (Object[] row : table) {
            PolicyRelaxedException e =
                    assertThrows(PolicyRelaxedException.class, () -> FLOOR.tightenedBy((GatePolicy) row[0]));
            assertThat(e.getMessage(), is(row[1] + "; a pipeline may tighten a gate, never relax it"));
            assertThat(e.rule(), is(((String) row[1]).substring(0, ((String) row[1]).indexOf(':'))));
        }
    }

    @Test
    public void theDefaultsAreAFloorToo() {
        PolicyRelaxedException e = assertThrows(
                PolicyRelaxedException.class, () -> GatePolicy.DEFAULT.tightenedBy(request(b -> b.maxFailures(5))));
        assertThat(
                e.getMessage(),
                is("maxFailures: the pipeline asked for 5 but the ladder allows at most 0; a pipeline may tighten a"
                        + " gate, never relax it"));
        assertThrows(PolicyRelaxedException.class, () -> GatePolicy.DEFAULT.tightenedBy(request(b -> b.minTests(0))));
    }

    @Test
    public void selfApprovalAndFewerApproversAreRelaxations() {
        GatePolicy strict = request(b -> b.approval(ApprovalPolicy.of(2)));
        assertThat(
                assertThrows(
                                PolicyRelaxedException.class,
                                () -> strict.tightenedBy(request(
                                        b -> b.approval(new ApprovalPolicy(2, List.of(), List.of(), true, null)))))
                        .rule(),
                is("approval.allowSelfApproval"));
        assertThat(
                assertThrows(
                                PolicyRelaxedException.class,
                                () -> strict.tightenedBy(request(b -> b.approval(ApprovalPolicy.of(1)))))
                        .getMessage(),
                is("approval.required: the pipeline asked for 1 approvals but the ladder requires at least 2; a"
                        + " pipeline may tighten a gate, never relax it"));
    }

    @Test
    public void invalidRulesNameTheirField() {
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> request(b -> b.minPassRate(101)))
                        .getMessage(),
                is("minPassRate: must be a percentage from 0 to 100, was 101.0"));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> request(b -> b.soak(Duration.ZERO)))
                        .field(),
                is("soak"));
        assertThat(
                assertThrows(
                                InvalidDefinitionException.class,
                                () -> request(b -> b.requiredSuites(List.of("*IT", " "))))
                        .field(),
                is("requiredSuites[1]"));
    }
}
