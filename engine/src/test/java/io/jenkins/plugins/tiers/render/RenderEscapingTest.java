package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
import io.jenkins.plugins.tiers.strategy.Slot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every user-written string of the view model carries an XSS payload; the output must parse as
 * XML and contain only the elements and attributes the renderers write themselves.
 */
public class RenderEscapingTest {

    static final List<String> PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "' onmouseover='alert(1)' x='",
            "javascript:alert(1)",
            "</title><script>alert(1)</script>",
            "]]><svg onload=alert(1)>",
            "<![CDATA[<script>alert(1)</script>]]>",
            "<!-- x --><iframe src=//evil.example>",
            "&lt;b&gt;&amp;&#60;",
            "x\" href=\"javascript:alert(1)",
            "</style><style>*{display:none}</style>",
            "\u0000\u0007\u001b[31m\uD800 broken \uFFFF",
            "{{constructor.constructor('alert(1)')()}} ${7*7}",
            "<a href=\"javascript:alert(1)\">click</a>");

    static final Set<String> ELEMENTS = Set.of(
            "fragment",
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "main",
            "header",
            "footer",
            "section",
            "h1",
            "h2",
            "p",
            "div",
            "span",
            "a",
            "b",
            "strong",
            "br",
            "ol",
            "ul",
            "li",
            "time",
            "code",
            "figure",
            "figcaption",
            "table",
            "caption",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "details",
            "summary",
            "dl",
            "dt",
            "dd",
            "svg",
            "desc",
            "defs",
            "g",
            "circle",
            "path",
            "rect",
            "line",
            "text",
            "use");

    static final Set<String> ATTRIBUTES = Set.of(
            "xmlns",
            "lang",
            "charset",
            "http-equiv",
            "content",
            "name",
            "class",
            "href",
            "title",
            "datetime",
            "scope",
            "id",
            "viewBox",
            "role",
            "aria-labelledby",
            "aria-hidden",
            "aria-label",
            "x",
            "y",
            "x1",
            "x2",
            "y1",
            "y2",
            "cx",
            "cy",
            "r",
            "d",
            "width",
            "height",
            "fill",
            "stroke",
            "stroke-width",
            "stroke-linecap",
            "rx",
            "preserveAspectRatio");

    /** A view where every user-written field is a payload. */
    static ProgressView hostileView() {
        Instant now = SampleViews.NOW;
        List<TierView> tiers = new ArrayList<>();
        List<TierCard> cards = new ArrayList<>();
        List<Journey> journeys = new ArrayList<>();
        List<LeadTimePoint> lead = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            String tierId = p + "#tier" + i;
            TierView.Kind kind = TierView.Kind.values()[i % TierView.Kind.values().length];
            tiers.add(new TierView(tierId, p, kind, p));
        }
        for (int c = 0; c < PAYLOADS.size(); c++) {
            String p = PAYLOADS.get(c);
            String version = p + " v" + c;
            BuildRef build = new BuildRef(p + "/job " + c, c + 1);
            Instant changed = now.minus(Duration.ofHours(40 - c));
            List<Step> steps = new ArrayList<>();
            Instant t = changed;
            List<TierDuration> breakdown = new ArrayList<>();
            for (int ti = 0; ti < tiers.size(); ti++) {
                t = t.plus(Duration.ofMinutes(5));
                StepKind kind = StepKind.values()[(c + ti) % StepKind.values().length];
                steps.add(new Step(
                        tiers.get(ti).id(),
                        t,
                        kind,
                        p,
                        List.of(p, "test " + p),
                        List.of(new Approval(p, t)),
                        new BuildRef(p, ti + 1),
                        new StepCheck(ti % 2 == 0, List.of(p), List.of(p, "line " + p), p + " tests")));
                breakdown.add(new TierDuration(tiers.get(ti).id(), Duration.ofMinutes(5)));
            }
            journeys.add(new Journey(version, p, changed, build, steps));
            lead.add(new LeadTimePoint(version, t, Duration.between(changed, t), breakdown));
        }
        for (int i = 0; i < tiers.size(); i++) {
            String p = PAYLOADS.get(i);
            LiveCandidate live = new LiveCandidate(p + " v" + i, now.minus(Duration.ofHours(1)), p, new BuildRef(p, 7));
            // blue-green slots and canaries whose versions and reasons are payloads too
            cards.add(
                    switch (i % 3) {
                        case 1 ->
                            TierCard.blueGreen(
                                    tiers.get(i).id(),
                                    live,
                                    i,
                                    new BlueGreen(
                                            Slot.GREEN,
                                            Candidate.of(p + " v" + i),
                                            Candidate.of(p + " old"),
                                            BlueGreen.Idle.PREVIOUS));
                        case 2 ->
                            TierCard.canary(
                                    tiers.get(i).id(),
                                    live,
                                    i,
                                    Canary.none(List.of(5, 25, 100))
                                            .start(Candidate.of(p + " new"), Candidate.of(p + " v" + i))
                                            .reach(1)
                                            .abort(p));
                        default -> new TierCard(tiers.get(i).id(), live, i);
                    });
        }
        DoraFigures dora = new DoraFigures(
                now.minus(Duration.ofDays(7)), now, 3, 0.4, Duration.ofHours(5), 1, 0.25, Duration.ofHours(2), 2);
        return new ProgressView(
                PAYLOADS.get(0) + PAYLOADS.get(1),
                tiers,
                cards,
                journeys,
                lead,
                dora,
                SampleViews.LINKS,
                now,
                SampleViews.ZONE);
    }

    private static void assertOnlyOwnMarkup(String markup) {
        Document doc = Xhtml.parse(markup);
        for (Element e : Xhtml.elements(doc)) {
            assertThat("element from user text: " + e.getLocalName(), ELEMENTS.contains(e.getLocalName()), is(true));
        }
        for (Attr a : Xhtml.attributes(doc)) {
            String name = a.getName();
            assertThat("attribute from user text: " + name, ATTRIBUTES.contains(name), is(true));
            if (name.equals("href")) {
                // only the link template, the marker shapes, or a checked relative URL (a tier's)
                String href = a.getValue();
                assertThat(href, Markup.safeUrl(href).isPresent(), is(true));
                if (href.contains(":")) {
                    assertThat(href, startsWith("https://ci.example.com/job/"));
                }
            }
        }
        assertThat(Xhtml.select(doc, e -> e.getLocalName().equals("style")).size() <= 1, is(true));
    }

    private static void assertPayloadShownAsText(String markup) {
        String text = Xhtml.parse(markup).getDocumentElement().getTextContent();
        assertThat(text, containsString("<script>alert(1)</script>"));
        assertThat(text, containsString("\"><img src=x onerror=alert(1)>"));
    }

    private static void check(Function<ProgressView, String> renderer) {
        String markup = renderer.apply(hostileView());
        assertOnlyOwnMarkup(markup);
        assertPayloadShownAsText(markup);
    }

    @Test
    public void tierCardsEscapeEveryUserField() {
        check(new TierCardsRenderer()::render);
    }

    @Test
    public void flowChartEscapesEveryUserField() {
        check(new FlowChartRenderer()::render);
    }

    @Test
    public void leadTimeChartEscapesEveryUserField() {
        check(new LeadTimeChartRenderer()::render);
    }

    @Test
    public void promotionMatrixEscapesEveryUserField() {
        check(new PromotionMatrixRenderer()::render);
    }

    @Test
    public void pageEscapesEveryUserFieldAndHasNoScriptOrInlineStyleOrHandler() {
        String page = new PromotionPageRenderer().render(hostileView());
        check(v -> page);
        Document doc = Xhtml.parse(page);
        List<String> forbidden = new ArrayList<>();
        for (Attr a : Xhtml.attributes(doc)) {
            if (a.getName().startsWith("on")
                    || a.getName().equals("style")
                    || a.getName().equals("src")) {
                forbidden.add(a.getName());
            }
        }
        assertThat(forbidden, is(empty()));
        assertThat(Xhtml.select(doc, e -> e.getLocalName().equals("script")), is(empty()));
    }

    @Test
    public void unsafeTierUrlsAreDroppedAndSafeOnesKept() {
        ProgressView hostile = hostileView();
        List<TierView> tiers = List.of(
                new TierView("a", "A", TierView.Kind.DEVELOPMENT, "javascript:alert(1)"),
                new TierView("b", "B", TierView.Kind.TESTING, "data:text/html,<script>alert(1)</script>"),
                new TierView("c", "C", TierView.Kind.STAGING, "//evil.example/"),
                new TierView("d", "D", TierView.Kind.PRODUCTION, "https://shop.example.com/"));
        ProgressView view = new ProgressView(
                "x", tiers, List.of(), List.of(), List.of(), null, LinkTemplate.NONE, hostile.now(), hostile.zone());
        Document doc = Xhtml.parse(new TierCardsRenderer().render(view));
        List<String> hrefs = Xhtml.select(doc, e -> e.hasAttribute("href")).stream()
                .map(e -> e.getAttribute("href"))
                .toList();
        assertThat(hrefs, is(List.of("https://shop.example.com/")));
    }
}
