package io.jenkins.plugins.tiers.progress;

import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the figures of live-code progress from ledger events. Pure functions of the events,
 * the tier order and the window: the same history always gives the same figures, so they can be
 * checked by hand. Events at or after the window's end are ignored.
 */
public final class LiveCodeProgress {

    private LiveCodeProgress() {}

    /** The figures over the last {@code window} up to the clock's now, days in the clock's zone. */
    public static ProgressFigures compute(List<LedgerEvent> events, TierOrder order, Clock clock, Duration window) {
        return compute(events, order, Window.last(window, clock), clock.getZone());
    }

    /** The figures over a given window, calendar days in {@code zone}. Events must be in ledger order. */
    public static ProgressFigures compute(List<LedgerEvent> events, TierOrder order, Window window, ZoneId zone) {
        List<LedgerEvent> upToEnd =
                events.stream().filter(e -> e.time().isBefore(window.to())).toList();
        List<String> tiers = tiersOf(upToEnd, order);
        Map<String, Map<String, Instant>> firstLive = firstLive(upToEnd);
        Map<String, Instant> changedAt = new HashMap<>();
        for (LedgerEvent e : upToEnd) {
            if (e.candidate().changedAt() != null) {
                changedAt.putIfAbsent(e.version(), e.candidate().changedAt());
            }
        }

        List<DeploymentFrequency> frequency = new ArrayList<>();
        Map<String, DurationStats> leadTime = new LinkedHashMap<>();
        Map<String, DurationStats> restore = new LinkedHashMap<>();
        List<GateWait> waits = new ArrayList<>();
        for (String tier : tiers) {
            List<LedgerEvent> tierEvents =
                    upToEnd.stream().filter(e -> e.tier().equals(tier)).toList();
            frequency.add(frequency(tier, tierEvents, window, zone));
            leadTime.put(tier, leadTime(firstLive.getOrDefault(tier, Map.of()), changedAt, window));
            restore.put(tier, timeToRestore(tierEvents, window));
            waits.add(gateWait(tier, tierEvents, window));
        }
        return new ProgressFigures(
                window,
                zone,
                order,
                frequency,
                leadTime,
                steps(tiers, firstLive, changedAt, window),
                changeFailureRate(
                        upToEnd.stream()
                                .filter(e -> e.tier().equals(order.production()))
                                .toList(),
                        window),
                restore,
                waits);
    }

    /** The ladder's tiers, then any other tier the events mention, in order of appearance. */
    private static List<String> tiersOf(List<LedgerEvent> events, TierOrder order) {
        List<String> tiers = new ArrayList<>(order.tiers());
        for (LedgerEvent e : events) {
            if (!tiers.contains(e.tier())) {
                tiers.add(e.tier());
            }
        }
        return tiers;
    }

    /** Tier → version → when it first became live there. */
    private static Map<String, Map<String, Instant>> firstLive(List<LedgerEvent> events) {
        Map<String, Map<String, Instant>> live = new HashMap<>();
        for (LedgerEvent e : events) {
            if (e.makesLive()) {
                live.computeIfAbsent(e.tier(), t -> new HashMap<>()).putIfAbsent(e.version(), e.time());
            }
        }
        return live;
    }

    static DeploymentFrequency frequency(String tier, List<LedgerEvent> events, Window window, ZoneId zone) {
        Map<LocalDate, Integer> perDay = new LinkedHashMap<>();
        LocalDate first = window.from().atZone(zone).toLocalDate();
        LocalDate last = window.to().minusNanos(1).atZone(zone).toLocalDate();
        if (window.length().isZero()) {
            last = first;
        }
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            perDay.put(d, 0);
        }
        int count = 0;
        for (LedgerEvent e : events) {
            // a forward change of what takes the tier's traffic; a rollback or switch back is not one
            if (e.makesLive() && !e.rollsBack() && window.contains(e.time())) {
                count++;
                perDay.merge(e.time().atZone(zone).toLocalDate(), 1, Integer::sum);
            }
        }
        double days = window.length().toMillis() / 86_400_000.0;
        List<DeploymentFrequency.DailyCount> daily = new ArrayList<>();
        perDay.forEach((d, n) -> daily.add(new DeploymentFrequency.DailyCount(d, n)));
        return new DeploymentFrequency(tier, count, days == 0 ? 0 : count / days, daily);
    }

    private static DurationStats leadTime(Map<String, Instant> live, Map<String, Instant> changedAt, Window window) {
        List<Duration> durations = new ArrayList<>();
        live.forEach((version, at) -> {
            Instant changed = changedAt.get(version);
            if (changed != null && window.contains(at)) {
                durations.add(Duration.between(changed, at));
            }
        });
        return DurationStats.of(durations);
    }

    private static List<LeadTimeStep> steps(
            List<String> tiers, Map<String, Map<String, Instant>> firstLive, Map<String, Instant> changedAt, Window w) {
        List<LeadTimeStep> steps = new ArrayList<>();
        Map<String, Instant> previous = changedAt;
        String from = LeadTimeStep.COMMIT;
        for (String tier : tiers) {
            Map<String, Instant> live = firstLive.getOrDefault(tier, Map.of());
            List<Duration> durations = new ArrayList<>();
            for (Map.Entry<String, Instant> e : live.entrySet()) {
                Instant before = previous.get(e.getKey());
                if (before != null && w.contains(e.getValue())) {
                    durations.add(Duration.between(before, e.getValue()));
                }
            }
            steps.add(new LeadTimeStep(from, tier, DurationStats.of(durations)));
            previous = live;
            from = tier;
        }
        return steps;
    }

    /** A deployment and whether it turned out to fail. */
    private static final class Deployment {
        final LedgerEvent event;
        boolean failed;

        Deployment(LedgerEvent event, boolean failed) {
            this.event = event;
            this.failed = failed;
        }
    }

    static ChangeFailureRate changeFailureRate(List<LedgerEvent> production, Window window) {
        List<Deployment> deployments = new ArrayList<>();
        Deployment live = null;
        int caught = 0;
        for (LedgerEvent e : production) {
            switch (e.type()) {
                case DEPLOYMENT_SUCCEEDED, SWITCHED, CANARY_COMPLETED -> {
                    live = new Deployment(e, false);
                    deployments.add(live);
                }
                case DEPLOYMENT_FAILED -> deployments.add(new Deployment(e, true));
                case CANARY_ABORTED -> caught += window.contains(e.time()) ? 1 : 0;
                case ROLLED_BACK, SWITCHED_BACK -> {
                    if (live != null
                            && (e.rolledBackFrom() == null || e.rolledBackFrom().equals(live.event.version()))) {
                        live.failed = true;
                    }
                    live = null; // what is live now came by rollback, not by a deployment
                }
                default -> {
                    // verdicts, approvals, starts and overrides are not deployments
                }
            }
        }
        int count = 0;
        int failures = 0;
        for (Deployment d : deployments) {
            if (window.contains(d.event.time())) {
                count++;
                failures += d.failed ? 1 : 0;
            }
        }
        return new ChangeFailureRate(count, failures, caught);
    }

    static DurationStats timeToRestore(List<LedgerEvent> events, Window window) {
        List<Duration> durations = new ArrayList<>();
        Instant failingSince = null;
        Instant liveSince = null;
        for (LedgerEvent e : events) {
            switch (e.type()) {
                case DEPLOYMENT_FAILED -> {
                    if (failingSince == null) {
                        failingSince = e.time();
                    }
                }
                case ROLLED_BACK, SWITCHED_BACK -> {
                    // a rollback restores from a failure that began when the bad candidate went live
                    Instant since = failingSince != null ? failingSince : liveSince;
                    if (since != null && window.contains(e.time())) {
                        durations.add(Duration.between(since, e.time()));
                    }
                    failingSince = null;
                    liveSince = e.time();
                }
                case DEPLOYMENT_SUCCEEDED, SWITCHED, CANARY_COMPLETED -> {
                    if (failingSince != null && window.contains(e.time())) {
                        durations.add(Duration.between(failingSince, e.time()));
                    }
                    failingSince = null;
                    liveSince = e.time();
                }
                default -> {
                    // not a change of what runs in the tier
                }
            }
        }
        return DurationStats.of(durations);
    }

    static GateWait gateWait(String tier, List<LedgerEvent> events, Window window) {
        Map<String, Instant> waitingSince = new HashMap<>();
        Map<String, VerdictStatus> latest = new HashMap<>();
        List<Duration> durations = new ArrayList<>();
        for (LedgerEvent e : events) {
            if (e.type() != EventType.GATE_VERDICT) {
                continue;
            }
            VerdictStatus status = e.status();
            latest.put(e.version(), status);
            if (status == VerdictStatus.WAITING) {
                waitingSince.putIfAbsent(e.version(), e.time());
            } else {
                Instant since = waitingSince.remove(e.version());
                if (status == VerdictStatus.PASSED && since != null && window.contains(e.time())) {
                    durations.add(Duration.between(since, e.time()));
                }
            }
        }
        int stillWaiting = (int)
                latest.values().stream().filter(s -> s == VerdictStatus.WAITING).count();
        return new GateWait(tier, DurationStats.of(durations), stillWaiting);
    }
}
