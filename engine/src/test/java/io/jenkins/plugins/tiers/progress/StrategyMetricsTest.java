package io.jenkins.plugins.tiers.progress;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Lead time, change failure rate and time to restore when production is blue-green or canary. */
public class StrategyMetricsTest {

    private static final Instant T0 = Instant.parse("2026-05-04T00:00:00Z");
    private static final TierOrder LADDER = TierOrder.of(List.of("staging", "prod"));
    private static final Window DAY = new Window(T0, T0.plus(Duration.ofDays(1)));
    private static final List<Integer> STEPS = List.of(5, 25, 100);

    private final List<LedgerEvent> events = new ArrayList<>();

    private static Instant h(int hours) {
        return T0.plusSeconds(3600L * hours);
    }

    private static Candidate candidate(String version) {
        return new Candidate(version, null, "c0ffee" + version, T0);
    }

    private ProgressFigures figures() {
        return LiveCodeProgress.compute(events, LADDER, DAY, ZoneOffset.UTC);
    }

    @Test
    public void leadTimeEndsAtTheSwitchNotAtTheDeploymentIntoTheIdleSlot() {
        events.add(LedgerEvent.slotDeploymentStarted("shop", "prod", candidate("1.0"), "ci", h(1), "green"));
        events.add(LedgerEvent.slotDeployed("shop", "prod", candidate("1.0"), "ci", h(2), "green"));
        assertThat(figures().leadTime().get("prod").count(), is(0));
        events.add(LedgerEvent.switched("shop", "prod", candidate("1.0"), "ci", h(5), "green"));
        assertThat(
                figures().leadTime().get("prod"), is(new DurationStats(1, Duration.ofHours(5), Duration.ofHours(5))));
        assertThat(figures().frequency().get(1).deployments(), is(1));
    }

    @Test
    public void leadTimeEndsAtTheLastCanaryStepNotAtTheFirst() {
        events.add(LedgerEvent.canaryStarted("shop", "prod", candidate("1.0"), "ci", h(1), STEPS));
        events.add(LedgerEvent.canaryStepReached("shop", "prod", candidate("1.0"), "ci", h(2), 1, STEPS));
        events.add(LedgerEvent.canaryStepReached("shop", "prod", candidate("1.0"), "ci", h(3), 2, STEPS));
        assertThat(figures().leadTime().get("prod").count(), is(0));
        events.add(LedgerEvent.canaryCompleted("shop", "prod", candidate("1.0"), "ci", h(6), STEPS));
        assertThat(
                figures().leadTime().get("prod"), is(new DurationStats(1, Duration.ofHours(6), Duration.ofHours(6))));
    }

    @Test
    public void aSwitchBackIsARollbackAndAnAbortedCanaryIsCaughtByCanaryNotAFailure() {
        events.add(LedgerEvent.switched("shop", "prod", candidate("1.0"), "ci", h(1), "green"));
        events.add(LedgerEvent.slotDeployed("shop", "prod", candidate("1.1"), "ci", h(2), "blue"));
        events.add(LedgerEvent.switched("shop", "prod", candidate("1.1"), "ci", h(3), "blue"));
        events.add(LedgerEvent.switchedBack("shop", "prod", candidate("1.0"), "ops", h(4), "green", "1.1", "errors"));
        events.add(LedgerEvent.canaryStarted("shop", "prod", candidate("1.2"), "ci", h(5), STEPS));
        events.add(LedgerEvent.canaryStepReached("shop", "prod", candidate("1.2"), "ci", h(6), 1, STEPS));
        events.add(LedgerEvent.canaryAborted("shop", "prod", candidate("1.2"), "ci", h(7), 1, STEPS, null, "check"));
        ProgressFigures f = figures();
        assertThat(f.changeFailureRate(), is(new ChangeFailureRate(2, 1, 1)));
        assertThat(f.timeToRestore().get("prod"), is(new DurationStats(1, Duration.ofHours(1), Duration.ofHours(1))));
        assertThat(f.frequency().get(1).deployments(), is(2));
    }
}
