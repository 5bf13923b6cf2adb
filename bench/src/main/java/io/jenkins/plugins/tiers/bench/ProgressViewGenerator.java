package io.jenkins.plugins.tiers.bench;

import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.render.Approval;
import io.jenkins.plugins.tiers.render.DoraFigures;
import io.jenkins.plugins.tiers.render.Journey;
import io.jenkins.plugins.tiers.render.LeadTimePoint;
import io.jenkins.plugins.tiers.render.LinkTemplate;
import io.jenkins.plugins.tiers.render.LiveCandidate;
import io.jenkins.plugins.tiers.render.ProgressView;
import io.jenkins.plugins.tiers.render.Step;
import io.jenkins.plugins.tiers.render.StepKind;
import io.jenkins.plugins.tiers.render.TierCard;
import io.jenkins.plugins.tiers.render.TierDuration;
import io.jenkins.plugins.tiers.render.TierView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic progress view of any size for the rendering benchmark: every candidate passes
 * and deploys tier by tier with three evidence lines per verdict and two approvals into
 * production; every seventh is blocked at the second tier by new failures, every 25th is rolled
 * back from production.
 */
public final class ProgressViewGenerator {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    private final int candidates;
    private final int tiers;

    public ProgressViewGenerator(int candidates, int tiers) {
        if (candidates < 0 || tiers < 2) {
            throw new IllegalArgumentException("need 0 or more candidates and 2 or more tiers");
        }
        this.candidates = candidates;
        this.tiers = tiers;
    }

    public ProgressView generate() {
        List<TierView> ladder = new ArrayList<>();
        for (int i = 0; i < tiers; i++) {
            TierView.Kind kind = i == 0
                    ? TierView.Kind.DEVELOPMENT
                    : i == tiers - 1
                            ? TierView.Kind.PRODUCTION
                            : i == 1 ? TierView.Kind.TESTING : TierView.Kind.STAGING;
            ladder.add(new TierView("tier-" + i, i == tiers - 1 ? "Production" : "Tier " + i, kind, null));
        }
        List<Journey> journeys = new ArrayList<>();
        List<LeadTimePoint> lead = new ArrayList<>();
        Map<String, LiveCandidate> live = new LinkedHashMap<>();
        Instant first = NOW.minus(Duration.ofHours(3L * candidates + 12));
        for (int c = 0; c < candidates; c++) {
            String version = "3.1." + c + "-" + Integer.toHexString(0xbeef00 + c);
            Instant changed = first.plus(Duration.ofHours(3L * c));
            BuildRef build = new BuildRef("shop/checkout/main", 1000 + c);
            BuildRef deploy = new BuildRef("shop/checkout/deploy", 500 + c);
            List<Step> steps = new ArrayList<>();
            List<TierDuration> breakdown = new ArrayList<>();
            Instant t = changed;
            Instant entered = changed;
            for (int ti = 0; ti < tiers; ti++) {
                String tier = ladder.get(ti).id();
                t = t.plus(Duration.ofMinutes(15L + 7L * ti + c % 11));
                if (ti == 1 && c % 7 == 6) {
                    steps.add(new Step(
                            tier,
                            t,
                            StepKind.BLOCKED,
                            "2 new failures against " + ladder.get(ti).displayName()
                                    + ": com.shop.checkout.PaymentIT.refundsPartialCapture",
                            List.of(
                                    "tests: 1,284 run, 1,282 passed, 2 failed, 11 skipped",
                                    "new failure: com.shop.checkout.PaymentIT.refundsPartialCapture",
                                    "new failure: com.shop.checkout.CartTest.mergesGuestCart",
                                    "pass rate 99.8% (required 100%)"),
                            List.of(),
                            build));
                    break;
                }
                List<Approval> approvals = ti == tiers - 1
                        ? List.of(new Approval("maria.keller", t.minusSeconds(600)), new Approval("tom.nguyen", t))
                        : List.of();
                steps.add(new Step(
                        tier,
                        t,
                        StepKind.PASSED,
                        null,
                        List.of(
                                "tests: " + (800 + 100 * ti) + " run, " + (800 + 100 * ti) + " passed, 0 failed",
                                "no new failures against " + ladder.get(ti).displayName(),
                                "required suites present: SmokeSuite, ContractSuite"),
                        approvals,
                        build));
                Instant done = t.plusSeconds(240);
                steps.add(new Step(tier, done, StepKind.DEPLOYED, null, List.of(), List.of(), deploy));
                breakdown.add(new TierDuration(tier, Duration.between(entered, done)));
                entered = done;
                live.put(tier, new LiveCandidate(version, done, ti == tiers - 1 ? "tom.nguyen" : "jenkins", deploy));
                t = done;
                if (ti == tiers - 1) {
                    lead.add(new LeadTimePoint(version, done, Duration.between(changed, done), breakdown));
                    if (c % 25 == 24) {
                        steps.add(new Step(
                                tier,
                                done.plusSeconds(1800),
                                StepKind.ROLLED_BACK,
                                "error rate above 1% after deployment",
                                List.of(),
                                List.of(),
                                deploy));
                    }
                }
            }
            journeys.add(new Journey(version, Integer.toHexString(0x5eed000 + c * 7919), changed, build, steps));
        }
        List<TierCard> cards = new ArrayList<>();
        for (TierView tier : ladder) {
            cards.add(new TierCard(tier.id(), live.get(tier.id()), 0));
        }
        int rollbacks = candidates / 25;
        DoraFigures dora = new DoraFigures(
                NOW.minus(Duration.ofDays(30)),
                NOW,
                lead.size(),
                lead.size() / 30.0,
                Duration.ofHours(3),
                rollbacks,
                lead.isEmpty() ? null : (double) rollbacks / lead.size(),
                Duration.ofMinutes(30));
        return new ProgressView(
                "shop/checkout",
                ladder,
                cards,
                journeys,
                lead,
                dora,
                new LinkTemplate("https://ci.example.com/{jobUrl}/{number}/"),
                NOW,
                ZoneId.of("Europe/Berlin"));
    }
}
