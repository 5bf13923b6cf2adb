package io.jenkins.plugins.tiers.gate;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A period in which a tier accepts no promotion, in the local time of a zone so that "Friday
 * 18:00" stays Friday 18:00 across daylight-saving changes. A gate in a freeze waits; an
 * emergency override with a named person and a reason lets it through, on the record.
 */
public sealed interface FreezeWindow extends Serializable permits WeeklyFreeze, DateFreeze {

    /** What people call it ({@code weekend}, {@code year-end}); may be empty. */
    String name();

    /** The zone whose local time the window is written in. */
    ZoneId zone();

    /**
     * If {@code at} falls inside this window, the instant its current occurrence ends.
     *
     * @param at the instant to test
     * @return the end of the occurrence containing {@code at} (exclusive), or empty when not frozen
     */
    Optional<Instant> frozenUntil(Instant at);

    /** The window as written, for evidence and the audit record. */
    String describe();
}
