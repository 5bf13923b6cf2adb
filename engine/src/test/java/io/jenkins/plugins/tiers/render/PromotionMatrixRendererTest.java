package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

public class PromotionMatrixRendererTest {

    @Test
    public void listsRecentCandidatesNewestFirstAgainstTheTiers() {
        Document doc = Xhtml.parse(new PromotionMatrixRenderer(5).render(SampleViews.synthetic(12, 3)));
        List<Element> rows = Xhtml.inside(doc, "tiers-table", "tr");
        assertThat(rows, hasSize(6)); // header and five candidates
        List<String> versions = Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-version")).stream()
                .map(Element::getTextContent)
                .toList();
        assertThat(versions, contains("1.0.11", "1.0.10", "1.0.9", "1.0.8", "1.0.7"));
        assertThat(
                Xhtml.inside(doc, "tiers-table", "caption").get(0).getTextContent(),
                is("The 5 most recent of 12 candidates, and what happened to each at every tier"));
        assertThat(Xhtml.inside(doc, "tiers-table", "th").size(), is(4 + 5));
    }

    @Test
    public void foldsEvidenceIntoDetailsAndShowsApprovalsAndReasons() {
        ProgressView view = SampleViews.demo();
        Document doc = Xhtml.parse(new PromotionMatrixRenderer().render(view));
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text, containsString("approved by maria.keller, 23 Nov 22:20"));
        assertThat(text, containsString("waiting for 2 approvals from release-managers (1 given)"));
        List<Element> details = Xhtml.select(doc, e -> e.getLocalName().equals("details"));
        assertThat(details.isEmpty(), is(false));
        Element first = details.get(0);
        assertThat(first.getFirstChild().getNodeName(), is("summary"));
        assertThat(first.getTextContent(), containsString("tests: 900 run, 900 passed, 0 failed"));
    }

    @Test
    public void marksEachCellWithItsLatestStepInWordsNotOnlyColour() {
        ProgressView view = SampleViews.demo();
        Document doc = Xhtml.parse(new PromotionMatrixRenderer().render(view));
        List<Element> blocked = Xhtml.select(doc, e -> e.getAttribute("class").equals("tiers-cell-blocked"));
        assertThat(blocked.isEmpty(), is(false));
        assertThat(blocked.get(0).getTextContent(), containsString("\u2715 blocked"));
    }

    @Test
    public void capsStepsPerCell() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            steps.add(Step.of("production", SampleViews.NOW.minus(Duration.ofMinutes(60 - i)), StepKind.WAITING));
        }
        ProgressView view = new ProgressView(
                "app",
                SampleViews.ladder(1),
                null,
                List.of(new Journey("1.0", null, null, null, steps)),
                null,
                null,
                null,
                SampleViews.NOW,
                SampleViews.ZONE);
        Document doc = Xhtml.parse(new PromotionMatrixRenderer().render(view));
        String cell = Xhtml.inside(doc, "tiers-table", "td").get(0).getTextContent();
        assertThat(cell, containsString("5 earlier steps not shown"));
        assertThat(cell.split("waiting", -1).length - 1, is(PromotionMatrixRenderer.MAX_STEPS_PER_CELL));
    }
}
