package io.jenkins.plugins.tiers.strategy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.strategy.BlueGreen.Idle;
import org.junit.Test;

public class BlueGreenTest {

    private static final Candidate V1 = Candidate.of("1.0");
    private static final Candidate V2 = Candidate.of("2.0");
    private static final Candidate V3 = Candidate.of("3.0");

    private static BlueGreen liveWith(Candidate first) {
        return BlueGreen.empty().deploying(first).deployed(first).switchOver();
    }

    @Test
    public void theFirstDeploymentGoesToTheIdleSlotAndIsNotLiveBeforeTheSwitch() {
        BlueGreen s = BlueGreen.empty().deploying(V1).deployed(V1);
        assertThat(s.idleSlot(), is(Slot.GREEN));
        assertThat(s.idleRole(), is(Idle.AWAITING_SWITCH));
        assertThat(s.active(), is(nullValue()));
        BlueGreen live = s.switchOver();
        assertThat(live.activeSlot(), is(Slot.GREEN));
        assertThat(live.active(), is(V1));
        assertThat(live.idleRole(), is(Idle.EMPTY));
    }

    @Test
    public void aSwitchKeepsThePreviousCandidateInTheIdleSlotAndSwitchBackRestoresIt() {
        BlueGreen s = liveWith(V1).deploying(V2).deployed(V2).switchOver();
        assertThat(s.active(), is(V2));
        assertThat(s.idle(), is(V1));
        assertThat(s.idleRole(), is(Idle.PREVIOUS));
        assertThat(s.describe(), is("blue active: 2.0; green idle: 1.0 previous"));
        BlueGreen back = s.switchBack();
        assertThat(back.activeSlot(), is(Slot.GREEN));
        assertThat(back.active(), is(V1));
        assertThat(back.idle(), is(V2));
        assertThat(back.idleRole(), is(Idle.WITHDRAWN));
    }

    @Test
    public void refusesASwitchWithNothingIdle() {
        TransitionRefusedException e = assertThrows(
                TransitionRefusedException.class, () -> liveWith(V1).switchOver());
        assertThat(e.getMessage(), containsString("nothing to switch to: the idle blue slot is empty"));
        assertThrows(TransitionRefusedException.class, () -> BlueGreen.empty().switchOver());
    }

    @Test
    public void refusesToSwitchToThePreviousCandidateSoThatGoingBackIsAlwaysASwitchBack() {
        BlueGreen s = liveWith(V1).deploying(V2).deployed(V2).switchOver();
        TransitionRefusedException e = assertThrows(TransitionRefusedException.class, s::switchOver);
        assertThat(e.getMessage(), containsString("holds 1.0, previous"));
    }

    @Test
    public void refusesASwitchBackAfterTheIdleSlotWasReused() {
        BlueGreen s = liveWith(V1).deploying(V2).deployed(V2).switchOver().deploying(V3);
        TransitionRefusedException e = assertThrows(TransitionRefusedException.class, s::switchBack);
        assertThat(e.getMessage(), containsString("cannot switch back: the idle green slot holds 3.0, deploying"));
        BlueGreen awaiting = s.deployed(V3);
        assertThrows(TransitionRefusedException.class, awaiting::switchBack);
    }

    @Test
    public void refusesASwitchBackWithNoPreviousCandidateAndASecondSwitchBack() {
        assertThrows(TransitionRefusedException.class, () -> liveWith(V1).switchBack());
        BlueGreen back = liveWith(V1).deploying(V2).deployed(V2).switchOver().switchBack();
        TransitionRefusedException e = assertThrows(TransitionRefusedException.class, back::switchBack);
        assertThat(e.getMessage(), containsString("holds 2.0, withdrawn"));
        assertThrows(TransitionRefusedException.class, back::switchOver);
    }

    @Test
    public void refusesToDeployTheActiveCandidateAgain() {
        TransitionRefusedException e = assertThrows(
                TransitionRefusedException.class, () -> liveWith(V1).deploying(V1));
        assertThat(e.getMessage(), containsString("1.0 is already active in the green slot"));
    }

    @Test
    public void refusesToFinishADeploymentThatWasNeverStarted() {
        assertThrows(TransitionRefusedException.class, () -> liveWith(V1).deployed(V2));
        assertThrows(
                TransitionRefusedException.class,
                () -> liveWith(V1).deploying(V2).deployed(V3));
        assertThrows(TransitionRefusedException.class, () -> liveWith(V1).deployFailed(V2));
    }

    @Test
    public void aDeploymentThatDiedHalfwayCanNeitherBeSwitchedToNorSwitchedBackFromAndTheNextRunRedeploys() {
        // crash point: the deployment into the idle slot was recorded as started, never as finished
        BlueGreen crashed = liveWith(V1).deploying(V2).deployed(V2).switchOver().deploying(V3);
        assertThat(crashed.active(), is(V2));
        assertThat(crashed.idleRole(), is(Idle.DEPLOYING));
        assertThrows(TransitionRefusedException.class, crashed::switchOver);
        assertThrows(TransitionRefusedException.class, crashed::switchBack);
        BlueGreen next = crashed.deploying(V3).deployed(V3).switchOver();
        assertThat(next.active(), is(V3));
        assertThat(next.idle(), is(V2));
    }

    @Test
    public void aFailedDeploymentLeavesTheIdleSlotUnusableUntilTheNextOne() {
        BlueGreen failed = liveWith(V1).deploying(V2).deployFailed(V2);
        assertThat(failed.active(), is(V1));
        assertThat(failed.idleRole(), is(Idle.FAILED));
        assertThrows(TransitionRefusedException.class, failed::switchOver);
        assertThat(failed.deploying(V2).deployed(V2).switchOver().active(), is(V2));
    }
}
