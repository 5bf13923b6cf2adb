package io.jenkins.plugins.tiers.gate;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;

/**
 * How two user ids are compared to tell whether they name one person: approvers counted once,
 * the starter of a run kept from approving it, allowed users recognised. Ids are compared after
 * one normalisation: Unicode NFKC (full-width {@code ｂｏｂ} is {@code bob}), invisible format
 * characters removed (a zero-width space cannot make a second approver), surrounding white space
 * trimmed, and case folded, as Jenkins' default (case-insensitive) user id strategy does, so
 * {@code bob} and {@code BOB} are one person.
 */
public final class PersonId {

    private PersonId() {}

    /**
     * The key two ids are compared by: equal keys mean one person.
     *
     * @param id a user id as given, possibly {@code null} (then the empty key, nobody)
     */
    public static String key(String id) {
        if (id == null) {
            return "";
        }
        String visible = withoutInvisible(Normalizer.normalize(id, Normalizer.Form.NFKC));
        // Upper then lower folds what one direction misses (ß → SS → ss, final sigma); NFKC again
        // because case mapping may produce decomposable characters.
        String folded = visible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return withoutInvisible(Normalizer.normalize(folded, Normalizer.Form.NFKC))
                .strip();
    }

    /** Whether two ids name one person. */
    public static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }

    /** Whether {@code id} names one of {@code ids}. */
    public static boolean among(String id, Collection<String> ids) {
        String k = key(id);
        return ids.stream().anyMatch(other -> key(other).equals(k));
    }

    private static String withoutInvisible(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().filter(c -> !invisible(c)).forEach(b::appendCodePoint);
        return b.toString();
    }

    /**
     * Format characters (zero-width space and joiners, bidi marks, soft hyphen, byte order mark,
     * tags) and the other default-ignorable code points that render as nothing.
     */
    private static boolean invisible(int c) {
        return Character.getType(c) == Character.FORMAT
                || c == 0x034F // combining grapheme joiner
                || c == 0x115F
                || c == 0x1160 // Hangul fillers
                || c == 0x17B4
                || c == 0x17B5 // Khmer inherent vowels
                || (c >= 0x180B && c <= 0x180F) // Mongolian variation selectors and vowel separator
                || c == 0x3164
                || c == 0xFFA0 // Hangul fillers
                || (c >= 0xFE00 && c <= 0xFE0F) // variation selectors
                || (c >= 0xE0100 && c <= 0xE01EF) // variation selectors supplement
                || Character.isISOControl(c);
    }
}
