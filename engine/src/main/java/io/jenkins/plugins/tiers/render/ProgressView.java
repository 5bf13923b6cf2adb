package io.jenkins.plugins.tiers.render;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the live-code progress view shows, already computed: the renderers only lay it out.
 * Filled from the ledger's live state, history and progress figures by an adapter, and from
 * sample data in tests, so rendering never depends on how events are stored.
 *
 * @param application the application name, shown as the page title
 * @param tiers the ladder, lowest tier (development) first
 * @param cards one card per tier that has something to show; tiers without a card show as empty
 * @param journeys the candidates' journeys, in any order (renderers sort by start time)
 * @param leadTimes lead-time points of candidates that reached production, in any order
 * @param dora the DORA figures, or {@code null} when not computed
 * @param links how builds become links
 * @param now the instant the view was taken, the right edge of the charts
 * @param zone the zone to format times in
 */
public record ProgressView(
        String application,
        List<TierView> tiers,
        List<TierCard> cards,
        List<Journey> journeys,
        List<LeadTimePoint> leadTimes,
        DoraFigures dora,
        LinkTemplate links,
        Instant now,
        ZoneId zone) {

    public ProgressView {
        application = application == null ? "" : application;
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        cards = cards == null ? List.of() : List.copyOf(cards);
        journeys = journeys == null ? List.of() : List.copyOf(journeys);
        leadTimes = leadTimes == null ? List.of() : List.copyOf(leadTimes);
        links = links == null ? LinkTemplate.NONE : links;
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * This view with only the candidates active since {@code from}: journeys with a step at or
     * after it, and lead-time points that reached production at or after it. Tier cards (what is
     * live now) and the DORA figures are kept as they are.
     */
    public ProgressView activeSince(Instant from) {
        List<Journey> active = journeys.stream()
                .filter(j -> j.steps().stream().anyMatch(s -> !s.at().isBefore(from)))
                .toList();
        List<LeadTimePoint> recent = leadTimes.stream()
                .filter(p -> !p.reachedProduction().isBefore(from))
                .toList();
        return new ProgressView(application, tiers, cards, active, recent, dora, links, now, zone);
    }

    /** The card of a tier, if any. */
    public Optional<TierCard> cardOf(String tierId) {
        return cards.stream().filter(c -> c.tierId().equals(tierId)).findFirst();
    }

    /** The index of a tier in the ladder, or -1. */
    public int tierIndex(String tierId) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).id().equals(tierId)) {
                return i;
            }
        }
        return -1;
    }

    /** The display name of a tier, or its id when unknown. */
    public String tierName(String tierId) {
        int i = tierIndex(tierId);
        return i < 0 ? tierId : tiers.get(i).displayName();
    }

    /** A time formatter for this view's zone. */
    public TimeFormat timeFormat() {
        return new TimeFormat(zone);
    }
}
