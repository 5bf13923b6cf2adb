package io.jenkins.plugins.tiers.render;

import static io.jenkins.plugins.tiers.render.SvgNumbers.num;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How fast changes reach production: one point per candidate (its lead time against the day it
 * went live) with the median of the points shown, then a stacked bar per latest candidate that
 * splits its lead time by tier, so the slow tier stands out. A table repeats the bars as text.
 */
public final class LeadTimeChartRenderer implements PageFragment {

    /** How many points the chart draws by default (the most recent). */
    public static final int DEFAULT_MAX_POINTS = 60;
    /** How many breakdown bars it draws by default (the most recent). */
    public static final int DEFAULT_MAX_BARS = 6;

    private static final double WIDTH = 1000;
    private static final double LEFT = 118;
    private static final double RIGHT = 150;
    private static final double TOP = 16;
    private static final double PLOT = 180;
    private static final double AXIS = 28;
    private static final double BAR = 22;
    private static final int SEGMENT_CLASSES = 6;

    private final int maxPoints;
    private final int maxBars;

    public LeadTimeChartRenderer() {
        this(DEFAULT_MAX_POINTS, DEFAULT_MAX_BARS);
    }

    public LeadTimeChartRenderer(int maxPoints, int maxBars) {
        if (maxPoints < 1 || maxBars < 0) {
            throw new IllegalArgumentException("maxPoints must be 1 or more and maxBars 0 or more");
        }
        this.maxPoints = maxPoints;
        this.maxBars = maxBars;
    }

    @Override
    public void renderTo(ProgressView view, StringBuilder out) {
        TimeFormat time = view.timeFormat();
        List<LeadTimePoint> all = view.leadTimes().stream()
                .sorted(Comparator.comparing(LeadTimePoint::reachedProduction))
                .toList();
        List<LeadTimePoint> points = all.subList(Math.max(0, all.size() - maxPoints), all.size());
        out.append("<figure class=\"tiers tiers-lead\"><figcaption class=\"tiers-caption\">");
        if (points.isEmpty()) {
            out.append(withoutPoints(view)).append("</figcaption></figure>");
            return;
        }
        Duration median = median(points);
        out.append("Lead time from change to production per candidate; median of those shown: ")
                .append(TimeFormat.duration(median))
                .append('.');
        if (points.size() < all.size()) {
            out.append(" Showing the ")
                    .append(points.size())
                    .append(" most recent of ")
                    .append(all.size())
                    .append(" candidates.");
        }
        out.append("</figcaption>");
        scatter(view, points, median, time, out);
        bars(view, points.subList(Math.max(0, points.size() - maxBars), points.size()), out);
        out.append("</figure>");
    }

    /**
     * Why there is no lead time to draw, saying only what is true: a candidate live in production
     * has no lead time when its change time is unknown (a build without source control), and a
     * filtered view may simply show no candidate that got there.
     */
    private static String withoutPoints(ProgressView view) {
        String production = productionOf(view);
        if (production == null) {
            return "No candidate has reached production yet.";
        }
        long reached = view.journeys().stream()
                .filter(j -> j.stepsAt(production).stream().anyMatch(s -> s.kind() == StepKind.DEPLOYED))
                .count();
        if (reached > 0) {
            return "Lead time runs from a candidate's change time (its newest commit) to production, and no change time"
                    + " is known for the " + (reached == 1 ? "candidate" : reached + " candidates")
                    + " that reached production.";
        }
        boolean live = view.cardOf(production).map(c -> c.live() != null).orElse(false);
        return live
                ? "No candidate shown reached production in the period shown."
                : "No candidate has reached production yet.";
    }

    /** The production tier of the view: the highest of kind production, else the top one. */
    private static String productionOf(ProgressView view) {
        String production = null;
        for (TierView t : view.tiers()) {
            if (t.kind() == TierView.Kind.PRODUCTION) {
                production = t.id();
            }
        }
        if (production == null && !view.tiers().isEmpty()) {
            production = view.tiers().get(view.tiers().size() - 1).id();
        }
        return production;
    }

    static Duration median(List<LeadTimePoint> points) {
        List<Duration> sorted =
                points.stream().map(LeadTimePoint::leadTime).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    private static void scatter(
            ProgressView view, List<LeadTimePoint> points, Duration median, TimeFormat time, StringBuilder out) {
        Instant t0 = points.get(0).reachedProduction();
        Instant t1 = points.get(points.size() - 1).reachedProduction();
        if (view.now().isAfter(t1)) {
            t1 = view.now();
        }
        long span = Math.max(1, Duration.between(t0, t1).toMillis());
        Duration max = points.stream()
                .map(LeadTimePoint::leadTime)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Duration top = niceCeiling(max);
        double height = TOP + PLOT + AXIS;
        double left = LEFT + 8;
        double right = WIDTH - RIGHT;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tiers-chart\" viewBox=\"0 0 ");
        num(out, WIDTH).append(' ');
        num(out, height).append("\" role=\"img\" aria-labelledby=\"tiers-lead-title tiers-lead-desc\">");
        out.append("<title id=\"tiers-lead-title\">Lead time to production of ")
                .append(points.size())
                .append(points.size() == 1 ? " candidate" : " candidates")
                .append("</title><desc id=\"tiers-lead-desc\">Median ")
                .append(TimeFormat.duration(median))
                .append(", shortest ")
                .append(TimeFormat.duration(points.stream()
                        .map(LeadTimePoint::leadTime)
                        .min(Comparator.naturalOrder())
                        .orElseThrow()))
                .append(", longest ")
                .append(TimeFormat.duration(max))
                .append(", from ");
        Markup.text(out, time.fullTime(t0)).append(" to ");
        Markup.text(out, time.fullTime(t1)).append(".</desc><g class=\"tiers-axis\">");
        for (int i = 0; i <= 4; i++) {
            Duration d = top.multipliedBy(i).dividedBy(4);
            double gy = TOP + PLOT - PLOT * i / 4;
            out.append("<line class=\"tiers-row-line\" x1=\"");
            num(out, LEFT).append("\" x2=\"");
            num(out, right).append("\" y1=\"");
            num(out, gy).append("\" y2=\"");
            num(out, gy).append("\"/><text class=\"tiers-row-label\" x=\"");
            num(out, LEFT - 10).append("\" y=\"");
            num(out, gy + 4)
                    .append("\">")
                    .append(i == 0 ? "0" : TimeFormat.duration(d))
                    .append("</text>");
        }
        out.append("<text class=\"tiers-tick-label\" x=\"");
        num(out, left).append("\" y=\"");
        num(out, height - 6).append("\">");
        Markup.text(out, time.day(t0)).append("</text><text class=\"tiers-tick-label\" x=\"");
        num(out, right).append("\" y=\"");
        num(out, height - 6).append("\">");
        Markup.text(out, time.day(t1)).append("</text></g>");

        double my = TOP + PLOT - PLOT * ratio(median, top);
        out.append("<line class=\"tiers-median\" x1=\"");
        num(out, LEFT).append("\" x2=\"");
        num(out, right).append("\" y1=\"");
        num(out, my).append("\" y2=\"");
        num(out, my).append("\"/><text class=\"tiers-median-label\" x=\"");
        num(out, right + 8).append("\" y=\"");
        num(out, my + 4)
                .append("\">median ")
                .append(TimeFormat.duration(median))
                .append("</text>");

        out.append("<g class=\"tiers-lead-points\">");
        for (LeadTimePoint p : points) {
            double px = left
                    + (right - left - 8)
                            * Duration.between(t0, p.reachedProduction()).toMillis()
                            / span;
            double py = TOP + PLOT - PLOT * ratio(p.leadTime(), top);
            out.append("<circle cx=\"");
            num(out, px).append("\" cy=\"");
            num(out, py).append("\" r=\"4.5\"><title>");
            Markup.text(out, Markup.shorten(p.version(), 80))
                    .append(": ")
                    .append(TimeFormat.duration(p.leadTime()))
                    .append(", ");
            Markup.text(out, time.shortTime(p.reachedProduction())).append("</title></circle>");
        }
        out.append("</g></svg>");
    }

    private static void bars(ProgressView view, List<LeadTimePoint> bars, StringBuilder out) {
        List<LeadTimePoint> withBreakdown = new ArrayList<>();
        for (LeadTimePoint p : bars) {
            if (!p.breakdown().isEmpty()) {
                withBreakdown.add(p);
            }
        }
        if (withBreakdown.isEmpty()) {
            return;
        }
        // newest on top
        List<LeadTimePoint> rows = new ArrayList<>(withBreakdown);
        java.util.Collections.reverse(rows);
        Duration longest = Duration.ZERO;
        for (LeadTimePoint p : rows) {
            Duration total = total(p);
            if (total.compareTo(longest) > 0) {
                longest = total;
            }
        }
        double height = TOP + rows.size() * (BAR + 8) + 8;
        double left = LEFT;
        double right = WIDTH - RIGHT;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tiers-chart tiers-bars\" viewBox=\"0 0 ");
        num(out, WIDTH).append(' ');
        num(out, height)
                .append("\" role=\"img\" aria-labelledby=\"tiers-bars-title\">")
                .append("<title id=\"tiers-bars-title\">Lead time per tier of the ")
                .append(rows.size())
                .append(" most recent candidates in production; the table below lists the same figures</title>");
        double y = TOP;
        for (LeadTimePoint p : rows) {
            out.append("<text class=\"tiers-row-label\" x=\"");
            num(out, left - 10).append("\" y=\"");
            num(out, y + BAR / 2 + 4).append("\">");
            Markup.text(out, Markup.shorten(p.version(), 16)).append("</text>");
            double x = left;
            for (TierDuration seg : p.breakdown()) {
                double w = longest.isZero() ? 0 : (right - left) * ratio(seg.duration(), longest);
                int ti = view.tierIndex(seg.tierId());
                out.append("<rect class=\"tiers-seg tiers-seg-")
                        .append(Math.floorMod(ti, SEGMENT_CLASSES))
                        .append("\" x=\"");
                num(out, x).append("\" y=\"");
                num(out, y).append("\" width=\"");
                num(out, w).append("\" height=\"");
                num(out, BAR).append("\"><title>");
                Markup.text(out, view.tierName(seg.tierId()))
                        .append(": ")
                        .append(TimeFormat.duration(seg.duration()))
                        .append("</title></rect>");
                x += w;
            }
            out.append("<text class=\"tiers-bar-total\" x=\"");
            num(out, x + 6).append("\" y=\"");
            num(out, y + BAR / 2 + 4)
                    .append("\">")
                    .append(TimeFormat.duration(total(p)))
                    .append("</text>");
            y += BAR + 8;
        }
        out.append("</svg><ul class=\"tiers-seg-legend\">");
        for (int i = 0; i < view.tiers().size(); i++) {
            out.append("<li><span class=\"tiers-swatch tiers-seg-")
                    .append(i % SEGMENT_CLASSES)
                    .append("\"></span>");
            Markup.text(out, view.tiers().get(i).displayName()).append("</li>");
        }
        out.append("</ul>");
        table(view, rows, out);
    }

    private static void table(ProgressView view, List<LeadTimePoint> rows, StringBuilder out) {
        out.append("<table class=\"tiers-sr\"><caption>Lead time per tier</caption><thead><tr>")
                .append("<th scope=\"col\">candidate</th><th scope=\"col\">lead time</th>");
        for (TierView tier : view.tiers()) {
            out.append("<th scope=\"col\">");
            Markup.text(out, tier.displayName()).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (LeadTimePoint p : rows) {
            out.append("<tr><th scope=\"row\">");
            Markup.text(out, Markup.shorten(p.version(), 80))
                    .append("</th><td>")
                    .append(TimeFormat.duration(p.leadTime()))
                    .append("</td>");
            for (TierView tier : view.tiers()) {
                out.append("<td>");
                for (TierDuration seg : p.breakdown()) {
                    if (seg.tierId().equals(tier.id())) {
                        out.append(TimeFormat.duration(seg.duration()));
                    }
                }
                out.append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
    }

    private static Duration total(LeadTimePoint p) {
        Duration total = Duration.ZERO;
        for (TierDuration seg : p.breakdown()) {
            total = total.plus(seg.duration());
        }
        return total;
    }

    private static double ratio(Duration part, Duration whole) {
        return whole.isZero() ? 0 : (double) part.toMillis() / whole.toMillis();
    }

    /** A round upper bound for the y axis: whole hours, quarter days or whole days. */
    static Duration niceCeiling(Duration max) {
        long hours = Math.max(1, (max.toMinutes() + 59) / 60);
        if (hours <= 4) {
            return Duration.ofHours(4);
        }
        if (hours <= 24) {
            return Duration.ofHours(((hours + 3) / 4) * 4);
        }
        long days = (hours + 23) / 24;
        return Duration.ofDays(((days + 1) / 2) * 2);
    }
}
