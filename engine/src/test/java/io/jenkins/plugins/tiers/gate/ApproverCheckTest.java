package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class ApproverCheckTest {

    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");
    private static final ApprovalPolicy MANAGERS =
            new ApprovalPolicy(2, List.of("root"), List.of("release-managers"), false, Duration.ofHours(4));

    private static Optional<String> check(String person, List<String> groups, List<Approval> given, boolean approve) {
        return ApproverCheck.refusal(MANAGERS, person, groups, "alice", given, approve);
    }

    @Test
    public void aMemberOfAnAllowedGroupMayApprove() {
        assertThat(check("bob", List.of("release-managers"), List.of(), true), is(Optional.empty()));
    }

    @Test
    public void anAllowedUserMayApprove() {
        assertThat(check("root", List.of(), List.of(), true), is(Optional.empty()));
    }

    @Test
    public void someoneOutsideTheApproversIsRefused() {
        assertThat(
                check("mallory", List.of("developers"), List.of(), true),
                is(Optional.of("mallory is not among the approvers of this tier (release-managers or root)")));
    }

    @Test
    public void theStarterMayNotApproveTheirOwnRunButMayRefuseIt() {
        assertThat(
                check("alice", List.of("release-managers"), List.of(), true),
                is(Optional.of("alice started this run and may not approve it")));
        assertThat(check("alice", List.of("release-managers"), List.of(), false), is(Optional.empty()));
    }

    @Test
    public void selfApprovalIsAllowedWhenThePolicySaysSo() {
        ApprovalPolicy lenient = new ApprovalPolicy(1, List.of(), List.of(), true, null);
        assertThat(ApproverCheck.refusal(lenient, "alice", List.of(), "alice", List.of(), true), is(Optional.empty()));
    }

    @Test
    public void anApprovalCountsOncePerPerson() {
        List<Approval> given = List.of(Approval.approve("bob", T, "release-managers"));
        assertThat(
                check("bob", List.of("release-managers"), given, true),
                is(Optional.of("bob has already approved; an answer counts once per person")));
        assertThat(
                "changing one's mind is allowed",
                check("bob", List.of("release-managers"), given, false),
                is(Optional.empty()));
    }

    @Test
    public void onlyTheLatestAnswerOfAPersonCounts() {
        List<Approval> given = List.of(
                Approval.approve("bob", T, "release-managers"),
                Approval.refuse("bob", T.plusSeconds(60), "no", "release-managers"));
        assertThat(check("bob", List.of("release-managers"), given, true), is(Optional.empty()));
    }

    @Test
    public void theStarterInAnotherCaseOrWithAnInvisibleCharacterMayNotApproveTheirOwnRun() {
        assertThat(
                check("Alice", List.of("release-managers"), List.of(), true),
                is(Optional.of("Alice started this run and may not approve it")));
        assertThat(
                check("al\u200Bice", List.of("release-managers"), List.of(), true)
                        .isPresent(),
                is(true));
    }

    @Test
    public void anApprovalGivenUnderAnotherCaseOfTheSameIdIsAlreadyGiven() {
        List<Approval> given = List.of(Approval.approve("bob", T, "release-managers"));
        assertThat(
                check("BOB", List.of("release-managers"), given, true),
                is(Optional.of("BOB has already approved; an answer counts once per person")));
    }
}
