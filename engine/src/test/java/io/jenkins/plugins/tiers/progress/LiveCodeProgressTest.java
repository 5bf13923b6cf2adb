package io.jenkins.plugins.tiers.progress;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.Candidate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class LiveCodeProgressTest {

    private static final Instant T0 = Instant.parse("2026-05-04T00:00:00Z");
    private static final TierOrder LADDER = TierOrder.of(List.of("dev", "test", "prod"));
    private static final Window DAY = new Window(T0, T0.plus(Duration.ofDays(1)));

    private final List<LedgerEvent> events = new ArrayList<>();

    private static Instant h(double hours) {
        return T0.plusSeconds((long) (hours * 3600));
    }

    private static Instant m(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static Candidate candidate(String version, Instant changedAt) {
        return new Candidate(version, null, "c0ffee" + version, changedAt);
    }

    private void live(String tier, String version, Instant changedAt, Instant at) {
        events.add(LedgerEvent.deploymentSucceeded("shop", tier, candidate(version, changedAt), "ci", at));
    }

    private void failed(String tier, String version, Instant at) {
        events.add(LedgerEvent.deploymentFailed("shop", tier, candidate(version, T0), "ci", at, 1, "exit code 1"));
    }

    private void rolledBack(String tier, String target, String from, Instant at) {
        events.add(LedgerEvent.rolledBack("shop", tier, candidate(target, T0), "ops", at, from));
    }

    private void verdict(String tier, String version, Finding.Outcome outcome, Instant at) {
        Verdict v = new Verdict(
                "shop",
                tier,
                candidate(version, T0),
                List.of(new Finding("rule", outcome, "CODE", "line")),
                Map.of(),
                at);
        events.add(LedgerEvent.verdict(v, null, "ci"));
    }

    private static Duration hours(double h) {
        return Duration.ofSeconds((long) (h * 3600));
    }

    @Test
    public void leadTimeIsMeasuredPerTierAndPerStepFromTheNewestChange() {
        live("dev", "A", h(0), h(1));
        live("dev", "B", h(2), h(4));
        live("dev", "C", h(3), h(4));
        live("test", "A", h(0), h(3));
        live("test", "B", h(2), h(5));
        live("prod", "A", h(0), h(6));
        live("prod", "B", h(2), h(10));
        events.sort((a, b) -> a.time().compareTo(b.time()));

        ProgressFigures figures = LiveCodeProgress.compute(events, LADDER, DAY, ZoneOffset.UTC);

        assertThat(figures.leadTime().get("dev"), is(new DurationStats(3, hours(1), hours(2))));
        assertThat(figures.leadTime().get("prod"), is(new DurationStats(2, hours(7), hours(8))));
        assertThat(
                figures.steps(),
                contains(
                        new LeadTimeStep("commit", "dev", new DurationStats(3, hours(1), hours(2))),
                        new LeadTimeStep("dev", "test", new DurationStats(2, hours(1.5), hours(2))),
                        new LeadTimeStep("test", "prod", new DurationStats(2, hours(4), hours(5)))));
        assertThat(figures.frequency().get(0).deployments(), is(3));
        assertThat(figures.frequency().get(2).perDay(), closeTo(2.0, 1e-9));
    }

    @Test
    public void failedAndRolledBackProductionDeploymentsAreFailuresAndRestoreTimeEndsAtTheNextSuccess() {
        live("prod", "1.0", T0, m(0));
        verdict("prod", "1.1", Finding.Outcome.BLOCK, m(5)); // a refused candidate is not a deployment
        failed("prod", "1.1", m(10));
        live("prod", "1.2", T0, m(20));
        live("prod", "1.3", T0, m(30));
        rolledBack("prod", "1.2", "1.3", m(45));
        live("prod", "1.4", T0, m(50));
        failed("dev", "1.5", m(55)); // not production

        ProgressFigures figures = LiveCodeProgress.compute(events, LADDER, DAY, ZoneOffset.UTC);

        assertThat(figures.changeFailureRate(), is(new ChangeFailureRate(5, 2)));
        assertThat(figures.changeFailureRate().rate(), closeTo(0.4, 1e-9));
        // 1.1 failed at 10, restored by 1.2 at 20; 1.3 live at 30, rolled back at 45
        assertThat(
                figures.timeToRestore().get("prod"),
                is(new DurationStats(2, Duration.ofSeconds(750), Duration.ofMinutes(15))));
        // the rollback is not a deployment
        assertThat(figures.frequency().get(2).deployments(), is(4));

        Window fromMinute5 = new Window(m(5), DAY.to());
        assertThat(
                LiveCodeProgress.compute(events, LADDER, fromMinute5, ZoneOffset.UTC)
                        .changeFailureRate(),
                is(new ChangeFailureRate(4, 2)));
    }

    @Test
    public void calendarDaysFollowTheZoneAcrossTheSpringDaylightSavingChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 28 March 00:00 CET to 30 March 00:00 CEST: 47 hours, clocks jump on the 29th
        Instant from = LocalDate.of(2026, 3, 28).atStartOfDay(berlin).toInstant();
        Instant to = LocalDate.of(2026, 3, 30).atStartOfDay(berlin).toInstant();
        assertThat(Duration.between(from, to), is(Duration.ofHours(47)));
        live("prod", "1", T0, Instant.parse("2026-03-27T23:30:00Z")); // 28th 00:30 CET
        live("prod", "2", T0, Instant.parse("2026-03-28T22:30:00Z")); // 28th 23:30 CET
        live("prod", "3", T0, Instant.parse("2026-03-29T21:30:00Z")); // 29th 23:30 CEST
        live("prod", "4", T0, Instant.parse("2026-03-29T22:30:00Z")); // 30th 00:30: outside

        Clock clock = Clock.fixed(to, berlin);
        DeploymentFrequency prod = LiveCodeProgress.compute(events, LADDER, clock, Duration.ofHours(47))
                .frequency()
                .get(2);

        assertThat(
                prod.days(),
                contains(
                        new DeploymentFrequency.DailyCount(LocalDate.of(2026, 3, 28), 2),
                        new DeploymentFrequency.DailyCount(LocalDate.of(2026, 3, 29), 1)));
        assertThat(prod.deployments(), is(3));
        assertThat(prod.perDay(), closeTo(3 / (47 / 24.0), 1e-9));
    }

    @Test
    public void anEmptyWindowGivesZeroesAndNoFiguresRatherThanErrors() {
        live("prod", "1.0", T0.minus(Duration.ofDays(40)), T0.minus(Duration.ofDays(35)));

        ProgressFigures figures = LiveCodeProgress.compute(events, LADDER, DAY, ZoneOffset.UTC);

        assertThat(figures.frequency().get(2).deployments(), is(0));
        assertThat(
                figures.frequency().get(2).days(),
                contains(new DeploymentFrequency.DailyCount(LocalDate.of(2026, 5, 4), 0)));
        assertThat(figures.leadTime().get("prod"), is(DurationStats.EMPTY));
        assertThat(figures.leadTime().get("prod").median(), is(nullValue()));
        assertThat(figures.changeFailureRate().deployments(), is(0));
        assertThat(Double.isNaN(figures.changeFailureRate().rate()), is(true));
        assertThat(figures.timeToRestore().get("prod"), is(DurationStats.EMPTY));
        assertThat(figures.steps().get(0).stats(), is(DurationStats.EMPTY));
    }

    @Test
    public void gateWaitRunsFromTheFirstWaitingVerdictToThePassedOne() {
        verdict("prod", "1.0", Finding.Outcome.WAIT, h(10));
        verdict("prod", "1.0", Finding.Outcome.WAIT, h(10.5));
        verdict("prod", "1.1", Finding.Outcome.WAIT, h(11));
        verdict("prod", "1.0", Finding.Outcome.PASS, h(12));
        verdict("prod", "1.2", Finding.Outcome.PASS, h(13)); // never waited

        GateWait prod = LiveCodeProgress.compute(events, LADDER, DAY, ZoneOffset.UTC)
                .gateWaits()
                .get(2);

        assertThat(prod.stats(), is(new DurationStats(1, hours(2), hours(2))));
        assertThat(prod.stillWaiting(), is(1));
    }

    @Test
    public void eventsAfterTheWindowAreIgnored() {
        live("prod", "1.0", T0, h(1));
        failed("prod", "1.1", h(30));
        ProgressFigures figures = LiveCodeProgress.compute(events, LADDER, DAY, ZoneOffset.UTC);
        assertThat(figures.changeFailureRate(), is(new ChangeFailureRate(1, 0)));
    }

    @Test
    public void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        DurationStats stats = DurationStats.of(
                List.of(Duration.ofMinutes(4), Duration.ofMinutes(1), Duration.ofMinutes(3), Duration.ofMinutes(2)));
        assertThat(stats.median(), is(Duration.ofSeconds(150)));
        assertThat(stats.p90(), is(Duration.ofMinutes(4)));
    }
}
