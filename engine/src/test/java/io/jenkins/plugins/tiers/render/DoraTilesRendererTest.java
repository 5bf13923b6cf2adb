package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class DoraTilesRendererTest {

    private static String render(DoraFigures dora) {
        ProgressView view =
                new ProgressView("app", List.of(), null, null, null, dora, null, SampleViews.NOW, SampleViews.ZONE);
        return Xhtml.parse(new DoraTilesRenderer().render(view))
                .getDocumentElement()
                .getTextContent();
    }

    @Test
    public void showsTheFourFiguresWithTheirWindowAndBase() {
        String text = render(new DoraFigures(
                SampleViews.NOW.minus(Duration.ofDays(14)),
                SampleViews.NOW,
                23,
                23 / 14.0,
                Duration.ofMinutes(536),
                2,
                2 / 25.0,
                Duration.ofMinutes(47)));
        assertThat(text, containsString("Production, last 14d (10 Nov \u2013 24 Nov)"));
        assertThat(text, containsString("Deployment frequency1.6 / day23 deployments"));
        assertThat(text, containsString("Lead time for changes8h 56m"));
        assertThat(text, containsString("Change failure rate8%2 failed or rolled back"));
        assertThat(text, containsString("Time to restore47m"));
    }

    @Test
    public void saysNoDataRatherThanZero() {
        String text = render(new DoraFigures(
                SampleViews.NOW.minus(Duration.ofDays(30)), SampleViews.NOW, 0, null, null, 0, null, null));
        assertThat(text, containsString("Deployment frequencyno data"));
        assertThat(text, containsString("Change failure rateno data"));
        assertThat(text, containsString("no failure to restore from"));
    }

    @Test
    public void scalesRareDeploymentsToWeeksOrMonths() {
        String weekly = render(new DoraFigures(
                SampleViews.NOW.minus(Duration.ofDays(30)), SampleViews.NOW, 8, 8 / 30.0, null, 0, 0.0, null));
        assertThat(weekly, containsString("1.9 / week"));
        String monthly = render(new DoraFigures(
                SampleViews.NOW.minus(Duration.ofDays(90)), SampleViews.NOW, 2, 2 / 90.0, null, 0, 0.0, null));
        assertThat(monthly, containsString("0.7 / month"));
    }

    @Test
    public void saysSoWithoutFigures() {
        ProgressView view =
                new ProgressView("app", List.of(), null, null, null, null, null, SampleViews.NOW, SampleViews.ZONE);
        assertThat(new DoraTilesRenderer().render(view).contains("not available yet"), is(true));
    }
}
