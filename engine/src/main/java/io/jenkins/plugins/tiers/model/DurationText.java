package io.jenkins.plugins.tiers.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in ladder files and read them in evidence lines: {@code 30m},
 * {@code 2h}, {@code 1d}, {@code 90s}, combinations such as {@code 1h30m}, or ISO-8601 ({@code
 * PT2H}). A day is 24 hours.
 */
public final class DurationText {
    private static final Pattern SHORT =
            Pattern.compile("(?:(\\d{1,6})d)?\\s*(?:(\\d{1,7})h)?\\s*(?:(\\d{1,9})m)?\\s*(?:(\\d{1,9})s)?");

    private DurationText() {}

    /**
     * Reads a duration.
     *
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty() && !t.startsWith("p") && !t.startsWith("-")) {
            Matcher m = SHORT.matcher(t);
            if (m.matches()) {
                Duration d = Duration.ofDays(number(m.group(1)))
                        .plusHours(number(m.group(2)))
                        .plusMinutes(number(m.group(3)))
                        .plusSeconds(number(m.group(4)));
                return d;
            }
        } else if (t.startsWith("p")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a duration; write for example 30m, 2h, 1d,"
                + " 1h30m or ISO-8601 such as PT2H");
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** The shortest readable form: {@code 2h}, {@code 1d 4h}, {@code 1h 20m}, {@code 45s}, {@code 0s}. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (seconds < 0) {
            b.append('-');
            seconds = -seconds;
        }
        long[] parts = {seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != 0) {
                if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                    b.append(' ');
                }
                b.append(parts[i]).append(units[i]);
            }
        }
        return b.toString();
    }
}
