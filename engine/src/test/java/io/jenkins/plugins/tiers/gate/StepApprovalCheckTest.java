package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class StepApprovalCheckTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String WHERE = "step 2 of 3 (50%)";

    private static ApprovalPolicy twoWithin(Duration timeout) {
        return new ApprovalPolicy(2, List.of(), List.of(), false, timeout);
    }

    @Test
    public void aQuorumOfDistinctPeopleApproves() {
        StepApprovalCheck check = new StepApprovalCheck(twoWithin(null), StepApprovalCheck.DEFAULT_WAIT);
        List<Approval> alice = List.of(Approval.approve("alice", T0), Approval.approve("alice", T0.plusSeconds(5)));
        assertThat(
                "the same person twice is one approval",
                check.answer(alice, T0, T0.plusSeconds(10), WHERE).status(),
                is(StepApprovalCheck.Status.WAITING));
        List<Approval> both = List.of(Approval.approve("alice", T0), Approval.approve("bob", T0.plusSeconds(5)));
        StepApprovalCheck.Answer answer = check.answer(both, T0, T0.plusSeconds(10), WHERE);
        assertThat(answer.status(), is(StepApprovalCheck.Status.APPROVED));
        assertThat(answer.text(), is("approved at step 2 of 3 (50%) by alice, bob"));
        assertThat(answer.finding().outcome(), is(Finding.Outcome.PASS));
    }

    @Test
    public void oneRefusalWinsOverAnyApprovals() {
        StepApprovalCheck check = new StepApprovalCheck(twoWithin(null), StepApprovalCheck.DEFAULT_WAIT);
        List<Approval> given = List.of(
                Approval.approve("alice", T0),
                Approval.approve("bob", T0),
                Approval.refuse("carol", T0, "latency doubled"));
        StepApprovalCheck.Answer answer = check.answer(given, T0, T0.plusSeconds(1), WHERE);
        assertThat(answer.status(), is(StepApprovalCheck.Status.REFUSED));
        assertThat(answer.text(), containsString("by carol: latency doubled"));
        assertThat(answer.finding().outcome(), is(Finding.Outcome.BLOCK));
    }

    @Test
    public void theWaitEndsAtTheRulesTimeoutOrADay() {
        StepApprovalCheck ruled = StepApprovalCheck.of(Optional.of(twoWithin(Duration.ofMinutes(30))));
        assertThat(ruled.waitLimit(), is(Duration.ofMinutes(30)));
        assertThat(
                ruled.answer(List.of(), T0, T0.plus(Duration.ofMinutes(29)), WHERE)
                        .status(),
                is(StepApprovalCheck.Status.WAITING));
        StepApprovalCheck.Answer late =
                ruled.answer(List.of(Approval.approve("alice", T0)), T0, T0.plus(Duration.ofMinutes(30)), WHERE);
        assertThat(late.status(), is(StepApprovalCheck.Status.TIMED_OUT));
        assertThat(late.text(), containsString("(1 of 2 from anyone)"));
        assertThat(late.finding().outcome(), is(Finding.Outcome.BLOCK));
        StepApprovalCheck none = StepApprovalCheck.of(Optional.empty());
        assertThat(none.waitLimit(), is(StepApprovalCheck.DEFAULT_WAIT));
        assertThat(none.policy().required(), is(1));
    }
}
