package io.jenkins.plugins.tiers.render;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Recent candidates (newest first) against the tiers: each cell lists what happened to the
 * candidate at that tier, with the evidence lines folded in a {@code <details>} (no JavaScript)
 * and the approvals with who and when. This is also the text alternative of the flow chart.
 */
public final class PromotionMatrixRenderer implements PageFragment {

    /** How many candidates the matrix lists by default. */
    public static final int DEFAULT_MAX_CANDIDATES = 12;
    /** How many steps a cell lists at most (the latest). */
    static final int MAX_STEPS_PER_CELL = 4;

    private static final int EVIDENCE_LINES = 30;
    private static final int LINE_LENGTH = 300;
    private static final int VERSION_LENGTH = 48;

    private final int maxCandidates;

    public PromotionMatrixRenderer() {
        this(DEFAULT_MAX_CANDIDATES);
    }

    public PromotionMatrixRenderer(int maxCandidates) {
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be 1 or more, was " + maxCandidates);
        }
        this.maxCandidates = maxCandidates;
    }

    @Override
    public void renderTo(ProgressView view, StringBuilder out) {
        TimeFormat time = view.timeFormat();
        List<Journey> all = view.journeys().stream()
                .filter(j -> j.end().isPresent())
                .sorted(Comparator.comparing((Journey j) -> j.start().orElseThrow())
                        .reversed())
                .toList();
        List<Journey> rows = all.subList(0, Math.min(all.size(), maxCandidates));
        out.append("<div class=\"tiers tiers-matrix\">");
        if (rows.isEmpty() || view.tiers().isEmpty()) {
            out.append("<p class=\"tiers-empty\">No candidate has been recorded yet.</p></div>");
            return;
        }
        out.append("<table class=\"tiers-table\"><caption>");
        out.append(
                rows.size() < all.size()
                        ? "The " + rows.size() + " most recent of " + all.size() + " candidates"
                        : "Candidates, newest first");
        out.append(", and what happened to each at every tier</caption><thead><tr><th scope=\"col\">candidate</th>");
        for (TierView tier : view.tiers()) {
            out.append("<th scope=\"col\">");
            Markup.text(out, tier.displayName()).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (Journey j : rows) {
            row(view, j, time, out);
        }
        out.append("</tbody></table></div>");
    }

    private static void row(ProgressView view, Journey j, TimeFormat time, StringBuilder out) {
        out.append("<tr><th scope=\"row\" class=\"tiers-candidate\"><span class=\"tiers-version\"");
        if (j.version().length() > VERSION_LENGTH) {
            out.append(" title=\"");
            Markup.attr(out, j.version()).append('"');
        }
        out.append('>');
        Optional<String> href = view.links().linkTo(j.build());
        if (href.isPresent()) {
            out.append("<a href=\"");
            Markup.attr(out, href.get()).append("\">");
        }
        Markup.text(out, Markup.shorten(j.version(), VERSION_LENGTH));
        out.append(href.isPresent() ? "</a>" : "").append("</span>");
        if (j.revision() != null || j.changedAt() != null) {
            out.append("<span class=\"tiers-sub\">");
            if (j.revision() != null) {
                out.append("<code>");
                Markup.text(out, Markup.shorten(j.revision(), 12)).append("</code> ");
            }
            if (j.changedAt() != null) {
                out.append("changed ");
                Markup.text(out, time.shortTime(j.changedAt()));
            }
            out.append("</span>");
        }
        out.append("</th>");
        for (TierView tier : view.tiers()) {
            List<Step> steps = j.stepsAt(tier.id());
            if (steps.isEmpty()) {
                out.append("<td class=\"tiers-cell-none\">\u2014</td>");
                continue;
            }
            Step latest = steps.get(steps.size() - 1);
            out.append("<td class=\"tiers-cell-")
                    .append(latest.kind().cssName())
                    .append("\">");
            if (steps.size() > MAX_STEPS_PER_CELL) {
                out.append("<p class=\"tiers-muted\">")
                        .append(steps.size() - MAX_STEPS_PER_CELL)
                        .append(" earlier steps not shown</p>");
                steps = steps.subList(steps.size() - MAX_STEPS_PER_CELL, steps.size());
            }
            for (Step s : steps) {
                step(view, s, j.build(), time, out);
            }
            out.append("</td>");
        }
        out.append("</tr>");
    }

    /**
     * The switch or step check of a strategy step: passed or failed in a symbol and a word, the
     * lines that made it fail (or, when it passed, what it checked), and the test counts it read.
     */
    private static void check(StepCheck c, StringBuilder out) {
        out.append("<p class=\"tiers-check tiers-check-")
                .append(c.passed() ? "passed" : "failed")
                .append("\"><b class=\"tiers-k-")
                .append(c.passed() ? "passed\">\u2713 check passed" : "blocked\">\u2715 check failed")
                .append("</b>");
        List<String> shown = c.passed() ? c.lines() : c.reasons();
        if (!shown.isEmpty()) {
            out.append(": ");
            Markup.text(out, Markup.shorten(String.join("; ", shown), LINE_LENGTH));
        }
        out.append("</p>");
        if (c.tests() != null) {
            out.append("<p class=\"tiers-check-tests\">");
            Markup.text(out, Markup.shorten(c.tests(), LINE_LENGTH)).append("</p>");
        }
    }

    /**
     * One step: its kind and time, the build link, the reason and approvals in view, the evidence
     * folded behind the step line itself (the {@code summary}), so a cell stays one line tall.
     */
    private static void step(
            ProgressView view,
            Step s,
            io.jenkins.plugins.tiers.model.BuildRef candidateBuild,
            TimeFormat time,
            StringBuilder out) {
        List<String> evidence = s.evidence();
        boolean folded = !evidence.isEmpty();
        out.append(folded ? "<details><summary>" : "<p>");
        out.append("<b class=\"tiers-k-")
                .append(s.kind().cssName())
                .append("\">")
                .append(s.kind().symbol())
                .append(' ')
                .append(s.kind().word())
                .append("</b> ");
        Markup.text(out, time.shortTime(s.at()));
        // the candidate's own build is linked from the row header; link only other runs
        if (s.build() != null && !s.build().equals(candidateBuild)) {
            Optional<String> href = view.links().linkTo(s.build());
            if (href.isPresent()) {
                out.append(" <a href=\"");
                Markup.attr(out, href.get())
                        .append("\">#")
                        .append(s.build().number())
                        .append("</a>");
            }
        }
        if (folded) {
            out.append("</summary><ul class=\"tiers-evidence\">");
            for (int i = 0; i < Math.min(evidence.size(), EVIDENCE_LINES); i++) {
                out.append("<li>");
                Markup.text(out, Markup.shorten(evidence.get(i), LINE_LENGTH)).append("</li>");
            }
            if (evidence.size() > EVIDENCE_LINES) {
                out.append("<li class=\"tiers-muted\">")
                        .append(evidence.size() - EVIDENCE_LINES)
                        .append(" more lines in the ledger</li>");
            }
            out.append("</ul></details>");
        } else {
            out.append("</p>");
        }
        if (s.reason() != null) {
            out.append("<p class=\"tiers-reason\">");
            Markup.text(out, Markup.shorten(s.reason(), LINE_LENGTH)).append("</p>");
        }
        if (s.check() != null) {
            check(s.check(), out);
        }
        for (Approval a : s.approvals()) {
            out.append("<p class=\"tiers-approval\">approved by ");
            Markup.text(out, Markup.shorten(a.user(), 60)).append(", ");
            Markup.text(out, time.shortTime(a.at())).append("</p>");
        }
    }
}
