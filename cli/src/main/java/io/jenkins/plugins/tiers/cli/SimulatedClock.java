package io.jenkins.plugins.tiers.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock the demo moves forward by hand, so two weeks of promotions run in a second and the same
 * seed and start always give the same ledger. Never moves backwards.
 */
final class SimulatedClock extends Clock {

    private final ZoneId zone;
    private Instant now;

    SimulatedClock(Instant start, ZoneId zone) {
        this.now = Objects.requireNonNull(start, "start");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Moves to {@code t}; a time before the current one leaves the clock where it is. */
    void advanceTo(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new SimulatedClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
