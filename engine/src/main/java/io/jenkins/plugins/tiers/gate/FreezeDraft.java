package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.DraftText;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A freeze window as a form writes it: weekly ({@code days}, {@code from}, {@code to}) or dated
 * ({@code start}, {@code end}), in the local time of {@code zone}. {@link #toWindow()} reads it.
 *
 * @param name what people call it, or blank
 * @param zone a time-zone id ({@code Europe/Paris}), or blank for UTC
 * @param days for a weekly window: days separated by commas, or ranges ({@code fri-mon})
 * @param from for a weekly window: the local start time ({@code 18:00})
 * @param to for a weekly window: the local end time, on the next day when not after {@code from}
 * @param start for a dated window: a local date-time ({@code 2026-12-24T00:00}) or a date
 * @param end for a dated window: a local date-time, or a date whose whole day is included
 */
public record FreezeDraft(String name, String zone, String days, String from, String to, String start, String end)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The freeze window.
     *
     * @throws InvalidDefinitionException naming the field at fault
     */
    public FreezeWindow toWindow() {
        DraftText.checkText("name", name);
        ZoneId zoneId = zone(zone);
        boolean weekly = !DraftText.blank(days) || !DraftText.blank(from) || !DraftText.blank(to);
        boolean dated = !DraftText.blank(start) || !DraftText.blank(end);
        if (weekly == dated) {
            throw new InvalidDefinitionException(
                    "",
                    weekly
                            ? "give either days, from and to (weekly) or start and end (dated), not both"
                            : "give days, from and to for a weekly window, or start and end for a dated one");
        }
        if (weekly) {
            return new WeeklyFreeze(
                    name, zoneId, days(days), time("from", required("from", from)), time("to", required("to", to)));
        }
        LocalDateTime begins = dateTime("start", required("start", start), false);
        LocalDateTime ends = dateTime("end", required("end", end), true);
        if (!ends.isAfter(begins)) {
            throw new InvalidDefinitionException("end", "the freeze must end after it starts (" + begins + ")");
        }
        return new DateFreeze(name, zoneId, begins, ends);
    }

    private static String required(String field, String text) {
        if (DraftText.blank(text)) {
            throw new InvalidDefinitionException(field, "is needed");
        }
        return text.trim();
    }

    /** Reads a time-zone id; blank means UTC, as in {@code tiers.yaml}. */
    public static ZoneId zone(String text) {
        if (DraftText.blank(text)) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new InvalidDefinitionException(
                    "zone",
                    DraftText.quote(text.trim()) + " is not a time zone; write for example Europe/Paris or UTC");
        }
    }

    /** Reads days ({@code sat, sun}, {@code Saturday}, {@code fri-mon}); at least one. */
    public static Set<DayOfWeek> days(String text) {
        if (DraftText.blank(text)) {
            throw new InvalidDefinitionException("days", "a weekly freeze needs at least one day");
        }
        Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.trim().split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash > 0) {
                DayOfWeek first = day(part.substring(0, dash));
                DayOfWeek last = day(part.substring(dash + 1));
                for (DayOfWeek d = first; ; d = d.plus(1)) {
                    result.add(d);
                    if (d == last) {
                        break;
                    }
                }
            } else {
                result.add(day(part));
            }
        }
        return result;
    }

    private static DayOfWeek day(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            if (t.length() >= 2 && full.startsWith(t) && (t.length() >= 3 || t.length() == full.length())) {
                return d;
            }
        }
        throw new InvalidDefinitionException(
                "days", DraftText.quote(text) + " is not a day; write mon, tue, wed, thu, fri, sat or sun");
    }

    /** Reads a local time of day ({@code 18:00}); {@code 24:00} is midnight at the end of the day. */
    public static LocalTime time(String field, String text) {
        if (text.trim().equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidDefinitionException(field, DraftText.quote(text.trim()) + " is not a time such as 18:00");
        }
    }

    /**
     * Reads a local date-time or a date: a date means its first moment, or for an end, the first
     * moment of the next day (so the whole day is frozen).
     */
    public static LocalDateTime dateTime(String field, String text, boolean isEnd) {
        String t = text.trim();
        try {
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException notDateTime) {
            try {
                LocalDate date = LocalDate.parse(t);
                return isEnd ? date.plusDays(1).atStartOfDay() : date.atStartOfDay();
            } catch (DateTimeParseException notDate) {
                throw new InvalidDefinitionException(
                        field, DraftText.quote(t) + " is not a date such as 2026-12-24 or 2026-12-24T18:00");
            }
        }
    }
}
