package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

public class TierCardsRendererTest {

    private static final Instant NOW = SampleViews.NOW;

    private static ProgressView view(List<TierCard> cards, List<Journey> journeys) {
        return new ProgressView(
                "app",
                SampleViews.ladder(3),
                cards,
                journeys,
                List.of(),
                null,
                SampleViews.LINKS,
                NOW,
                SampleViews.ZONE);
    }

    private static List<Element> cards(String html) {
        Document doc = Xhtml.parse(html);
        return Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-card"));
    }

    @Test
    public void showsTheSlotsAndTheCanaryInWordsEscaped() {
        String html = new TierCardsRenderer()
                .render(view(
                        List.of(
                                new TierCard(
                                        "staging",
                                        new LiveCandidate("2.0.1", NOW, "maria", null),
                                        0,
                                        "green active: 2.0.1; blue idle: 2.0.0 previous"),
                                new TierCard(
                                        "production",
                                        new LiveCandidate("2.0.0", NOW, "maria", null),
                                        0,
                                        "2.0.1<b> canary 25% (step 2 of 3) over 2.0.0")),
                        List.of()));
        List<Element> cards = cards(html);
        assertThat(cards.get(1).getTextContent(), containsString("green active: 2.0.1; blue idle: 2.0.0 previous"));
        assertThat(cards.get(2).getTextContent(), containsString("2.0.1<b> canary 25% (step 2 of 3) over 2.0.0"));
        assertThat(html.contains("2.0.1<b>"), is(false));
    }

    @Test
    public void showsACanaryInProgressAsABarFilledToItsWeightWithTheCurrentStepInWords() {
        Canary canary = Canary.none(List.of(5, 25, 100))
                .start(Candidate.of("2.0.1"), Candidate.of("2.0.0"))
                .reach(1)
                .reach(2);
        String html = new TierCardsRenderer()
                .render(view(
                        List.of(TierCard.canary(
                                "production", new LiveCandidate("2.0.0", NOW, "maria", null), 0, canary)),
                        List.of()));
        Document doc = Xhtml.parse(html);
        List<Element> fill = Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-canary-fill"));
        assertThat(fill.get(0).getAttribute("width"), is("25"));
        // a tick between steps, none at 100%
        assertThat(Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-canary-tick")), hasSize(2));
        List<String> steps = Xhtml.select(
                        doc,
                        e -> e.getLocalName().equals("li")
                                && e.getAttribute("class").startsWith("tiers-canary-"))
                .stream()
                .map(e -> e.getAttribute("class") + " " + e.getTextContent())
                .toList();
        assertThat(
                steps,
                contains(
                        "tiers-canary-reached \u2713 5%",
                        "tiers-canary-current \u25B6 25% now", "tiers-canary-ahead 100%"));
        assertThat(cards(html).get(2).getTextContent(), containsString("2.0.1 canary 25% (step 2 of 3) over 2.0.0"));
    }

    @Test
    public void showsACompletedCanaryFullAndTheSlotsOfANewBlueGreenTier() {
        Canary done = Canary.none(List.of(50, 100))
                .start(Candidate.of("2.0.1"), null)
                .reach(1)
                .complete();
        String html = new TierCardsRenderer()
                .render(view(
                        List.of(
                                TierCard.blueGreen("staging", null, 0, BlueGreen.empty()),
                                TierCard.canary("production", new LiveCandidate("2.0.1", NOW, null, null), 0, done)),
                        List.of()));
        Document doc = Xhtml.parse(html);
        assertThat(
                Xhtml.select(doc, e -> Xhtml.hasClass(e, "tiers-canary-fill"))
                        .get(0)
                        .getAttribute("width"),
                is("100"));
        assertThat(cards(html).get(2).getTextContent(), containsString("\u2713 50%\u2713 100%"));
        assertThat(
                cards(html).get(1).getTextContent(), containsString("blue \u25CF live emptygreen \u25CB idle empty"));
    }

    @Test
    public void showsOneCardPerTierInLadderOrderWithTheLiveCandidate() {
        String html = new TierCardsRenderer()
                .render(view(
                        List.of(new TierCard(
                                "staging",
                                new LiveCandidate(
                                        "2.0.1", NOW.minus(Duration.ofHours(5)), "maria", new BuildRef("app", 41)),
                                2)),
                        List.of()));
        List<Element> cards = cards(html);
        assertThat(cards, hasSize(3));
        assertThat(
                cards.stream().map(c -> c.getAttribute("class")).toList(),
                contains(
                        "tiers-card tiers-kind-testing",
                        "tiers-card tiers-kind-staging",
                        "tiers-card tiers-kind-production"));
        String staging = cards.get(1).getTextContent();
        assertThat(staging, containsString("2.0.1"));
        assertThat(staging, containsString("live since 24 Nov 11:00 (5h ago) by maria"));
        assertThat(staging, containsString("2 candidates wait at the gate"));
        assertThat(cards.get(0).getTextContent(), containsString("nothing deployed yet"));
        assertThat(cards.get(2).getTextContent(), containsString("nothing waiting at the gate"));
        assertThat(html, containsString("href=\"https://ci.example.com/job/app/41/\""));
    }

    @Test
    public void showsTheLatestAttemptWhenItIsStuckAndWhy() {
        Journey blocked = new Journey(
                "2.0.2",
                null,
                NOW.minus(Duration.ofHours(3)),
                null,
                List.of(new Step(
                        "production",
                        NOW.minus(Duration.ofHours(1)),
                        StepKind.BLOCKED,
                        "1 new failure: com.acme.PayTest.refunds",
                        List.of(),
                        List.of(),
                        null)));
        List<Element> cards = cards(new TierCardsRenderer().render(view(List.of(), List.of(blocked))));
        assertThat(cards.get(2).getAttribute("class"), containsString("tiers-card-blocked"));
        assertThat(
                cards.get(2).getTextContent(),
                containsString("\u2715 2.0.2 blocked 24 Nov 15:001 new failure: com.acme.PayTest.refunds"));
        assertThat(cards.get(1).getTextContent().contains("blocked"), is(false));
    }

    @Test
    public void aLaterSuccessClearsTheTrouble() {
        Journey j = new Journey(
                "2.0.3",
                null,
                NOW.minus(Duration.ofHours(3)),
                null,
                List.of(
                        Step.of("production", NOW.minus(Duration.ofHours(2)), StepKind.BLOCKED),
                        Step.of("production", NOW.minus(Duration.ofHours(1)), StepKind.PASSED)));
        assertThat(
                TierCardsRenderer.latestTrouble(List.of(j), "production", null).isPresent(), is(false));
        assertThat(TierCardsRenderer.latestTrouble(List.of(j), "staging", null).isPresent(), is(false));
    }

    @Test
    public void rendersNothingButANoteWithoutTiers() {
        ProgressView empty = new ProgressView("app", null, null, null, null, null, null, NOW, SampleViews.ZONE);
        assertThat(new TierCardsRenderer().render(empty), containsString("No tiers are defined yet."));
    }

    @Test
    public void shortensLongVersionsButKeepsThemWhole() {
        String version = "v".repeat(2000);
        String html = new TierCardsRenderer()
                .render(view(
                        List.of(new TierCard("testing", new LiveCandidate(version, NOW, null, null), 0)), List.of()));
        Document doc = Xhtml.parse(html);
        List<Element> titled = Xhtml.select(doc, e -> e.hasAttribute("title"));
        assertThat(titled.stream().map(e -> e.getAttribute("title")).toList(), contains(version));
        assertThat(html.length() < 6000, is(true));
    }
}
