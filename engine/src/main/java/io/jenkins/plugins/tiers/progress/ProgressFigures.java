package io.jenkins.plugins.tiers.progress;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of live-code progress for one application and window: DORA's four (deployment
 * frequency, lead time for changes, change failure rate, time to restore) from real tier events,
 * plus lead time per step and time waiting at each gate.
 *
 * @param window the window
 * @param zone the zone calendar days are counted in
 * @param order the tiers and which is production
 * @param frequency per tier, in tier order
 * @param leadTime per tier: newest change to live in that tier
 * @param steps commit to the first tier, then tier to tier
 * @param changeFailureRate of production
 * @param timeToRestore per tier: failure to the next successful deployment or rollback
 * @param gateWaits per tier, in tier order
 */
public record ProgressFigures(
        Window window,
        ZoneId zone,
        TierOrder order,
        List<DeploymentFrequency> frequency,
        Map<String, DurationStats> leadTime,
        List<LeadTimeStep> steps,
        ChangeFailureRate changeFailureRate,
        Map<String, DurationStats> timeToRestore,
        List<GateWait> gateWaits) {

    public ProgressFigures {
        frequency = List.copyOf(frequency);
        leadTime = Collections.unmodifiableMap(new LinkedHashMap<>(leadTime));
        steps = List.copyOf(steps);
        timeToRestore = Collections.unmodifiableMap(new LinkedHashMap<>(timeToRestore));
        gateWaits = List.copyOf(gateWaits);
    }
}
