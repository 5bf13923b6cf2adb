package io.jenkins.plugins.tiers.render;

import static io.jenkins.plugins.tiers.render.SvgNumbers.num;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The promotion flow chart: time on x, tiers on y with development at the bottom, each candidate a
 * step line climbing the tiers as it is deployed, a marker per verdict or deployment whose shape
 * and colour say what happened. Draws the most recent candidates only and says so, so the chart
 * stays readable and small whatever the history.
 */
public final class FlowChartRenderer implements PageFragment {

    /** How many candidates the chart draws by default. */
    public static final int DEFAULT_MAX_CANDIDATES = 24;

    static final double WIDTH = 1000;
    private static final double LEFT = 118;
    private static final double RIGHT = 150;
    private static final double TOP = 40;
    private static final double ROW = 40;
    private static final double AXIS = 30;
    private static final int REASON_LENGTH = 240;
    /** The shortest time axis: one minute, so that one event alone still has an axis. */
    private static final Duration MIN_SPAN = Duration.ofMinutes(1);

    private static final Duration[] TICK_STEPS = {
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10),
        Duration.ofMinutes(15),
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofHours(3),
        Duration.ofHours(6),
        Duration.ofHours(12),
        Duration.ofDays(1),
        Duration.ofDays(2),
        Duration.ofDays(7),
        Duration.ofDays(14),
        Duration.ofDays(30),
        Duration.ofDays(91),
        Duration.ofDays(365)
    };

    private final int maxCandidates;

    public FlowChartRenderer() {
        this(DEFAULT_MAX_CANDIDATES);
    }

    /** @param maxCandidates how many of the most recent candidates to draw, 1 or more */
    public FlowChartRenderer(int maxCandidates) {
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be 1 or more, was " + maxCandidates);
        }
        this.maxCandidates = maxCandidates;
    }

    @Override
    public void renderTo(ProgressView view, StringBuilder out) {
        TimeFormat time = view.timeFormat();
        List<Journey> all = view.journeys().stream()
                .filter(j -> j.start().isPresent())
                .sorted(Comparator.comparing(j -> j.start().orElseThrow()))
                .toList();
        List<Journey> drawn = all.subList(Math.max(0, all.size() - maxCandidates), all.size());
        out.append("<figure class=\"tiers tiers-flow\"><figcaption class=\"tiers-caption\">");
        if (view.tiers().isEmpty()) {
            out.append("No tiers are defined yet.</figcaption></figure>");
            return;
        }
        if (drawn.isEmpty()) {
            out.append("No candidate has been recorded yet.</figcaption></figure>");
            return;
        }
        out.append("Each line is a candidate climbing the tiers over time.");
        if (drawn.size() < all.size()) {
            out.append(" Showing the ")
                    .append(drawn.size())
                    .append(" most recent of ")
                    .append(all.size())
                    .append(" candidates.");
        }
        out.append("</figcaption>");

        int tiers = view.tiers().size();
        double height = TOP + (tiers + 1) * ROW + AXIS;
        Instant t0 = drawn.get(0).start().orElseThrow();
        Instant t1 = view.now();
        for (Journey j : drawn) {
            Instant end = j.end().orElseThrow();
            if (end.isAfter(t1)) {
                t1 = end;
            }
        }
        // The axis fits the history, however short, so candidates minutes apart are drawn apart.
        long span = Math.max(Duration.between(t0, t1).toMillis(), MIN_SPAN.toMillis());
        Scale x = new Scale(t0.toEpochMilli(), span, LEFT + 8, WIDTH - RIGHT - 8);

        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tiers-chart\" viewBox=\"0 0 ");
        num(out, WIDTH).append(' ');
        num(out, height).append("\" role=\"img\" aria-labelledby=\"tiers-flow-title tiers-flow-desc\">");
        out.append("<title id=\"tiers-flow-title\">Promotion flow of ")
                .append(drawn.size())
                .append(drawn.size() == 1 ? " candidate" : " candidates")
                .append(" from ");
        Markup.text(out, time.fullTime(t0)).append(" to ");
        Markup.text(out, time.fullTime(t1)).append("</title>");
        describe(view, drawn, time, out);
        defs(out);
        legend(drawn, out);
        rows(view, height, out);
        axis(view, t0, t1, x, height, time, out);

        Map<String, String> liveVersionByTier = new HashMap<>();
        for (TierCard card : view.cards()) {
            if (card.live() != null) {
                liveVersionByTier.put(card.tierId(), card.live().version());
            }
        }
        StringBuilder markers = new StringBuilder(drawn.size() * 600);
        out.append("<g class=\"tiers-journeys\">");
        for (Journey j : drawn) {
            journey(view, j, x, liveVersionByTier, time, out, markers);
        }
        out.append("</g><g class=\"tiers-markers\">").append(markers).append("</g></svg></figure>");
    }

    private static double y(int tiers, int level) {
        // level -1 is the "change" row below the lowest tier
        return TOP + (tiers - 1 - level) * ROW + ROW / 2;
    }

    private static void describe(ProgressView view, List<Journey> drawn, TimeFormat time, StringBuilder out) {
        out.append("<desc id=\"tiers-flow-desc\">");
        boolean first = true;
        for (TierView tier : view.tiers()) {
            Optional<TierCard> card = view.cardOf(tier.id());
            if (card.isPresent() && card.get().live() != null) {
                out.append(first ? "Live: " : "; ");
                Markup.text(out, tier.displayName()).append(' ');
                Markup.text(out, Markup.shorten(card.get().live().version(), 60));
                first = false;
            }
        }
        if (!first) {
            out.append(". ");
        }
        Map<StepKind, Integer> counts = new EnumMap<>(StepKind.class);
        for (Journey j : drawn) {
            for (Step s : j.steps()) {
                counts.merge(s.kind(), 1, Integer::sum);
            }
        }
        int blocked = counts.getOrDefault(StepKind.BLOCKED, 0);
        out.append(blocked).append(blocked == 1 ? " blocked verdict" : " blocked verdicts");
        for (StepKind kind : List.of(StepKind.SWITCHED, StepKind.SWITCHED_BACK, StepKind.CANARY_ABORTED)) {
            int n = counts.getOrDefault(kind, 0);
            if (n > 0) {
                out.append(", ").append(n).append(' ').append(kind.word());
            }
        }
        out.append(" in the period shown. The promotion matrix lists every step as text.</desc>");
    }

    /** Marker shapes, drawn once and placed with {@code use}, coloured through {@code color}. */
    private static void defs(StringBuilder out) {
        out.append("<defs>")
                .append(
                        "<g id=\"tiers-mk-deployed\" class=\"tiers-k-deployed\"><circle r=\"6\" fill=\"currentColor\"/></g>")
                .append(
                        "<g id=\"tiers-mk-passed\" class=\"tiers-k-passed\"><circle r=\"4\" fill=\"none\" stroke=\"currentColor\""
                                + " stroke-width=\"2\"/></g>")
                .append("<g id=\"tiers-mk-blocked\" class=\"tiers-k-blocked\"><circle r=\"7\" fill=\"transparent\"/>"
                        + "<path d=\"M-5-5L5 5M5-5L-5 5\" stroke=\"currentColor\" stroke-width=\"3\""
                        + " stroke-linecap=\"round\"/></g>")
                .append(
                        "<g id=\"tiers-mk-waiting\" class=\"tiers-k-waiting\"><path d=\"M0-7L7 0 0 7-7 0Z\" fill=\"transparent\""
                                + " stroke=\"currentColor\" stroke-width=\"2.5\"/></g>")
                .append(
                        "<g id=\"tiers-mk-failed\" class=\"tiers-k-failed\"><path d=\"M-7-5H7L0 7Z\" fill=\"currentColor\"/></g>")
                .append(
                        "<g id=\"tiers-mk-rolled-back\" class=\"tiers-k-rolled-back\"><rect x=\"-5.5\" y=\"-5.5\" width=\"11\" height=\"11\""
                                + " fill=\"currentColor\"/></g>")
                .append("<g id=\"tiers-mk-switched\" class=\"tiers-k-switched\"><rect x=\"-8\" y=\"-4.5\" width=\"16\""
                        + " height=\"9\" rx=\"4.5\" fill=\"currentColor\"/></g>")
                .append("<g id=\"tiers-mk-switched-back\" class=\"tiers-k-switched-back\"><path d=\"M6-6.5V6.5L-7 0Z\""
                        + " fill=\"currentColor\"/></g>")
                .append("<g id=\"tiers-mk-canary-step\" class=\"tiers-k-canary-step\"><circle r=\"5.5\""
                        + " fill=\"transparent\" stroke=\"currentColor\" stroke-width=\"2\"/>"
                        + "<path d=\"M0-5.5A5.5 5.5 0 0 1 0 5.5Z\" fill=\"currentColor\"/></g>")
                .append("<g id=\"tiers-mk-canary-aborted\" class=\"tiers-k-canary-aborted\"><circle r=\"6\""
                        + " fill=\"transparent\" stroke=\"currentColor\" stroke-width=\"2.5\"/>"
                        + "<path d=\"M-4 4L4-4\" stroke=\"currentColor\" stroke-width=\"2.5\""
                        + " stroke-linecap=\"round\"/></g>")
                .append("</defs>");
    }

    /**
     * The key of the marker shapes: the gate and deployment kinds always, the blue-green and
     * canary kinds when the chart draws one. With them all, the key starts at the left edge to
     * fit on one line.
     */
    private static void legend(List<Journey> drawn, StringBuilder out) {
        Set<StepKind> present = EnumSet.noneOf(StepKind.class);
        drawn.forEach(j -> j.steps().forEach(s -> present.add(s.kind())));
        List<StepKind> kinds = Arrays.stream(StepKind.values())
                .filter(k -> !k.isStrategy() || present.contains(k))
                .toList();
        double width = 0;
        for (StepKind kind : kinds) {
            width += legendWidth(kind);
        }
        out.append("<g class=\"tiers-legend\" aria-hidden=\"true\">");
        double lx = LEFT + width + 90 > WIDTH ? 10 : LEFT;
        for (StepKind kind : kinds) {
            out.append("<use href=\"#tiers-mk-")
                    .append(kind.cssName())
                    .append("\" class=\"tiers-key tiers-k-")
                    .append(kind.cssName())
                    .append("\" x=\"");
            num(out, lx).append("\" y=\"14\"/><text class=\"tiers-legend-text\" x=\"");
            num(out, lx + 12).append("\" y=\"18\">").append(kind.word()).append("</text>");
            lx += legendWidth(kind);
        }
        out.append("<circle class=\"tiers-live-ring\" cx=\"");
        num(out, lx).append("\" cy=\"14\" r=\"8\"/><text class=\"tiers-legend-text\" x=\"");
        num(out, lx + 14).append("\" y=\"18\">live now</text></g>");
    }

    private static double legendWidth(StepKind kind) {
        return 26 + kind.word().length() * 7.0;
    }

    private static void rows(ProgressView view, double height, StringBuilder out) {
        int tiers = view.tiers().size();
        out.append("<g class=\"tiers-rows\">");
        for (int level = -1; level < tiers; level++) {
            double y = y(tiers, level);
            out.append("<line class=\"tiers-row-line\" x1=\"");
            num(out, LEFT).append("\" x2=\"");
            num(out, WIDTH - RIGHT).append("\" y1=\"");
            num(out, y).append("\" y2=\"");
            num(out, y).append("\"/><text class=\"tiers-row-label");
            if (level < 0) {
                out.append(" tiers-muted\" x=\"");
                num(out, LEFT - 10).append("\" y=\"");
                num(out, y + 4).append("\">change</text>");
                continue;
            }
            TierView tier = view.tiers().get(level);
            out.append("\" x=\"");
            num(out, LEFT - 10).append("\" y=\"");
            num(out, y + 4).append("\">");
            if (tier.displayName().length() > 16) {
                out.append("<title>");
                Markup.text(out, tier.displayName()).append("</title>");
            }
            Markup.text(out, Markup.shorten(tier.displayName(), 16)).append("</text>");
            Optional<TierCard> card = view.cardOf(tier.id());
            out.append("<text class=\"tiers-row-live\" x=\"");
            num(out, WIDTH - RIGHT + 10).append("\" y=\"");
            num(out, y + 4).append("\">");
            if (card.isPresent() && card.get().live() != null) {
                String v = card.get().live().version();
                if (v.length() > 18) {
                    out.append("<title>");
                    Markup.text(out, v).append("</title>");
                }
                Markup.text(out, Markup.shorten(v, 18));
            } else {
                out.append("\u2014");
            }
            out.append("</text>");
        }
        out.append("<text class=\"tiers-row-live tiers-muted\" x=\"");
        num(out, WIDTH - RIGHT + 10).append("\" y=\"");
        num(out, TOP - 4).append("\">live now</text></g>");
    }

    private static void axis(
            ProgressView view, Instant t0, Instant t1, Scale x, double height, TimeFormat time, StringBuilder out) {
        Duration span = Duration.between(t0, t1);
        Duration step = TICK_STEPS[TICK_STEPS.length - 1];
        for (Duration candidate : TICK_STEPS) {
            if (span.dividedBy(candidate) <= 8) {
                step = candidate;
                break;
            }
        }
        boolean days = step.compareTo(Duration.ofDays(1)) >= 0;
        boolean minutes = step.compareTo(Duration.ofHours(1)) < 0;
        ZonedDateTime tick = t0.atZone(view.zone())
                .truncatedTo(days ? ChronoUnit.DAYS : minutes ? ChronoUnit.MINUTES : ChronoUnit.HOURS);
        if (minutes) {
            // round up to a multiple of the step, so ticks read 19:40, 19:45 rather than 19:41, 19:46
            long stepMinutes = step.toMinutes();
            long over = tick.getMinute() % stepMinutes;
            if (over != 0) {
                tick = tick.plusMinutes(stepMinutes - over);
            }
        }
        double axisY = height - AXIS + 4;
        out.append("<g class=\"tiers-axis\">");
        int guard = 0;
        while (!tick.toInstant().isAfter(t1) && guard++ < 50) {
            if (!tick.toInstant().isBefore(t0)) {
                double tx = x.at(tick.toInstant().toEpochMilli());
                out.append("<line class=\"tiers-tick\" x1=\"");
                num(out, tx).append("\" x2=\"");
                num(out, tx).append("\" y1=\"");
                num(out, TOP).append("\" y2=\"");
                num(out, axisY).append("\"/><text class=\"tiers-tick-label\" x=\"");
                num(out, tx).append("\" y=\"");
                num(out, axisY + 16).append("\">");
                Markup.text(out, days ? time.day(tick.toInstant()) : time.shortTime(tick.toInstant()))
                        .append("</text>");
            }
            tick = days ? tick.plusDays(step.toDays()) : tick.plus(step);
        }
        double nowX = x.at(view.now().toEpochMilli());
        out.append("<line class=\"tiers-now\" x1=\"");
        num(out, nowX).append("\" x2=\"");
        num(out, nowX).append("\" y1=\"");
        num(out, TOP - 6).append("\" y2=\"");
        num(out, axisY).append("\"/></g>");
    }

    private static void journey(
            ProgressView view,
            Journey j,
            Scale x,
            Map<String, String> liveVersionByTier,
            TimeFormat time,
            StringBuilder out,
            StringBuilder markers) {
        int tiers = view.tiers().size();
        boolean live = liveVersionByTier.containsValue(j.version());
        // The last successful deployment into each tier where this candidate is live gets a ring.
        List<Step> ringed = new ArrayList<>();
        if (live) {
            for (Map.Entry<String, String> e : liveVersionByTier.entrySet()) {
                if (e.getValue().equals(j.version())) {
                    Step last = null;
                    for (Step s : j.steps()) {
                        if (s.kind().makesLive() && s.tierId().equals(e.getKey())) {
                            last = s;
                        }
                    }
                    if (last != null) {
                        ringed.add(last);
                    }
                }
            }
        }
        out.append("<path class=\"tiers-journey")
                .append(live ? " tiers-live" : "")
                .append("\" d=\"M");
        num(out, x.at(j.start().orElseThrow().toEpochMilli())).append(' ');
        num(out, y(tiers, -1));
        int level = -1;
        Deque<Integer> below = new ArrayDeque<>();
        List<Step> steps = j.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int ti = view.tierIndex(s.tierId());
            if (ti < 0 || mergedIntoNext(steps, i)) {
                continue;
            }
            double sx = x.at(s.at().toEpochMilli());
            if (s.kind().makesLive() && ti != level) {
                out.append('H');
                num(out, sx).append('V');
                num(out, y(tiers, ti));
                below.push(level);
                level = ti;
            } else if (s.kind().takesBack() && ti == level) {
                level = below.isEmpty() ? -1 : below.pop();
                out.append('H');
                num(out, sx).append('V');
                num(out, y(tiers, level));
            }
            boolean passedFirst = i > 0 && mergedIntoNext(steps, i - 1);
            marker(view, j, s, passedFirst, sx, y(tiers, ti), ringed.contains(s), time, markers);
        }
        Instant end = live ? view.now() : j.end().orElseThrow();
        out.append('H');
        num(out, x.at(end.toEpochMilli())).append("\"/>");
    }

    /**
     * A passed verdict directly followed by the deployment into the same tier (a switch or a
     * first canary step, for a strategy tier) shares the deployment's marker: drawn apart they
     * would overlap, and the chart would double in size.
     */
    static boolean mergedIntoNext(List<Step> steps, int i) {
        if (i + 1 >= steps.size()) {
            return false;
        }
        Step s = steps.get(i);
        Step next = steps.get(i + 1);
        return s.kind() == StepKind.PASSED
                && (next.kind().makesLive() || next.kind() == StepKind.CANARY_STEP)
                && next.tierId().equals(s.tierId());
    }

    private static void marker(
            ProgressView view,
            Journey j,
            Step s,
            boolean passedFirst,
            double sx,
            double sy,
            boolean ring,
            TimeFormat time,
            StringBuilder out) {
        Optional<String> href = view.links().linkTo(s.build() != null ? s.build() : j.build());
        if (ring) {
            out.append("<circle class=\"tiers-live-ring\" cx=\"");
            num(out, sx).append("\" cy=\"");
            num(out, sy).append("\" r=\"10\"/>");
        }
        if (href.isPresent()) {
            out.append("<a href=\"");
            Markup.attr(out, href.get()).append("\">");
        } else {
            out.append("<g>");
        }
        out.append("<title>");
        Markup.text(out, Markup.shorten(j.version(), 80))
                .append(passedFirst ? " passed and " : " ")
                .append(s.kind().word());
        out.append(
                switch (s.kind()) {
                    case DEPLOYED, FAILED -> " to ";
                    case ROLLED_BACK -> " from ";
                    case SWITCHED, SWITCHED_BACK -> " in ";
                    default -> " at ";
                });
        Markup.text(out, view.tierName(s.tierId())).append(", ");
        Markup.text(out, time.shortTime(s.at()));
        if (s.reason() != null) {
            out.append(": ");
            Markup.text(out, Markup.shorten(s.reason(), REASON_LENGTH));
        }
        if (s.check() != null && s.check().passed() && s.kind() != StepKind.CANARY_ABORTED) {
            out.append("; check passed");
        }
        out.append("</title><use href=\"#tiers-mk-").append(s.kind().cssName()).append("\" x=\"");
        num(out, sx).append("\" y=\"");
        num(out, sy).append("\"/>").append(href.isPresent() ? "</a>" : "</g>");
    }

    /** Maps epoch milliseconds onto the x axis. */
    private record Scale(long from, long span, double left, double right) {
        double at(long millis) {
            return left + (right - left) * (millis - from) / span;
        }
    }
}
