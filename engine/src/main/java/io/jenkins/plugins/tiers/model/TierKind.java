package io.jenkins.plugins.tiers.model;

import java.util.Locale;
import java.util.Optional;

/** What a tier is for; views group and colour tiers by kind, and DORA figures count production. */
public enum TierKind {
    DEVELOPMENT,
    TESTING,
    STAGING,
    PRODUCTION,
    OTHER;

    /** The lower-case label used in files and forms ({@code production}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this label, ignoring case. */
    public static Optional<TierKind> fromLabel(String label) {
        for (TierKind kind : values()) {
            if (kind.label().equalsIgnoreCase(label.trim())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
