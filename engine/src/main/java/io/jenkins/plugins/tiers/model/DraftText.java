package io.jenkins.plugins.tiers.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the text fields of a form or a Pipeline map into values, throwing {@link
 * InvalidDefinitionException} with the field's name and what would have been accepted. The one
 * place those rules live, so a form check and a saved ladder never disagree.
 */
public final class DraftText {

    private DraftText() {}

    /** Blank (null, empty or spaces) means "left out". */
    public static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** A whole number from 0 up, or null when blank. */
    public static Integer count(String field, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) {
                throw new InvalidDefinitionException(field, "must not be negative, was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidDefinitionException(field, Tier.quote(text.trim()) + " is not a whole number");
        }
    }

    /** A percentage from 0 to 100 ({@code 99.5}, a trailing {@code %} allowed), or null when blank. */
    public static Double percent(String field, String text) {
        if (blank(text)) {
            return null;
        }
        String t = text.trim();
        String digits = t.endsWith("%") ? t.substring(0, t.length() - 1).trim() : t;
        double value;
        try {
            value = Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new InvalidDefinitionException(field, Tier.quote(t) + " is not a percentage such as 99.5");
        }
        if (!(value >= 0 && value <= 100)) {
            throw new InvalidDefinitionException(field, "must be a percentage from 0 to 100, was " + t);
        }
        return value;
    }

    /** A duration longer than zero ({@code 2h}, {@code 1d}, {@code PT30M}), or null when blank. */
    public static Duration duration(String field, String text) {
        if (blank(text)) {
            return null;
        }
        Duration value;
        try {
            value = DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(field, e.getMessage());
        }
        if (value.isZero()) {
            throw new InvalidDefinitionException(field, "must be longer than zero");
        }
        return value;
    }

    /** Non-blank lines, trimmed; a line with a control character other than a tab is refused. */
    public static List<String> lines(String field, String text) {
        List<String> result = new ArrayList<>();
        if (blank(text)) {
            return result;
        }
        String[] all = text.split("\\r?\\n|\\r");
        for (int i = 0; i < all.length; i++) {
            String line = all[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            checkText(field + "[" + result.size() + "]", line);
            result.add(line);
        }
        return result;
    }

    /** Names separated by commas, spaces or new lines ({@code alice, bob}). */
    public static List<String> names(String field, String text) {
        if (blank(text)) {
            return new ArrayList<>();
        }
        List<String> result = new ArrayList<>();
        for (String name : Arrays.asList(text.trim().split("[,\\s]+"))) {
            if (!name.isEmpty()) {
                checkText(field, name);
                result.add(name);
            }
        }
        return result;
    }

    /** The text in quotes, shortened and with control characters visible, for messages. */
    public static String quote(String text) {
        return Tier.quote(text);
    }

    /** Text shown to people: no control characters. */
    public static void checkText(String field, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                throw new InvalidDefinitionException(field, "contains a control character at position " + (i + 1));
            }
        }
    }
}
