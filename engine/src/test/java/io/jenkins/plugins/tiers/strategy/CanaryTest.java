package io.jenkins.plugins.tiers.strategy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.strategy.Canary.Status;
import java.util.List;
import org.junit.Test;

public class CanaryTest {

    private static final Candidate OLD = Candidate.of("2.14.28");
    private static final Candidate NEW = Candidate.of("2.14.29");
    private static final List<Integer> STEPS = List.of(5, 25, 100);

    private final Canary none = Canary.none(STEPS);

    @Test
    public void runsItsStepsInOrderAndCompletesAtTheLast() {
        Canary c = none.start(NEW, OLD);
        assertThat(c.weight(), is(0));
        c = c.reach(1).reach(2);
        assertThat(c.describe(), is("2.14.29 canary 25% (step 2 of 3) over 2.14.28"));
        c = c.complete();
        assertThat(c.status(), is(Status.COMPLETED));
        assertThat(c.weight(), is(100));
    }

    @Test
    public void refusesAStepOutOfOrder() {
        Canary started = none.start(NEW, OLD);
        TransitionRefusedException e = assertThrows(TransitionRefusedException.class, () -> started.reach(2));
        assertThat(e.getMessage(), containsString("step 2 is out of order"));
        assertThrows(TransitionRefusedException.class, () -> started.reach(1).reach(1));
        assertThrows(TransitionRefusedException.class, started::complete);
        assertThrows(
                TransitionRefusedException.class,
                () -> started.reach(1).reach(2).reach(3));
    }

    @Test
    public void refusesStepsAndAbortWithoutACanaryInProgress() {
        assertThrows(TransitionRefusedException.class, () -> none.reach(1));
        TransitionRefusedException e = assertThrows(TransitionRefusedException.class, () -> none.abort("x"));
        assertThat(e.getMessage(), containsString("no canary is in progress"));
    }

    @Test
    public void refusesAnAbortAfterCompletion() {
        Canary done = none.start(NEW, OLD).reach(1).reach(2).complete();
        TransitionRefusedException e = assertThrows(TransitionRefusedException.class, () -> done.abort("late"));
        assertThat(e.getMessage(), containsString("already completed"));
    }

    @Test
    public void anAbortPutsTheWeightBackToZeroAndKeepsTheOldCandidateLive() {
        Canary aborted = none.start(NEW, OLD).reach(1).reach(2).abort("step check failed");
        assertThat(aborted.weight(), is(0));
        assertThat(
                aborted.describe(), is("2.14.29 canary aborted at step 2 of 3; 2.14.28 stays live: step check failed"));
        assertThrows(TransitionRefusedException.class, () -> aborted.abort("twice"));
        assertThrows(TransitionRefusedException.class, () -> aborted.reach(3));
        assertThat(aborted.start(NEW, OLD).status(), is(Status.IN_PROGRESS));
    }

    @Test
    public void refusesASecondCanaryWhileOneIsInProgress() {
        Canary running = none.start(NEW, OLD).reach(1);
        TransitionRefusedException e =
                assertThrows(TransitionRefusedException.class, () -> running.start(Candidate.of("2.14.30"), OLD));
        assertThat(e.getMessage(), containsString("abort it before starting another"));
        assertThrows(TransitionRefusedException.class, () -> none.start(OLD, OLD));
    }

    @Test
    public void aCanaryWhoseProcessDiedStaysUnfinishedAndIsAbortedByTheNextRun() {
        // crash point: step 2 was being applied when the process died; only step 1 is recorded
        Canary crashed = none.start(NEW, OLD).reach(1);
        assertThat(crashed.abandoned(), is(true));
        assertThat(crashed.status(), is(Status.IN_PROGRESS));
        assertThat(crashed.describe(), is("2.14.29 canary 5% (step 1 of 3) over 2.14.28"));
        Canary next = crashed.abort("abandoned").start(Candidate.of("2.14.30"), OLD);
        assertThat(next.over(), is(OLD));
        assertThat(next.reached(), is(0));
    }

    @Test
    public void aSingleStepCanaryCompletesAtOnce() {
        Canary c = Canary.none(List.of(100)).start(NEW, null).complete();
        assertThat(c.status(), is(Status.COMPLETED));
    }

    @Test
    public void refusesStepsThatDoNotEndAtAHundred() {
        assertThrows(IllegalArgumentException.class, () -> Canary.none(List.of(5, 25)));
    }
}
