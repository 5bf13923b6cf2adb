package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.LadderFile;
import io.jenkins.plugins.tiers.report.ReportFile;
import io.jenkins.plugins.tiers.report.SuiteSummary;
import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** The shipped example ladder, evaluated end to end: what the docs promise is what the engine does. */
public class ExampleLadderTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("tiers.root", ".."), "examples", "tiers.yaml");

    private static TestEvidence greenRun(Instant written) {
        return new TestEvidence(
                new TestTotals(450, 0, 0, 2, 0, 80),
                List.of(
                        new SuiteSummary("com.shop.OrderIT", new TestTotals(60, 0, 0, 0, 0, 20)),
                        new SuiteSummary("com.shop.CheckoutSmokeTest", new TestTotals(5, 0, 0, 0, 0, 2))),
                List.of(),
                List.of(),
                List.of(new ReportFile("target/surefire-reports/TEST-com.shop.OrderIT.xml", written)),
                List.of());
    }

    private static Verdict production(Instant now, Approval... approvals) throws Exception {
        Ladder ladder = LadderFile.read(EXAMPLE);
        Candidate candidate = Candidate.of("1.4.2");
        PromotionHistory history = InMemoryHistory.builder()
                .passed("staging", candidate, Set.of())
                .live("staging", candidate, now.minus(Duration.ofDays(2)), "ci")
                .passed("production", Candidate.of("1.4.1"), Set.of())
                .live("production", Candidate.of("1.4.1"), now.minus(Duration.ofDays(7)), "ci")
                .build();
        GateRequest request = GateRequest.builder(
                        ladder, "production", candidate, GateEvidence.of(greenRun(now.minusSeconds(600))))
                .startedBy("carol")
                .requestedAt(now.minus(Duration.ofHours(1)))
                .approvals(List.of(approvals))
                .build();
        return new GateEngine(Clock.fixed(now, ZoneOffset.UTC)).evaluate(request, history);
    }

    @Test
    public void aGreenCandidateWaitsForTwoApproversOnAWednesday() throws Exception {
        Verdict v = production(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(v.status(), is(VerdictStatus.WAITING));
        assertThat(
                v.reasons().stream().map(Finding::message).toList(),
                contains("waiting for 2 more approvals from release-managers or alice; times out at"
                        + " 2026-11-26T09:00:00Z"));
    }

    @Test
    public void approvedItPassesAndOnSaturdayItWaitsForTheFreeze() throws Exception {
        Instant wednesday = Instant.parse("2026-11-25T10:00:00Z");
        Approval alice = Approval.approve("alice", wednesday.minusSeconds(60));
        Approval bob = Approval.approve("bob", wednesday.minusSeconds(30), "release-managers");
        assertThat(production(wednesday, alice, bob).status(), is(VerdictStatus.PASSED));

        Instant saturday = Instant.parse("2026-11-28T10:00:00Z");
        Verdict frozen = production(
                saturday, Approval.approve("alice", saturday), Approval.approve("bob", saturday, "release-managers"));
        assertThat(frozen.status(), is(VerdictStatus.WAITING));
        assertThat(
                frozen.reasons().get(0).message(),
                is(
                        "frozen until Mon 2026-11-30 00:00 Europe/Berlin (weekend every Sat,Sun 00:00–00:00 Europe/Berlin)"));
    }
}
