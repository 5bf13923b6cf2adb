package io.jenkins.plugins.tiers.render;

import io.jenkins.plugins.tiers.model.BuildRef;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic view models for tests and screenshots: a realistic four-tier application, and
 * synthetic ones of any size. Stands in for the ledger adapter until it lands.
 */
final class SampleViews {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final LinkTemplate LINKS = new LinkTemplate("https://ci.example.com/{jobUrl}/{number}/");

    private SampleViews() {}

    static List<TierView> ladder(int size) {
        List<TierView> tiers = new ArrayList<>();
        String[] names = {"Development", "Testing", "Staging", "Production"};
        TierView.Kind[] kinds = {
            TierView.Kind.DEVELOPMENT, TierView.Kind.TESTING, TierView.Kind.STAGING, TierView.Kind.PRODUCTION
        };
        for (int i = 0; i < size; i++) {
            if (size <= 4) {
                int k = i + 4 - size;
                tiers.add(new TierView(names[k].toLowerCase(java.util.Locale.ROOT), names[k], kinds[k], null));
            } else if (i == size - 1) {
                tiers.add(new TierView("production", "Production", TierView.Kind.PRODUCTION, null));
            } else {
                tiers.add(new TierView(
                        "tier-" + i, "Tier " + i, i == 0 ? TierView.Kind.DEVELOPMENT : TierView.Kind.OTHER, null));
            }
        }
        return tiers;
    }

    /** The demo: four tiers, 30 candidates over two weeks, blocked, waiting, failed, rolled back. */
    static ProgressView demo() {
        List<TierView> tiers = List.of(
                new TierView("development", "Development", TierView.Kind.DEVELOPMENT, "https://dev.shop.example.com/"),
                new TierView("testing", "Testing", TierView.Kind.TESTING, null),
                new TierView("staging", "Staging", TierView.Kind.STAGING, "https://staging.shop.example.com/"),
                new TierView("production", "Production", TierView.Kind.PRODUCTION, "https://shop.example.com/"));
        Random random = new Random(42);
        Instant first = NOW.minus(Duration.ofDays(14));
        List<Journey> journeys = new ArrayList<>();
        List<LeadTimePoint> lead = new ArrayList<>();
        Map<String, LiveCandidate> live = new LinkedHashMap<>();
        Map<String, Integer> waiting = new LinkedHashMap<>();
        int candidates = 30;
        for (int c = 0; c < candidates; c++) {
            String version = "2.3." + c;
            Instant changed = first.plus(Duration.ofMinutes(c * 660L + random.nextInt(90)));
            BuildRef build = new BuildRef("shop/checkout/main", 400 + c);
            List<Step> steps = new ArrayList<>();
            Instant t = changed.plus(Duration.ofMinutes(12 + random.nextInt(10)));
            List<TierDuration> breakdown = new ArrayList<>();
            Instant entered = changed;
            boolean stopped = false;
            for (int ti = 0; ti < tiers.size() && !stopped; ti++) {
                String tier = tiers.get(ti).id();
                if (ti > 0) {
                    t = t.plus(Duration.ofMinutes(ti == 3 ? 180 + random.nextInt(240) : 30 + random.nextInt(120)));
                }
                if (t.isAfter(NOW) || (c == candidates - 1 && ti == 2)) {
                    break; // the newest candidate is still on its way
                }
                boolean blockedByFailures = ti == 1 && (c % 7 == 3);
                boolean blockedInStaging = ti == 2 && c == 17;
                boolean waitsForApproval = ti == 3 && c == candidates - 2;
                boolean freezeOverride = ti == 3 && c == 12;
                if (blockedByFailures) {
                    steps.add(new Step(
                            tier,
                            t,
                            StepKind.BLOCKED,
                            "2 new failures against production's 2.3." + Math.max(0, c - 2)
                                    + ": com.shop.checkout.PaymentIT.refundsPartialCapture",
                            List.of(
                                    "tests: 1,284 run, 1,282 passed, 2 failed, 11 skipped",
                                    "new failure: com.shop.checkout.PaymentIT.refundsPartialCapture — expected 12.50 but was 0.00",
                                    "new failure: com.shop.checkout.CartTest.mergesGuestCart",
                                    "pass rate 99.8% (required 100%)"),
                            List.of(),
                            new BuildRef("shop/checkout/main", 400 + c)));
                    stopped = true;
                    break;
                }
                if (blockedInStaging) {
                    steps.add(new Step(
                            tier,
                            t,
                            StepKind.BLOCKED,
                            "required suite com.shop.e2e.SmokeSuite has no results (report older than the build)",
                            List.of("tests: 310 run, 310 passed", "required suite com.shop.e2e.SmokeSuite: missing"),
                            List.of(),
                            build));
                    stopped = true;
                    break;
                }
                List<Approval> approvals = new ArrayList<>();
                List<String> evidence = new ArrayList<>();
                evidence.add("tests: " + (900 + ti * 200) + " run, " + (900 + ti * 200) + " passed, 0 failed");
                evidence.add("no new failures against "
                        + (ti == 3 ? "production" : tiers.get(ti).displayName()));
                if (ti == 3) {
                    evidence.add("soak in staging: " + (3 + random.nextInt(3)) + "h (required 2h)");
                }
                if (waitsForApproval) {
                    steps.add(new Step(
                            tier,
                            t,
                            StepKind.WAITING,
                            "waiting for 2 approvals from release-managers (1 given)",
                            evidence,
                            List.of(new Approval("maria.keller", t.plus(Duration.ofMinutes(20)))),
                            build));
                    waiting.merge(tier, 1, Integer::sum);
                    stopped = true;
                    break;
                }
                if (ti == 3) {
                    approvals.add(new Approval("maria.keller", t.minus(Duration.ofMinutes(25))));
                    approvals.add(
                            new Approval(c % 2 == 0 ? "tom.nguyen" : "ana.silva", t.minus(Duration.ofMinutes(5))));
                }
                if (freezeOverride) {
                    evidence.add("freeze window \"Black Friday\" active: overridden by ana.silva (incident INC-2291)");
                }
                steps.add(new Step(tier, t, StepKind.PASSED, null, evidence, approvals, build));
                Instant deployed = t.plus(Duration.ofMinutes(3 + random.nextInt(6)));
                if (ti == 3 && c == 9) {
                    steps.add(new Step(
                            tier,
                            deployed,
                            StepKind.FAILED,
                            "deployment command exited with 1: helm upgrade timed out",
                            List.of(),
                            List.of(),
                            new BuildRef("shop/checkout/deploy", 120 + c)));
                    stopped = true;
                    break;
                }
                String deployer = ti == 3 ? (c % 2 == 0 ? "tom.nguyen" : "ana.silva") : "jenkins";
                steps.add(new Step(
                        tier,
                        deployed,
                        StepKind.DEPLOYED,
                        null,
                        List.of(),
                        List.of(),
                        new BuildRef("shop/checkout/deploy", 120 + c)));
                breakdown.add(new TierDuration(tier, Duration.between(entered, deployed)));
                entered = deployed;
                live.put(
                        tier,
                        new LiveCandidate(version, deployed, deployer, new BuildRef("shop/checkout/deploy", 120 + c)));
                if (ti == 3) {
                    lead.add(new LeadTimePoint(version, deployed, Duration.between(changed, deployed), breakdown));
                    if (c == 21) {
                        Instant back = deployed.plus(Duration.ofMinutes(47));
                        steps.add(new Step(
                                tier,
                                back,
                                StepKind.ROLLED_BACK,
                                "error rate 4.2% above 1% for 10 minutes after deployment; rolled back to 2.3.20 by tom.nguyen",
                                List.of(),
                                List.of(),
                                new BuildRef("shop/checkout/deploy", 150)));
                        live.put(
                                tier,
                                new LiveCandidate(
                                        "2.3.20", back, "tom.nguyen", new BuildRef("shop/checkout/deploy", 150)));
                    }
                }
                t = deployed;
            }
            journeys.add(new Journey(version, String.format("%07x", 0xa3f00 + c * 7919), changed, build, steps));
        }
        List<TierCard> cards = new ArrayList<>();
        for (TierView tier : tiers) {
            cards.add(new TierCard(tier.id(), live.get(tier.id()), waiting.getOrDefault(tier.id(), 0)));
        }
        Instant windowStart = NOW.minus(Duration.ofDays(14));
        List<Duration> leads =
                lead.stream().map(LeadTimePoint::leadTime).sorted().toList();
        DoraFigures dora = new DoraFigures(
                windowStart,
                NOW,
                lead.size(),
                lead.size() / 14.0,
                leads.isEmpty() ? null : leads.get(leads.size() / 2),
                2,
                2.0 / (lead.size() + 1),
                Duration.ofMinutes(47));
        return new ProgressView("shop/checkout", tiers, cards, journeys, lead, dora, LINKS, NOW, ZONE);
    }

    /**
     * A synthetic application: {@code candidates} candidates, one every two hours, each passing and
     * deploying into every tier, every fifth blocked at the top tier.
     */
    static ProgressView synthetic(int candidates, int tierCount) {
        return synthetic(candidates, tierCount, "1.0.", "jenkins");
    }

    static ProgressView synthetic(int candidates, int tierCount, String versionPrefix, String user) {
        List<TierView> tiers = ladder(tierCount);
        List<Journey> journeys = new ArrayList<>();
        List<LeadTimePoint> lead = new ArrayList<>();
        List<TierCard> cards = new ArrayList<>();
        Instant start = NOW.minus(Duration.ofHours(2L * candidates + 10));
        for (int c = 0; c < candidates; c++) {
            String version = versionPrefix + c;
            Instant changed = start.plus(Duration.ofHours(2L * c));
            List<Step> steps = new ArrayList<>();
            List<TierDuration> breakdown = new ArrayList<>();
            Instant t = changed;
            for (int ti = 0; ti < tierCount; ti++) {
                String tier = tiers.get(ti).id();
                t = t.plus(Duration.ofMinutes(20));
                if (ti == tierCount - 1 && c % 5 == 4) {
                    steps.add(new Step(
                            tier,
                            t,
                            StepKind.BLOCKED,
                            "1 new failure: " + version,
                            List.of("test " + version),
                            List.of(),
                            null));
                    break;
                }
                steps.add(new Step(
                        tier,
                        t,
                        StepKind.PASSED,
                        null,
                        List.of("tests: 100 run, 100 passed", "no new failures"),
                        List.of(new Approval(user, t)),
                        null));
                steps.add(new Step(tier, t.plusSeconds(60), StepKind.DEPLOYED, null, List.of(), List.of(), null));
                breakdown.add(new TierDuration(tier, Duration.ofMinutes(ti == 0 ? 21 : 20)));
                if (ti == tierCount - 1) {
                    lead.add(new LeadTimePoint(
                            version, t.plusSeconds(60), Duration.between(changed, t.plusSeconds(60)), breakdown));
                }
            }
            journeys.add(new Journey(version, "rev" + c, changed, new BuildRef("app/" + versionPrefix, c + 1), steps));
        }
        for (TierView tier : tiers) {
            LiveCandidate live = null;
            for (Journey j : journeys) {
                for (Step s : j.steps()) {
                    if (s.tierId().equals(tier.id()) && s.kind() == StepKind.DEPLOYED) {
                        live = new LiveCandidate(j.version(), s.at(), user, j.build());
                    }
                }
            }
            cards.add(new TierCard(tier.id(), live, 0));
        }
        DoraFigures dora = new DoraFigures(
                NOW.minus(Duration.ofDays(30)),
                NOW,
                lead.size(),
                lead.size() / 30.0,
                Duration.ofHours(2),
                1,
                0.1,
                Duration.ofHours(1));
        return new ProgressView("app " + versionPrefix, tiers, cards, journeys, lead, dora, LINKS, NOW, ZONE);
    }
}
