package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.Scenario.NOW;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class ApprovalRuleTest {

    private static final ApprovalPolicy TWO_RELEASE_MANAGERS =
            new ApprovalPolicy(2, List.of("alice"), List.of("release-managers"), false, Duration.ofHours(4));

    private static Instant minutesAgo(int n) {
        return NOW.minusSeconds(60L * n);
    }

    private static Finding approval(ApprovalPolicy policy, String startedBy, Instant asked, Approval... given) {
        return Scenario.staging(b -> b.approval(policy))
                .promotedFromTesting()
                .request(r -> r.startedBy(startedBy).requestedAt(asked).approvals(List.of(given)))
                .finding("approval");
    }

    @Test
    public void waitsNamingHowManyMoreAndFromWhom() {
        Finding f = approval(new ApprovalPolicy(1, List.of(), List.of("release-managers"), false, null), "carol", null);
        assertThat(f.outcome(), is(Outcome.WAIT));
        assertThat(f.code(), is("APPROVAL_PENDING"));
        assertThat(f.message(), is("waiting for 1 more approval from release-managers"));
    }

    @Test
    public void countsDistinctAllowedPeopleByTheirLatestAnswer() {
        Object[][] table = {
            // approvals, outcome, message
            {
                new Approval[] {Approval.approve("bob", minutesAgo(30), "release-managers")},
                Outcome.WAIT,
                "waiting for 1 more approval from release-managers or alice (approved by bob); times out at"
                        + " 2026-11-26T13:00:00Z"
            },
            {
                new Approval[] {
                    Approval.approve("bob", minutesAgo(30), "release-managers"),
                    Approval.approve("bob", minutesAgo(20), "release-managers")
                },
                Outcome.WAIT,
                "waiting for 1 more approval from release-managers or alice (approved by bob); times out at"
                        + " 2026-11-26T13:00:00Z"
            },
            {
                new Approval[] {
                    Approval.approve("bob", minutesAgo(30), "release-managers"),
                    Approval.approve("alice", minutesAgo(20))
                },
                Outcome.PASS,
                "approved by bob, alice (2 of 2 required from release-managers or alice)"
            },
            {
                new Approval[] {
                    Approval.approve("bob", minutesAgo(30), "release-managers"),
                    Approval.approve("dave", minutesAgo(20), "developers")
                },
                Outcome.WAIT,
                "waiting for 1 more approval from release-managers or alice (approved by bob); not counted: dave may"
                        + " not approve; times out at 2026-11-26T13:00:00Z"
            },
        };
        for (Object[] row : table) {
            Finding f = approval(TWO_RELEASE_MANAGERS, "carol", minutesAgo(60), (Approval[]) row[0]);
            assertThat(f.outcome(), is(row[1]));
            assertThat(f.message(), is(row[2]));
        }
    }

    @Test
    public void thePersonWhoStartedTheRunMayNotApproveWhenSelfApprovalIsForbidden() {
        Approval own = Approval.approve("carol", minutesAgo(5), "release-managers");
        Approval bob = Approval.approve("bob", minutesAgo(4), "release-managers");
        Finding forbidden = approval(TWO_RELEASE_MANAGERS, "carol", minutesAgo(60), own, bob);
        assertThat(forbidden.outcome(), is(Outcome.WAIT));
        assertThat(
                forbidden.message(),
                is("waiting for 1 more approval from release-managers or alice (approved by bob); not counted: carol"
                        + " started this run and may not approve it; times out at 2026-11-26T13:00:00Z"));
        ApprovalPolicy selfAllowed =
                new ApprovalPolicy(2, List.of("alice"), List.of("release-managers"), true, Duration.ofHours(4));
        assertThat(approval(selfAllowed, "carol", minutesAgo(60), own, bob).outcome(), is(Outcome.PASS));
    }

    @Test
    public void aRefusalBlocksEvenAfterApprovals() {
        Finding f = approval(
                TWO_RELEASE_MANAGERS,
                "carol",
                minutesAgo(60),
                Approval.approve("alice", minutesAgo(30)),
                Approval.refuse("bob", minutesAgo(10), "not during the sale", "release-managers"),
                Approval.approve("erin", minutesAgo(5), "release-managers"));
        assertThat(f.outcome(), is(Outcome.BLOCK));
        assertThat(f.code(), is("APPROVAL_REFUSED"));
        assertThat(f.message(), is("refused by bob at 2026-11-26T09:50:00Z: not during the sale"));
    }

    @Test
    public void aPersonWhoRefusedAndThenApprovedCountsAsApproving() {
        Finding f = approval(
                ApprovalPolicy.of(1),
                "carol",
                null,
                Approval.refuse("bob", minutesAgo(10), "wait for the fix"),
                Approval.approve("bob", minutesAgo(2)));
        assertThat(f.outcome(), is(Outcome.PASS));
        assertThat(f.message(), is("approved by bob (1 of 1 required from anyone)"));
    }

    @Test
    public void blocksWhenTheTimeoutPassesWithoutAQuorum() {
        Object[][] table = {
            // asked, outcome
            {NOW.minus(Duration.ofHours(4)).plusSeconds(1), Outcome.WAIT},
            {NOW.minus(Duration.ofHours(4)), Outcome.BLOCK},
        };
        for (Object[] row : table) {
            Finding f = approval(
                    TWO_RELEASE_MANAGERS, "carol", (Instant) row[0], Approval.approve("alice", minutesAgo(200)));
            assertThat(f.message(), f.outcome(), is(row[1]));
        }
        Finding timedOut = approval(
                TWO_RELEASE_MANAGERS,
                "carol",
                NOW.minus(Duration.ofHours(5)),
                Approval.approve("alice", minutesAgo(200)));
        assertThat(timedOut.code(), is("APPROVAL_TIMED_OUT"));
        assertThat(
                timedOut.message(),
                is("timed out at 2026-11-26T09:00:00Z after 4h with 1 of 2 approvals from release-managers or alice"
                        + " (approved by alice)"));
    }

    @Test
    public void approvalsAfterTheTimeoutDoNotCount() {
        Finding f = approval(
                TWO_RELEASE_MANAGERS,
                "carol",
                NOW.minus(Duration.ofHours(5)),
                Approval.approve("alice", minutesAgo(200)),
                Approval.approve("bob", minutesAgo(10), "release-managers"));
        assertThat(f.code(), is("APPROVAL_TIMED_OUT"));
    }

    @Test
    public void approvalsFromOnePersonSpelledInDifferentCaseOrWithInvisibleCharactersCountOnce() {
        Finding f = approval(
                TWO_RELEASE_MANAGERS,
                "carol",
                minutesAgo(60),
                Approval.approve("bob", minutesAgo(30), "release-managers"),
                Approval.approve("BOB", minutesAgo(25), "release-managers"),
                Approval.approve("b\u200Bob", minutesAgo(20), "release-managers"));
        assertThat(f.outcome(), is(Outcome.WAIT));
        assertThat(f.message().startsWith("waiting for 1 more approval from release-managers or alice"), is(true));
    }

    @Test
    public void theStarterSpelledInAnotherCaseMayNotApproveWhenSelfApprovalIsOff() {
        Finding f = approval(
                new ApprovalPolicy(1, List.of(), List.of(), false, null),
                "carol",
                null,
                Approval.approve("Carol", minutesAgo(5)));
        assertThat(f.outcome(), is(Outcome.WAIT));
        assertThat(
                f.message(),
                is(
                        "waiting for 1 more approval from anyone; not counted: Carol started this run and may not approve it"));
    }

    @Test
    public void anAllowedUserIsRecognisedWhateverTheCaseOfTheirId() {
        Finding f = approval(
                new ApprovalPolicy(1, List.of("alice"), List.of(), false, null),
                "carol",
                null,
                Approval.approve("ALICE", minutesAgo(5)));
        assertThat(f.outcome(), is(Outcome.PASS));
    }
}
