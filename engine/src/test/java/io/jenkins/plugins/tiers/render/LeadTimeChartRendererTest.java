package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.w3c.dom.Document;

public class LeadTimeChartRendererTest {

    private static LeadTimePoint point(String version, int hoursAgo, Duration lead) {
        Instant at = SampleViews.NOW.minus(Duration.ofHours(hoursAgo));
        return new LeadTimePoint(
                version,
                at,
                lead,
                List.of(
                        new TierDuration("testing", lead.dividedBy(4)),
                        new TierDuration("staging", lead.dividedBy(4)),
                        new TierDuration("production", lead.dividedBy(2))));
    }

    private static ProgressView view(List<LeadTimePoint> points) {
        return new ProgressView(
                "app", SampleViews.ladder(3), null, null, points, null, null, SampleViews.NOW, SampleViews.ZONE);
    }

    @Test
    public void takesTheMedianOfTheShownPoints() {
        List<LeadTimePoint> odd = List.of(
                point("a", 5, Duration.ofHours(1)),
                point("b", 4, Duration.ofHours(9)),
                point("c", 3, Duration.ofHours(3)));
        assertThat(LeadTimeChartRenderer.median(odd), is(Duration.ofHours(3)));
        List<LeadTimePoint> even = new ArrayList<>(odd);
        even.add(point("d", 2, Duration.ofHours(4)));
        assertThat(LeadTimeChartRenderer.median(even), is(Duration.ofMinutes(210)));
        String html = new LeadTimeChartRenderer().render(view(even));
        assertThat(html, containsString("median of those shown: 3h 30m"));
    }

    @Test
    public void drawsAPointPerCandidateAndBarsForTheLatest() {
        List<LeadTimePoint> points = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            points.add(point("1." + i, 100 - i, Duration.ofHours(2 + i)));
        }
        Document doc = Xhtml.parse(new LeadTimeChartRenderer(100, 8).render(view(points)));
        assertThat(Xhtml.inside(doc, "tiers-lead-points", "circle"), hasSize(12));
        assertThat(
                Xhtml.select(
                        doc,
                        e -> Xhtml.hasClass(e, "tiers-seg") && e.getLocalName().equals("rect")),
                hasSize(24));
        // the text alternative lists the same bars, newest first
        var rows = Xhtml.inside(doc, "tiers-sr", "tr");
        assertThat(rows, hasSize(9));
        assertThat(rows.get(1).getTextContent(), is("1.1113h3h 15m3h 15m6h 30m"));
    }

    @Test
    public void capsThePointsAndSaysSo() {
        List<LeadTimePoint> points = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            points.add(point("1." + i, 2000 - i, Duration.ofHours(1)));
        }
        String html = new LeadTimeChartRenderer().render(view(points));
        Document doc = Xhtml.parse(html);
        assertThat(Xhtml.inside(doc, "tiers-lead-points", "circle"), hasSize(LeadTimeChartRenderer.DEFAULT_MAX_POINTS));
        assertThat(html, containsString("Showing the 60 most recent of 1000 candidates."));
    }

    @Test
    public void roundsTheAxisUp() {
        assertThat(LeadTimeChartRenderer.niceCeiling(Duration.ofMinutes(30)), is(Duration.ofHours(4)));
        assertThat(LeadTimeChartRenderer.niceCeiling(Duration.ofHours(9)), is(Duration.ofHours(12)));
        assertThat(LeadTimeChartRenderer.niceCeiling(Duration.ofHours(50)), is(Duration.ofDays(4)));
    }

    @Test
    public void saysSoWhenNothingReachedProduction() {
        assertThat(
                new LeadTimeChartRenderer().render(view(List.of())),
                containsString("No candidate has reached production yet."));
    }

    @Test
    public void saysThatNoChangeTimeIsKnownWhenCandidatesReachedProductionWithoutOne() {
        Instant deployed = SampleViews.NOW.minus(Duration.ofMinutes(5));
        Journey withoutChangeTime = new Journey(
                "1.0.0",
                null,
                null,
                null,
                List.of(
                        Step.of("production", deployed.minusSeconds(30), StepKind.PASSED),
                        Step.of("production", deployed, StepKind.DEPLOYED)));
        ProgressView view = new ProgressView(
                "app",
                SampleViews.ladder(3),
                List.of(new TierCard("production", new LiveCandidate("1.0.0", deployed, null, null), 0)),
                List.of(withoutChangeTime),
                List.of(),
                null,
                null,
                SampleViews.NOW,
                SampleViews.ZONE);
        String html = new LeadTimeChartRenderer().render(view);
        assertThat(html.contains("No candidate has reached production"), is(false));
        assertThat(html, containsString("no change time is known"));
    }

    @Test
    public void saysNothingReachedProductionInThePeriodWhenOnlyAnOlderCandidateIsLive() {
        ProgressView view = new ProgressView(
                "app",
                SampleViews.ladder(3),
                List.of(new TierCard(
                        "production",
                        new LiveCandidate("0.9", SampleViews.NOW.minus(Duration.ofDays(60)), null, null),
                        0)),
                List.of(),
                List.of(),
                null,
                null,
                SampleViews.NOW,
                SampleViews.ZONE);
        String html = new LeadTimeChartRenderer().render(view);
        assertThat(html.contains("No candidate has reached production yet"), is(false));
        assertThat(html, containsString("No candidate shown reached production in the period shown."));
    }
}
