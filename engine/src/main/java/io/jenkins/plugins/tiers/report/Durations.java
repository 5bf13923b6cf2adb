package io.jenkins.plugins.tiers.report;

import java.util.regex.Pattern;

/**
 * Reads the {@code time} attributes tools write: {@code 1.5}, {@code 1,234.5} (grouping),
 * {@code 0,5} (decimal comma), {@code 4.5e-05}, or nothing at all. What cannot be read counts as
 * zero: a duration never decides a gate, so it is not worth refusing a report over.
 */
final class Durations {
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(,\\d{3})+");

    private Durations() {}

    /** Seconds, or a negative number when the text is not a duration. */
    static double parse(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return -1;
        }
        if (t.indexOf(',') >= 0) {
            t = t.indexOf('.') >= 0 || GROUPED.matcher(t).matches() ? t.replace(",", "") : t.replace(',', '.');
        }
        try {
            double seconds = Double.parseDouble(t);
            return seconds >= 0 && !Double.isInfinite(seconds) ? seconds : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
