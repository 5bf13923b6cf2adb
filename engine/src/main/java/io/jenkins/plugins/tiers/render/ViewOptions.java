package io.jenkins.plugins.tiers.render;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a caller may choose about a progress view: how far back the DORA figures look, which tiers
 * to show, how many recent candidates to draw, the time zone and how builds become links. The CLI
 * and the Jenkins job page differ only in these.
 *
 * @param window how far back the DORA figures look, more than zero
 * @param tiers the ids of the tiers to show, in any order; empty for every tier of the ladder
 * @param candidates how many of the newest candidates to draw, 1 or more
 * @param zone the zone times are shown and days counted in
 * @param links how builds become links
 */
public record ViewOptions(Duration window, List<String> tiers, int candidates, ZoneId zone, LinkTemplate links) {

    /** The default window of the DORA figures. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    /** The default number of candidates drawn. */
    public static final int DEFAULT_CANDIDATES = 50;

    public ViewOptions {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be longer than zero, was " + window);
        }
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be 1 or more, was " + candidates);
        }
        Objects.requireNonNull(zone, "zone");
        links = links == null ? LinkTemplate.NONE : links;
    }

    /** Thirty days, every tier, fifty candidates, no links, in {@code zone}. */
    public static ViewOptions defaults(ZoneId zone) {
        return new ViewOptions(DEFAULT_WINDOW, List.of(), DEFAULT_CANDIDATES, zone, LinkTemplate.NONE);
    }

    public ViewOptions withWindow(Duration value) {
        return new ViewOptions(value, tiers, candidates, zone, links);
    }

    public ViewOptions withTiers(List<String> value) {
        return new ViewOptions(window, value, candidates, zone, links);
    }

    public ViewOptions withCandidates(int value) {
        return new ViewOptions(window, tiers, value, zone, links);
    }

    public ViewOptions withLinks(LinkTemplate value) {
        return new ViewOptions(window, tiers, candidates, zone, value);
    }
}
