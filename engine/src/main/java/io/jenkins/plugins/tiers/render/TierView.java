package io.jenkins.plugins.tiers.render;

import java.util.Objects;

/**
 * A tier as the progress view shows it: a row of the flow chart, a column of the promotion matrix,
 * a card. Carries only what is displayed, so the renderer never needs the ladder's gate policy.
 *
 * @param id the tier id ({@code staging}), used to match steps and cards to the tier
 * @param displayName the name people read; the id when blank
 * @param kind what sort of environment it is, shown as a label and used for styling
 * @param url the tier's own address, if any; shown only when it is an http(s) or relative URL
 */
public record TierView(String id, String displayName, Kind kind, String url) {

    /** The kinds of environment a tier can be, in the vocabulary of the design. */
    public enum Kind {
        DEVELOPMENT,
        TESTING,
        STAGING,
        PRODUCTION,
        OTHER;

        /** Lower-case word for labels and CSS classes. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TierView {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
        kind = kind == null ? Kind.OTHER : kind;
    }

    /** A tier whose display name is its id and which has no URL. */
    public static TierView of(String id, Kind kind) {
        return new TierView(id, id, kind, null);
    }
}
