package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.model.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The promotion view's filters: a time window ending now and one tier, both optional. They come
 * from a URL, so that a filtered view can be bookmarked, and {@link #parse} explains a value it
 * cannot use rather than silently showing everything.
 *
 * @param window how far back to look, or null for all history
 * @param tier the tier a candidate must have been seen at, or null for any
 */
public record PromotionFilter(Duration window, String tier) {

    /** The windows the view offers, shortest first; {@code all} means no limit. */
    public static final List<String> WINDOWS = List.of("24h", "7d", "30d", "90d", "all");

    /** No filter at all. */
    public static final PromotionFilter NONE = new PromotionFilter(null, null);

    public PromotionFilter {
        if (window != null && (window.isNegative() || window.isZero())) {
            throw new IllegalArgumentException("the window must be longer than zero");
        }
    }

    /**
     * Reads the filters of a request; blank values mean "no filter".
     *
     * @param window a duration ({@code 7d}, {@code 12h}) or {@code all}
     * @param tier a tier id of the ladder
     * @param tierIds the ladder's tier ids
     * @throws IllegalArgumentException naming the value it cannot use
     */
    public static PromotionFilter parse(String window, String tier, List<String> tierIds) {
        Duration span = null;
        if (window != null
                && !window.isBlank()
                && !window.trim().toLowerCase(Locale.ROOT).equals("all")) {
            try {
                span = DurationText.parse(window);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("window: " + e.getMessage(), e);
            }
            if (span.isZero()) {
                throw new IllegalArgumentException("window: must be longer than zero");
            }
        }
        String tierId = tier == null || tier.isBlank() ? null : tier.trim();
        if (tierId != null && !tierIds.contains(tierId)) {
            throw new IllegalArgumentException(
                    "tier: no tier \"" + tierId + "\" in this ladder; tiers: " + String.join(", ", tierIds));
        }
        return new PromotionFilter(span, tierId);
    }

    /** The window as the view's drop-down names it ({@code 7d}, {@code all}). */
    public String windowLabel() {
        if (window == null) {
            return "all";
        }
        for (String label : WINDOWS) {
            if (!label.equals("all") && DurationText.parse(label).equals(window)) {
                return label;
            }
        }
        return DurationText.format(window).replace(" ", "");
    }

    /**
     * The candidates that pass the filters, in the order given: seen at the tier (when one is
     * chosen) and with at least one event inside the window ending at {@code now} (events after
     * {@code now} are outside it).
     */
    public List<CandidatePath> apply(List<CandidatePath> candidates, Instant now) {
        Instant since = window == null ? null : now.minus(window);
        return candidates.stream()
                .filter(c -> tier == null || c.tier(tier).isPresent())
                .filter(c -> since == null
                        || c.events().stream()
                                .anyMatch(e ->
                                        !e.time().isBefore(since) && !e.time().isAfter(now)))
                .toList();
    }
}
