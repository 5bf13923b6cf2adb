package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class StrategyTest {

    @Test
    public void aCanaryHasIncreasingPercentages() {
        assertThat(Strategy.canary(5, 25, 100).toString(), is("canary [5, 25, 100]"));
        assertThat(Strategy.blueGreen().toString(), is("blue-green"));
    }

    @Test
    public void refusesStepsThatDoNotIncrease() {
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> Strategy.canary(10, 10))
                        .getMessage(),
                is("steps[1]: percentages must increase, but 10 follows 10"));
    }

    @Test
    public void refusesPercentagesOutOfRange() {
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> Strategy.canary(0))
                        .getMessage(),
                is("steps[0]: a percentage must be 1 to 100, was 0"));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> Strategy.canary(50, 101))
                        .getMessage(),
                is("steps[1]: a percentage must be 1 to 100, was 101"));
    }

    @Test
    public void refusesACanaryThatNeverReachesAllTraffic() {
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> Strategy.canary(5, 25))
                        .getMessage(),
                is("steps: the last step must be 100 so that a completed canary takes all traffic, was 25"));
    }

    @Test
    public void anApprovalStepIsOneOfTheCanarysStepsButTheLast() {
        Strategy canary = Strategy.canary(5, 25, 100).withApproveAt(25);
        assertThat(canary.approvalStep(), is(2));
        assertThat(Strategy.canary(5, 25, 100).approvalStep(), is(0));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> Strategy.canary(5, 25, 100)
                                .withApproveAt(100))
                        .getMessage(),
                is("approveAt: 100 is not one of the steps before the last [5, 25]; name the weight of the step after"
                        + " which the canary waits for an approval"));
        assertThrows(InvalidDefinitionException.class, () -> Strategy.canary(5, 25, 100)
                .withApproveAt(30));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> Strategy.blueGreen()
                                .withApproveAt(50))
                        .getMessage(),
                is("approveAt: only a canary strategy has steps to approve at"));
    }

    @Test
    public void theConstructorsTheJenkinsPluginCallsKeepWorkingAndWithKeepsTheApprovalStep() {
        Strategy plain = new Strategy(Strategy.Kind.CANARY, List.of(10, 50, 100));
        assertThat(plain.approveAt(), is((Integer) null));
        Strategy approved = plain.withApproveAt(50).with(false, null, List.of(java.time.Duration.ofMinutes(5)));
        assertThat(approved.approveAt(), is(50));
        assertThat(approved.pauseAfter(1), is(java.time.Duration.ofMinutes(5)));
        assertThat(
                new Strategy(Strategy.Kind.CANARY, List.of(10, 50, 100), false, null, List.of()).approveAt(),
                is((Integer) null));
    }

    @Test
    public void onlyACanaryHasSteps() {
        assertThrows(InvalidDefinitionException.class, () -> new Strategy(Strategy.Kind.DIRECT, List.of(50)));
        assertThrows(InvalidDefinitionException.class, () -> new Strategy(Strategy.Kind.CANARY, List.of()));
    }
}
