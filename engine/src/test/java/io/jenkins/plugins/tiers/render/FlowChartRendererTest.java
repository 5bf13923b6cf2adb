package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.jenkins.plugins.tiers.model.BuildRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

public class FlowChartRendererTest {

    private static final Instant T = SampleViews.NOW.minus(Duration.ofDays(1));

    private static Instant at(int minutes) {
        return T.plus(Duration.ofMinutes(minutes));
    }

    /**
     * Two candidates over three tiers: 1.0 goes all the way and is rolled back from production;
     * 1.1 reaches staging (live there), is blocked at production.
     */
    private static ProgressView knownHistory(LinkTemplate links) {
        List<TierView> tiers = SampleViews.ladder(3);
        BuildRef b1 = new BuildRef("app", 1);
        BuildRef deploy = new BuildRef("deploy", 9);
        Journey first = new Journey(
                "1.0",
                "abc",
                at(0),
                b1,
                List.of(
                        Step.of("testing", at(10), StepKind.PASSED),
                        new Step("testing", at(11), StepKind.DEPLOYED, null, List.of(), List.of(), deploy),
                        Step.of("staging", at(20), StepKind.PASSED),
                        Step.of("staging", at(21), StepKind.DEPLOYED),
                        Step.of("production", at(30), StepKind.WAITING),
                        Step.of("production", at(40), StepKind.PASSED),
                        Step.of("production", at(41), StepKind.DEPLOYED),
                        Step.of("production", at(50), StepKind.ROLLED_BACK)));
        Journey second = new Journey(
                "1.1",
                null,
                at(60),
                new BuildRef("app", 2),
                List.of(
                        Step.of("testing", at(70), StepKind.PASSED),
                        Step.of("testing", at(71), StepKind.DEPLOYED),
                        Step.of("staging", at(80), StepKind.PASSED),
                        Step.of("staging", at(81), StepKind.FAILED),
                        Step.of("staging", at(90), StepKind.PASSED),
                        Step.of("staging", at(91), StepKind.DEPLOYED),
                        new Step(
                                "production",
                                at(100),
                                StepKind.BLOCKED,
                                "2 new failures: com.acme.PayTest.refunds",
                                List.of("new failure: com.acme.PayTest.refunds"),
                                List.of(),
                                null)));
        List<TierCard> cards = List.of(
                new TierCard("testing", new LiveCandidate("1.1", at(71), "ci", null), 0),
                new TierCard("staging", new LiveCandidate("1.1", at(91), "ci", null), 0),
                new TierCard("production", null, 0));
        return new ProgressView(
                "app", tiers, cards, List.of(second, first), List.of(), null, links, SampleViews.NOW, SampleViews.ZONE);
    }

    private static List<String> markerShapes(Document doc) {
        return Xhtml.inside(doc, "tiers-markers", "use").stream()
                .map(e -> e.getAttribute("href"))
                .toList();
    }

    @Test
    public void drawsOneMarkerPerStepMergingAPassFollowedByItsDeployment() {
        Document doc = Xhtml.parse(new FlowChartRenderer().render(knownHistory(SampleViews.LINKS)));
        assertThat(
                markerShapes(doc),
                contains(
                        // journeys are drawn oldest first: 1.0, then 1.1
                        "#tiers-mk-deployed",
                        "#tiers-mk-deployed",
                        "#tiers-mk-waiting",
                        "#tiers-mk-deployed",
                        "#tiers-mk-rolled-back",
                        "#tiers-mk-deployed",
                        "#tiers-mk-passed",
                        "#tiers-mk-failed",
                        "#tiers-mk-deployed",
                        "#tiers-mk-blocked"));
    }

    @Test
    public void blockedMarkerCarriesItsFirstReasonAsTooltip() {
        Document doc = Xhtml.parse(new FlowChartRenderer().render(knownHistory(SampleViews.LINKS)));
        List<Element> titles = Xhtml.inside(doc, "tiers-markers", "title");
        assertThat(titles, hasSize(10));
        assertThat(
                titles.get(9).getTextContent(),
                is("1.1 blocked at Production, 23 Nov 17:40: 2 new failures: com.acme.PayTest.refunds"));
        assertThat(titles.get(0).getTextContent(), startsWith("1.0 passed and deployed to Testing"));
    }

    @Test
    public void theLiveCandidateIsEmphasisedAndRingedWhereItIsLive() {
        Document doc = Xhtml.parse(new FlowChartRenderer().render(knownHistory(SampleViews.LINKS)));
        List<Element> journeys = Xhtml.inside(doc, "tiers-journeys", "path");
        assertThat(journeys, hasSize(2));
        assertThat(journeys.get(0).getAttribute("class"), is("tiers-journey"));
        assertThat(journeys.get(1).getAttribute("class"), is("tiers-journey tiers-live"));
        assertThat(Xhtml.inside(doc, "tiers-markers", "circle"), hasSize(2)); // testing and staging
    }

    @Test
    public void theStepLineClimbsOnDeploymentsAndDropsOnRollback() {
        Document doc = Xhtml.parse(new FlowChartRenderer().render(knownHistory(SampleViews.LINKS)));
        String first = Xhtml.inside(doc, "tiers-journeys", "path").get(0).getAttribute("d");
        // three climbs (testing, staging, production) and one drop back to staging
        assertThat(first.chars().filter(c -> c == 'V').count(), is(4L));
        String second = Xhtml.inside(doc, "tiers-journeys", "path").get(1).getAttribute("d");
        assertThat(second.chars().filter(c -> c == 'V').count(), is(2L));
    }

    @Test
    public void markersLinkOnlyThroughTheTemplateToTheStepsOwnRunOrTheCandidatesBuild() {
        Document doc = Xhtml.parse(new FlowChartRenderer().render(knownHistory(SampleViews.LINKS)));
        List<String> hrefs = Xhtml.inside(doc, "tiers-markers", "a").stream()
                .map(e -> e.getAttribute("href"))
                .toList();
        assertThat(hrefs, hasSize(10));
        assertThat(hrefs.get(0), is("https://ci.example.com/job/deploy/9/"));
        assertThat(hrefs.subList(1, 5), everyItem(is("https://ci.example.com/job/app/1/")));
        assertThat(hrefs.subList(5, 10), everyItem(is("https://ci.example.com/job/app/2/")));

        Document unlinked = Xhtml.parse(new FlowChartRenderer().render(knownHistory(LinkTemplate.NONE)));
        assertThat(Xhtml.select(unlinked, e -> e.getLocalName().equals("a")), is(empty()));
        assertThat(markerShapes(unlinked), hasSize(10));
    }

    @Test
    public void drawsOnlyTheMostRecentCandidatesAndSaysSo() {
        String svg = new FlowChartRenderer(25).render(SampleViews.synthetic(1000, 4));
        Document doc = Xhtml.parse(svg);
        assertThat(Xhtml.inside(doc, "tiers-journeys", "path"), hasSize(25));
        assertThat(svg, containsString("Showing the 25 most recent of 1000 candidates."));
        assertThat(svg, containsString("1.0.999"));
        assertThat(svg.contains(">1.0.974 "), is(false));
    }

    @Test
    public void scalesWithAViewBoxAndIsLabelledForAssistiveTechnology() {
        Document doc = Xhtml.parse(new FlowChartRenderer().render(knownHistory(SampleViews.LINKS)));
        Element svg = Xhtml.select(doc, e -> e.getLocalName().equals("svg")).get(0);
        assertThat(svg.getAttribute("viewBox"), startsWith("0 0 1000 "));
        assertThat(svg.hasAttribute("width"), is(false));
        assertThat(svg.getAttribute("role"), is("img"));
        assertThat(svg.getAttribute("aria-labelledby"), is("tiers-flow-title tiers-flow-desc"));
        String desc =
                Xhtml.select(doc, e -> e.getLocalName().equals("desc")).get(0).getTextContent();
        assertThat(desc, containsString("Live: Testing 1.1; Staging 1.1."));
        assertThat(desc, containsString("1 blocked verdict"));
    }

    @Test
    public void formatsTimesInTheViewsZone() {
        ProgressView utc = new ProgressView(
                "app",
                SampleViews.ladder(3),
                List.of(),
                knownHistory(SampleViews.LINKS).journeys(),
                List.of(),
                null,
                SampleViews.LINKS,
                SampleViews.NOW,
                java.time.ZoneOffset.UTC);
        String berlin = new FlowChartRenderer().render(knownHistory(SampleViews.LINKS));
        assertThat(berlin, containsString("23 Nov 17:40"));
        assertThat(new FlowChartRenderer().render(utc), containsString("23 Nov 16:40"));
    }

    @Test
    public void saysSoWhenThereIsNothingToDraw() {
        ProgressView empty = new ProgressView(
                "app", SampleViews.ladder(2), null, null, null, null, null, SampleViews.NOW, SampleViews.ZONE);
        assertThat(new FlowChartRenderer().render(empty), containsString("No candidate has been recorded yet."));
        ProgressView noTiers =
                new ProgressView("app", null, null, null, null, null, null, SampleViews.NOW, SampleViews.ZONE);
        assertThat(new FlowChartRenderer().render(noTiers), containsString("No tiers are defined yet."));
    }

    @Test
    public void fitsTheTimeAxisToAShortHistorySoCandidatesMinutesApartAreToldApart() {
        // Three candidates deployed one minute apart, two minutes ago: the whole history lasts a few minutes.
        Instant start = SampleViews.NOW.minus(Duration.ofMinutes(5));
        List<Journey> journeys = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant t = start.plus(Duration.ofMinutes(i));
            journeys.add(new Journey(
                    "1." + i,
                    null,
                    null,
                    new BuildRef("app", i + 1),
                    List.of(
                            Step.of("testing", t, StepKind.PASSED),
                            Step.of("testing", t.plusSeconds(5), StepKind.DEPLOYED))));
        }
        ProgressView view = new ProgressView(
                "app",
                SampleViews.ladder(3),
                List.of(),
                journeys,
                List.of(),
                null,
                SampleViews.LINKS,
                SampleViews.NOW,
                SampleViews.ZONE);
        String svg = new FlowChartRenderer().render(view);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<use href=\"#tiers-mk-deployed\" x=\"([0-9.]+)\"")
                .matcher(svg);
        List<Double> xs = new java.util.ArrayList<>();
        while (m.find()) {
            xs.add(Double.parseDouble(m.group(1)));
        }
        assertThat(xs, hasSize(3));
        // a minute apart in a history of five minutes: about a fifth of the plot's width apart
        assertThat(xs.get(1) - xs.get(0) > 100, is(true));
        assertThat(xs.get(2) - xs.get(1) > 100, is(true));
        // ticks are labelled with times of day a few minutes apart, not hours
        assertThat(svg, containsString("class=\"tiers-tick-label\""));
    }
}
