package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.DraftText;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of a freeze window as people write them, in {@code tiers.yaml} and in the
 * job configuration form alike: one reader per value, so that the file and the form accept the
 * same text and say the same thing about a mistake. Each names the field it was given; callers
 * place it in their own path with {@link InvalidDefinitionException#within}.
 */
public final class FreezeText {
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-4]):([0-5]\\d)");
    private static final Pattern RANGE_DASH = Pattern.compile("\\s*-\\s*");

    private FreezeText() {}

    /** A time-zone id ({@code Europe/Berlin}); blank means UTC. */
    public static ZoneId zone(String field, String text) {
        if (DraftText.blank(text)) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new InvalidDefinitionException(
                    field,
                    DraftText.quote(text.trim()) + " is not a time zone; use a region such as Europe/Berlin, or UTC");
        }
    }

    /**
     * Days: names ({@code sat}, {@code Saturday}) and ranges ({@code mon-fri}, {@code fri - mon},
     * wrapping over the weekend), separated by commas or spaces; at least one.
     */
    public static Set<DayOfWeek> days(String field, String text) {
        if (DraftText.blank(text)) {
            throw new InvalidDefinitionException(field, "a weekly freeze needs at least one day");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : RANGE_DASH.matcher(text.trim()).replaceAll("-").split("[,\\s]+")) {
            String[] range = part.split("-", -1);
            if (range.length == 1) {
                days.add(day(field, part));
            } else if (range.length == 2) {
                DayOfWeek last = day(field, range[1]);
                for (DayOfWeek d = day(field, range[0]); ; d = d.plus(1)) {
                    days.add(d);
                    if (d == last) {
                        break;
                    }
                }
            } else {
                throw new InvalidDefinitionException(
                        field, DraftText.quote(part) + " is not a day or a range of days such as mon-fri");
            }
        }
        return days;
    }

    private static DayOfWeek day(String field, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (t.length() >= 3 && d.name().toLowerCase(Locale.ROOT).startsWith(t)) {
                return d;
            }
        }
        throw new InvalidDefinitionException(
                field, DraftText.quote(text) + " is not a day; use mon, tue, wed, thu, fri, sat, sun or full names");
    }

    /** A local time of day, {@code HH:MM}; {@code 24:00} is midnight at the end of the day. */
    public static LocalTime timeOfDay(String field, String text) {
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches() || m.group(1).equals("24") && !m.group(2).equals("00")) {
            throw new InvalidDefinitionException(
                    field,
                    DraftText.quote(text.trim())
                            + " is not a time of day; write HH:MM such as \"18:00\" (in quotes in tiers.yaml)");
        }
        int hour = Integer.parseInt(m.group(1));
        return hour == 24 ? LocalTime.MIDNIGHT : LocalTime.of(hour, Integer.parseInt(m.group(2)));
    }

    /**
     * A weekly window from its times as written. {@code 24:00} is the end of the day on both ends:
     * as {@code to} it ends the window at midnight after the day, and as {@code from} it starts the
     * window there too, so {@code fri 24:00–06:00} is Saturday 00:00 to 06:00 (kept as such).
     */
    public static WeeklyFreeze weekly(String name, ZoneId zone, Set<DayOfWeek> days, String from, String to) {
        LocalTime start = timeOfDay("from", from);
        LocalTime end = timeOfDay("to", to);
        if (!endOfDay(from)) {
            return new WeeklyFreeze(name, zone, days, start, end);
        }
        Set<DayOfWeek> nextDays = EnumSet.noneOf(DayOfWeek.class);
        days.forEach(d -> nextDays.add(d.plus(1)));
        return new WeeklyFreeze(name, zone, nextDays, LocalTime.MIDNIGHT, end);
    }

    private static boolean endOfDay(String text) {
        return text.trim().startsWith("24");
    }

    /**
     * A local date ({@code 2026-12-20}) or date-time ({@code 2026-12-20T18:00}, or with a space): a
     * date means its first moment or, as an end, the first moment of the next day, so that the
     * whole day is included.
     */
    public static LocalDateTime dateTime(String field, String text, boolean isEnd) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                LocalDate date = LocalDate.parse(t);
                return isEnd ? date.plusDays(1).atStartOfDay() : date.atStartOfDay();
            }
            return LocalDateTime.parse(t.replace(' ', 'T'));
        } catch (DateTimeException e) {
            throw new InvalidDefinitionException(
                    field, DraftText.quote(t) + " is not a date or date-time such as 2026-12-20 or 2026-12-20T18:00");
        }
    }
}
