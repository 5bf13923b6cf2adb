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

    /** Seconds, or a negative number, from characters (an attribute value straight from the parser). */
    static double parse(char[] text, int start, int end) {
        if (end - start > 1 && text[start] == '-') {
            double magnitude = plainDecimal(text, start + 1, end); // some tools write negative times
            if (magnitude > 0) {
                return -1;
            }
        }
        double plain = plainDecimal(text, start, end);
        return plain >= 0 ? plain : parse(new String(text, start, end - start));
    }

    private static double plainDecimal(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_PLAIN_CHARS) {
            return -1;
        }
        char[] chars = new char[length];
        text.getChars(0, length, chars, 0);
        return plainDecimal(chars, 0, length);
    }

    /**
     * The common {@code 12.345} form without the cost of {@link Double#parseDouble}, which shows in
     * profiles of reports with a million test cases; -1 for anything else. Digits after the 15th
     * significant one are dropped (below a femtosecond for any real test), so up to there the
     * result is exact: a whole number below 10^15 divided by an exact power of ten rounds once.
     */
    private static double plainDecimal(char[] text, int start, int end) {
        if (start == end || end - start > MAX_PLAIN_CHARS) {
            return -1;
        }
        long digits = 0;
        int significant = 0;
        int fraction = -1;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                if (significant < MAX_SIGNIFICANT_DIGITS) {
                    digits = digits * 10 + (c - '0');
                    significant += digits == 0 ? 0 : 1;
                    fraction += fraction >= 0 ? 1 : 0;
                } else if (fraction < 0) {
                    return -1; // a whole part this long is no duration worth a fast path
                }
            } else if (c == '.' && fraction < 0 && i > start) {
                fraction = 0;
            } else {
                return -1;
            }
        }
        if (fraction == 0 || fraction >= POWERS_OF_TEN.length) {
            return -1;
        }
        return fraction < 0 ? digits : digits / POWERS_OF_TEN[fraction];
    }

    private static final int MAX_PLAIN_CHARS = 40;
    private static final int MAX_SIGNIFICANT_DIGITS = 15;

    private static final double[] POWERS_OF_TEN = {
        1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
        1e21, 1e22
    };
}
