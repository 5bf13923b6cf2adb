package io.jenkins.plugins.tiers.render;

/**
 * One part of the promotion page (tier cards, flow chart, lead-time chart, DORA tiles, promotion
 * matrix). The page writes every part into one builder; a part can also be had alone, for the
 * job page's summary or a test.
 */
public interface PageFragment {

    /** Appends this part's markup for the view. */
    void renderTo(ProgressView view, StringBuilder out);

    /** This part's markup alone. */
    default String render(ProgressView view) {
        StringBuilder out = new StringBuilder(8_192);
        renderTo(view, out);
        return out.toString();
    }
}
