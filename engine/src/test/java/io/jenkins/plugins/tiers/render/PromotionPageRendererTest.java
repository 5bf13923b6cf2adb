package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.jenkins.plugins.tiers.model.BuildRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.Test;
import org.w3c.dom.Document;

public class PromotionPageRendererTest {

    private final PromotionPageRenderer renderer = new PromotionPageRenderer();

    private Document renderAndParse(ProgressView view) {
        return Xhtml.parse(renderer.render(view));
    }

    @Test
    public void rendersAnEmptyView() {
        ProgressView empty =
                new ProgressView(null, null, null, null, null, null, null, SampleViews.NOW, SampleViews.ZONE);
        String text = renderAndParse(empty).getDocumentElement().getTextContent();
        assertThat(text, containsString("No tiers are defined yet."));
        assertThat(text, containsString("DORA figures are not available yet."));
        assertThat(text, containsString("No candidate has reached production yet."));
    }

    @Test
    public void rendersOneTier() {
        Document doc = renderAndParse(SampleViews.synthetic(5, 1));
        assertThat(Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-card")), hasSize(1));
        assertThat(Xhtml.inside(doc, "tiers-markers", "use"), hasSize(5));
    }

    @Test
    public void rendersTwentyTiers() {
        Document doc = renderAndParse(SampleViews.synthetic(10, 20));
        assertThat(Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-card")), hasSize(20));
        assertThat(Xhtml.inside(doc, "tiers-rows", "line"), hasSize(21));
    }

    @Test
    public void rendersAVersionOfTwoThousandCharacters() {
        String version = "1.0.0-" + "x".repeat(1994);
        ProgressView base = SampleViews.synthetic(3, 4);
        List<Journey> journeys = new ArrayList<>(base.journeys());
        Journey last = journeys.remove(journeys.size() - 1);
        journeys.add(new Journey(version, last.revision(), last.changedAt(), last.build(), last.steps()));
        List<TierCard> cards = List.of(
                new TierCard("production", new LiveCandidate(version, SampleViews.NOW, "x", new BuildRef("a", 1)), 0));
        List<LeadTimePoint> lead = List.of(new LeadTimePoint(version, SampleViews.NOW, Duration.ofHours(1), List.of()));
        ProgressView view = new ProgressView(
                "app", base.tiers(), cards, journeys, lead, null, base.links(), base.now(), base.zone());
        String page = renderer.render(view);
        Xhtml.parse(page);
        // shown shortened, kept whole only in tooltips, so the layout holds
        assertThat(page.length(), lessThan(60_000));
        assertThat(page, containsString("1.0.0-xxxxxxxxxxxx"));
    }

    @Test
    public void rendersAThousandCandidatesWithinTheSizeBudget() {
        String page = renderer.render(SampleViews.synthetic(1000, 6));
        Document doc = Xhtml.parse(page);
        assertThat(page.getBytes(StandardCharsets.UTF_8).length, lessThan(100 * 1024));
        assertThat(Xhtml.inside(doc, "tiers-journeys", "path"), hasSize(FlowChartRenderer.DEFAULT_MAX_CANDIDATES));
        assertThat(page, containsString("Showing the 24 most recent of 1000 candidates."));
        assertThat(page, containsString("The 12 most recent of 1000 candidates"));
    }

    @Test
    public void isSelfContainedWithoutScriptsOrInlineStyles() {
        String page = renderer.render(SampleViews.demo());
        Document doc = Xhtml.parse(page);
        String lower = page.toLowerCase(Locale.ROOT);
        assertThat(Xhtml.select(doc, e -> e.getLocalName().equals("script")), is(empty()));
        assertThat(Xhtml.select(doc, e -> e.getLocalName().equals("link")), is(empty()));
        assertThat(Xhtml.select(doc, e -> e.hasAttribute("style") || e.hasAttribute("src")), is(empty()));
        assertThat(lower.contains("url("), is(false));
        assertThat(lower.contains("@import"), is(false));
        assertThat(Xhtml.select(doc, e -> e.getLocalName().equals("style")), hasSize(1));
        assertThat(page, containsString(PromotionPageRenderer.CONTENT_SECURITY_POLICY));
        assertThat(page, containsString("prefers-color-scheme:dark"));
        assertThat(page, containsString("var(--success-color"));
    }

    @Test
    public void statesTheZoneAndFormatsTimesInIt() {
        String text = renderAndParse(SampleViews.demo()).getDocumentElement().getTextContent();
        assertThat(text, containsString("Live-code progress as of 2026-11-24 16:00 CET"));
        assertThat(text, containsString("Times in Europe/Berlin."));
    }

    @Test
    public void compactsTheStylesheetWithoutChangingRules() {
        assertThat(
                PromotionPageRenderer.compact("/* a */\n  .x { color: red; }\n\n/* b\n c */.y{}\n"),
                is(".x{color:red;}\n.y{}\n"));
    }
}
