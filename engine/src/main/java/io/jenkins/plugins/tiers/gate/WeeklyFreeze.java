package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A freeze that recurs every week: it starts on each listed day at {@code from} and ends at
 * {@code to}, on the same day when {@code to} is later, otherwise on the next day ({@code Fri
 * 18:00–06:00} ends Saturday morning; {@code from == to} lasts 24 hours). Times are local to the
 * zone, so a window ending at 06:00 ends at 06:00 on both sides of a daylight-saving change.
 *
 * @param name what people call it; may be empty
 * @param zone the zone of the local times
 * @param days the days on which the window starts, at least one
 * @param from local start time (inclusive)
 * @param to local end time (exclusive)
 */
public record WeeklyFreeze(String name, ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime to)
        implements FreezeWindow {
    private static final long serialVersionUID = 1L;

    public WeeklyFreeze {
        name = name == null ? "" : name.trim();
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (days == null || days.isEmpty()) {
            throw new InvalidDefinitionException("days", "a weekly freeze needs at least one day");
        }
        days = Set.copyOf(days);
    }

    @Override
    public Optional<Instant> frozenUntil(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        // An occurrence lasts at most 24 hours, so only one starting today or yesterday can hold `at`.
        for (LocalDate start = local.toLocalDate().minusDays(1);
                !start.isAfter(local.toLocalDate());
                start = start.plusDays(1)) {
            if (!days.contains(start.getDayOfWeek())) {
                continue;
            }
            LocalDateTime begins = start.atTime(from);
            LocalDateTime ends =
                    to.isAfter(from) ? start.atTime(to) : start.plusDays(1).atTime(to);
            if (!local.isBefore(begins) && local.isBefore(ends)) {
                return Optional.of(ends.atZone(zone).toInstant());
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        String dayList = EnumSet.copyOf(days).stream()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                .collect(Collectors.joining(","));
        return (name.isEmpty() ? "" : name + " ") + "every " + dayList + " " + from + "–" + to + " " + zone.getId();
    }
}
