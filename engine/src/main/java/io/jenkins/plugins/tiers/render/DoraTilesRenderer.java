package io.jenkins.plugins.tiers.render;

import java.util.Locale;

/**
 * The four DORA figures as tiles, each with the window it covers and the counts behind it, so a
 * figure is never read without its base ("3 failures out of 40").
 */
public final class DoraTilesRenderer implements PageFragment {

    @Override
    public void renderTo(ProgressView view, StringBuilder out) {
        DoraFigures d = view.dora();
        out.append("<div class=\"tiers tiers-dora\">");
        if (d == null) {
            out.append("<p class=\"tiers-empty\">DORA figures are not available yet.</p></div>");
            return;
        }
        TimeFormat time = view.timeFormat();
        out.append("<p class=\"tiers-dora-window\">Production, last ")
                .append(TimeFormat.duration(d.window()))
                .append(" (");
        Markup.text(out, time.day(d.windowStart())).append(" \u2013 ");
        Markup.text(out, time.day(d.windowEnd())).append(")</p><dl class=\"tiers-tiles\">");
        tile(
                out,
                "Deployment frequency",
                d.deploymentsPerDay() == null ? null : perDay(d.deploymentsPerDay()),
                d.deployments() + (d.deployments() == 1 ? " deployment" : " deployments"));
        tile(
                out,
                "Lead time for changes",
                d.leadTimeMedian() == null ? null : TimeFormat.duration(d.leadTimeMedian()),
                "median, change to production");
        tile(
                out,
                "Change failure rate",
                d.changeFailureRate() == null
                        ? null
                        : String.format(Locale.ROOT, "%.0f%%", d.changeFailureRate() * 100),
                d.failures() + " failed or rolled back",
                caught(d.caughtByCanary()));
        tile(
                out,
                "Time to restore",
                d.timeToRestore() == null ? null : TimeFormat.duration(d.timeToRestore()),
                d.timeToRestore() == null && d.failures() == 0 ? "no failure to restore from" : "median");
        out.append("</dl></div>");
    }

    private static void tile(StringBuilder out, String label, String value, String basis) {
        tile(out, label, value, basis, null);
    }

    /** A tile; {@code aside}, when given, is a second figure read beside the first. */
    private static void tile(StringBuilder out, String label, String value, String basis, String aside) {
        out.append("<div class=\"tiers-tile\"><dt>").append(label).append("</dt><dd class=\"tiers-tile-value\">");
        out.append(value == null ? "no data" : value)
                .append("</dd><dd class=\"tiers-tile-basis\">")
                .append(basis)
                .append("</dd>");
        if (aside != null) {
            out.append("<dd class=\"tiers-tile-aside\">").append(aside).append("</dd>");
        }
        out.append("</div>");
    }

    /**
     * Canaries aborted before they took all traffic: not in the rate (they were never a
     * deployment), but the strategy working, so they are counted beside it.
     */
    private static String caught(int caught) {
        if (caught == 0) {
            return null;
        }
        return StepKind.CANARY_ABORTED.symbol() + " " + caught
                + " caught by canary (aborted before 100%, not in the rate)";
    }

    private static String perDay(double perDay) {
        if (perDay >= 1) {
            return String.format(Locale.ROOT, "%.1f / day", perDay);
        }
        if (perDay * 7 >= 1) {
            return String.format(Locale.ROOT, "%.1f / week", perDay * 7);
        }
        return String.format(Locale.ROOT, "%.1f / month", perDay * 30);
    }
}
