package io.jenkins.plugins.tiers.render;

/**
 * The promotion view as one self-contained page: the same fragments the Jenkins job page embeds,
 * with the stylesheet inlined and a Content-Security-Policy that forbids every external request
 * and every script, so the page can be opened from disk or published as a build artifact.
 */
public final class PromotionPageRenderer {

    /** The policy the page declares for itself; the fragments need nothing more. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private final String css;
    private final TierCardsRenderer cards;
    private final FlowChartRenderer flow;
    private final DoraTilesRenderer dora;
    private final LeadTimeChartRenderer lead;
    private final PromotionMatrixRenderer matrix;

    public PromotionPageRenderer() {
        this(
                new TierCardsRenderer(),
                new FlowChartRenderer(),
                new DoraTilesRenderer(),
                new LeadTimeChartRenderer(),
                new PromotionMatrixRenderer());
    }

    public PromotionPageRenderer(
            TierCardsRenderer cards,
            FlowChartRenderer flow,
            DoraTilesRenderer dora,
            LeadTimeChartRenderer lead,
            PromotionMatrixRenderer matrix) {
        this.css = compact(Stylesheet.fragments() + "\n" + Stylesheet.page());
        this.cards = cards;
        this.flow = flow;
        this.dora = dora;
        this.lead = lead;
        this.matrix = matrix;
    }

    /**
     * Drops comments, indentation and the spaces around punctuation: the page carries the stylesheet
     * on every render. The stylesheet has no strings or selectors where those spaces matter.
     */
    static String compact(String css) {
        String noComments = css.replaceAll("(?s)/\\*.*?\\*/", "");
        StringBuilder out = new StringBuilder(noComments.length());
        for (String line : noComments.split("\n")) {
            String t = line.strip()
                    .replace(": ", ":")
                    .replace("; ", ";")
                    .replace(" {", "{")
                    .replace("{ ", "{")
                    .replace(" }", "}");
            if (!t.isEmpty()) {
                out.append(t).append('\n');
            }
        }
        return out.toString();
    }

    public String render(ProgressView view) {
        StringBuilder out = new StringBuilder(96 * 1024);
        TimeFormat time = view.timeFormat();
        String title =
                view.application().isBlank() ? "Deployment tiers" : view.application() + " \u2014 deployment tiers";
        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
                .append("<meta charset=\"utf-8\"/>")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CONTENT_SECURITY_POLICY)
                .append("\"/><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
                .append("<meta name=\"color-scheme\" content=\"light dark\"/><title>");
        Markup.text(out, Markup.shorten(title, 200))
                .append("</title><style>\n")
                .append(css)
                .append("</style></head>");
        out.append("<body class=\"tiers-page\"><main class=\"tiers\"><header class=\"tiers-header\"><h1>");
        Markup.text(out, view.application().isBlank() ? "Deployment tiers" : view.application());
        out.append("</h1><p class=\"tiers-muted\">Live-code progress as of <time datetime=\"")
                .append(TimeFormat.iso(view.now()))
                .append("\">");
        Markup.text(out, time.fullTime(view.now())).append("</time></p></header>");

        out.append("<section aria-labelledby=\"tiers-h-live\"><h2 id=\"tiers-h-live\">What is live where</h2>");
        cards.renderTo(view, out);
        out.append("</section><section aria-labelledby=\"tiers-h-flow\"><h2 id=\"tiers-h-flow\">Promotion flow</h2>");
        flow.renderTo(view, out);
        out.append("</section><section aria-labelledby=\"tiers-h-lead\">")
                .append("<h2 id=\"tiers-h-lead\">How fast changes reach production</h2>");
        dora.renderTo(view, out);
        lead.renderTo(view, out);
        out.append("</section><section aria-labelledby=\"tiers-h-matrix\">")
                .append("<h2 id=\"tiers-h-matrix\">Recent candidates</h2>");
        matrix.renderTo(view, out);
        out.append("</section><footer class=\"tiers-muted\">Times in ");
        Markup.text(out, view.zone().getId()).append(". Written by Deployment Tiers.</footer></main></body></html>\n");
        return out.toString();
    }
}
