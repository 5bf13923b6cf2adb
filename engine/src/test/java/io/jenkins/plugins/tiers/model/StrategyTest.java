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
    public void onlyACanaryHasSteps() {
        assertThrows(InvalidDefinitionException.class, () -> new Strategy(Strategy.Kind.DIRECT, List.of(50)));
        assertThrows(InvalidDefinitionException.class, () -> new Strategy(Strategy.Kind.CANARY, List.of()));
    }
}
