package io.jenkins.plugins.tiers.render;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Formats instants in the viewer's zone and durations in the coarse units people read at a glance
 * ({@code 2d 4h}, {@code 35m}).
 */
public final class TimeFormat {

    private final ZoneId zone;
    private final DateTimeFormatter short_;
    private final DateTimeFormatter full;
    private final DateTimeFormatter day;

    public TimeFormat(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.short_ = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT).withZone(zone);
        this.full =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(zone);
        this.day = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT).withZone(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** {@code 20 Nov 14:03}. */
    public String shortTime(Instant t) {
        return short_.format(t);
    }

    /** {@code 2026-11-20 14:03 UTC}. */
    public String fullTime(Instant t) {
        return full.format(t);
    }

    /** {@code 20 Nov}. */
    public String day(Instant t) {
        return day.format(t);
    }

    /** ISO-8601 instant for {@code datetime} attributes. */
    public static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** {@code 3d 4h}, {@code 5h 12m}, {@code 35m}, {@code 40s}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        long hours = (s % 86_400) / 3_600;
        long minutes = (s % 3_600) / 60;
        if (days > 0) {
            return hours > 0 ? days + "d " + hours + "h" : days + "d";
        }
        if (hours > 0) {
            return minutes > 0 ? hours + "h " + minutes + "m" : hours + "h";
        }
        if (minutes > 0) {
            return minutes + "m";
        }
        return s + "s";
    }
}
