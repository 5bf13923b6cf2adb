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
        double plain = plainDecimal(text);
        if (plain >= 0) {
            return plain;
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

    /**
     * The common {@code 12.345} form without the cost of {@link Double#parseDouble}, which shows in
     * profiles of reports with a million test cases; -1 for anything else.
     */
    private static double plainDecimal(String text) {
        int length = text.length();
        if (length == 0 || length > 15) {
            return -1;
        }
        long digits = 0;
        int fraction = -1;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0 && i > 0) {
                fraction = 0;
            } else {
                return -1;
            }
        }
        return fraction <= 0 ? (fraction == 0 ? -1 : digits) : digits / POWERS_OF_TEN[fraction];
    }

    private static final double[] POWERS_OF_TEN = {
        1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
    };
}
