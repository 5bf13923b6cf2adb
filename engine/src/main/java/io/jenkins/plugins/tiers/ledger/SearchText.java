package io.jenkins.plugins.tiers.ledger;

import java.util.Locale;

/**
 * What a candidate search ({@link Ledger#search}) looks for, the same in every store: the text
 * trimmed and lower-cased, found anywhere in a version or at the start of a revision. A store that
 * searches in its own query language ({@link PostgresStatements}) matches the same way.
 *
 * @param needle the text as matched: trimmed, lower-case
 */
record SearchText(String needle) {

    /** The search for what a user typed. */
    static SearchText of(String text) {
        return new SearchText(text.trim().toLowerCase(Locale.ROOT));
    }

    /** A search for nothing finds nothing. */
    boolean isEmpty() {
        return needle.isEmpty();
    }

    /** Whether the candidate of {@code version} and {@code revision} (null when unknown) is found. */
    boolean matches(String version, String revision) {
        return version.toLowerCase(Locale.ROOT).contains(needle)
                || revision != null && revision.toLowerCase(Locale.ROOT).startsWith(needle);
    }
}
