package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A freeze between two local date-times in a zone, such as the year-end holidays. A ladder file
 * may give plain dates: the window then runs from the start of the first day to the end of the
 * last one.
 *
 * @param name what people call it; may be empty
 * @param zone the zone of the local times
 * @param start local start (inclusive)
 * @param end local end (exclusive), after {@code start}
 */
public record DateFreeze(String name, ZoneId zone, LocalDateTime start, LocalDateTime end) implements FreezeWindow {
    private static final long serialVersionUID = 1L;

    public DateFreeze {
        name = name == null ? "" : name.trim();
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new InvalidDefinitionException("to", "the freeze must end after it starts (" + start + ")");
        }
    }

    @Override
    public Optional<Instant> frozenUntil(Instant at) {
        Instant begins = start.atZone(zone).toInstant();
        Instant ends = end.atZone(zone).toInstant();
        return !at.isBefore(begins) && at.isBefore(ends) ? Optional.of(ends) : Optional.empty();
    }

    @Override
    public String describe() {
        return (name.isEmpty() ? "" : name + " ") + start + "–" + end + " " + zone.getId();
    }
}
