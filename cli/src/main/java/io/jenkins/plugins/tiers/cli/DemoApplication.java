package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.FreezeOverride;
import io.jenkins.plugins.tiers.gate.GateEngine;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.gate.GateRequest;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.ledger.Approval;
import io.jenkins.plugins.tiers.ledger.EvidenceSummary;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerPromotionHistory;
import io.jenkins.plugins.tiers.ledger.LiveCandidate;
import io.jenkins.plugins.tiers.ledger.StrategyDecisions;
import io.jenkins.plugins.tiers.ledger.TierStep;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.report.ReportException;
import io.jenkins.plugins.tiers.report.ReportGlob;
import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.report.TestReportReader;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.TransitionRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * Two weeks of the "shop" application, simulated on a {@link SimulatedClock}: candidates are built
 * three times a working day, their JUnit reports are written to disk and read back with the
 * {@link TestReportReader}, every gate is decided by the {@link GateEngine} against the ledger,
 * and every verdict, approval and deployment is appended to a {@link FileLedger}. Scripted are only
 * the things people and machines do: which tests fail, who approves when, a deployment that
 * fails, a rollback and an emergency fix through a freeze. Staging is blue-green (an automatic
 * switch after each deployment, one switch back), production a canary (one aborted at 25%).
 */
final class DemoApplication {

    static final String APPLICATION = "shop";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Duration LENGTH = Duration.ofDays(14);

    private static final String[] RELEASE_MANAGERS = {"maria.schmidt", "tom.becker", "priya.nair"};
    private static final String[] AUTHORS = {"lena.vogel", "jonas.weber", "sofia.rossi", "ahmed.khan", "lucas.martin"};
    private static final LocalTime[] BUILDS = {LocalTime.of(8, 40), LocalTime.of(12, 10), LocalTime.of(15, 20)};
    private static final LocalTime[] RELEASES = {LocalTime.of(10, 30), LocalTime.of(16, 0)};
    private static final String RELEASE_GROUP = "release-managers";

    /** What happens to one candidate that is not up to the gates. */
    private record Plan(Candidate candidate, String author, int tierOfFailure, DemoReports.Failure failure) {}

    private record Action(Instant at, long order, Runnable run) {}

    private final Path folder;
    private final Ladder ladder;
    private final FileLedger ledger;
    private final LedgerPromotionHistory history;
    private final SimulatedClock clock;
    private final GateEngine engine;
    private final Random random;
    private final Instant start;
    private final Instant end;
    private final PriorityQueue<Action> queue =
            new PriorityQueue<>(Comparator.comparing(Action::at).thenComparingLong(Action::order));
    private final Map<String, Plan> plans = new HashMap<>();
    private final Set<String> proposed = new HashSet<>();
    private final Set<String> approvalsAsked = new HashSet<>();
    private final Map<String, Integer> gateTries = new HashMap<>();
    private final List<Candidate> productionReleases = new ArrayList<>();
    private long order;
    private int deployRun = 400;
    private String failingDeployment;
    private String hotfix;
    private Instant lastRelease;
    /** The candidate on its way to production; staging holds still until it is there or stopped. */
    private String releasing;

    private final Set<String> overridden = new HashSet<>();
    /** The staging candidate switched back after its switch (the first switched after the hotfix). */
    private String switchBack;
    /** The production canary aborted at 25% (the first after the hotfix). */
    private String abortedCanary;

    private boolean hotfixDeployed;

    private DemoApplication(Path folder, Ladder ladder, FileLedger ledger, long seed, Instant start) {
        this.folder = folder;
        this.ladder = ladder;
        this.ledger = ledger;
        this.history = LedgerPromotionHistory.of(ledger);
        this.start = start;
        this.end = start.plus(LENGTH);
        this.clock = new SimulatedClock(start, ZONE);
        this.engine = new GateEngine(clock);
        this.random = new Random(seed);
    }

    /**
     * Runs the two weeks from {@code start} into {@code ledger}, with reports under {@code folder}.
     *
     * @return the instant the simulation ended, the "now" of its report
     */
    static Instant run(Path folder, Ladder ladder, FileLedger ledger, long seed, Instant start) throws IOException {
        DemoApplication demo = new DemoApplication(folder, ladder, ledger, seed, start);
        try {
            demo.plan();
            demo.simulate();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return demo.end;
    }

    // ------------------------------------------------------------------ the plan

    private void plan() {
        LocalDate firstDay = start.atZone(ZONE).toLocalDate();
        List<Instant> builds = new ArrayList<>();
        List<Instant> releases = new ArrayList<>();
        Instant friday = null;
        for (LocalDate day = firstDay; !day.isAfter(firstDay.plusDays(LENGTH.toDays())); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (LocalTime t : BUILDS) {
                Instant at = day.atTime(t).atZone(ZONE).toInstant().plusSeconds(60L * random.nextInt(25));
                if (!at.isBefore(start) && at.isBefore(end.minus(Duration.ofHours(5)))) {
                    builds.add(at);
                }
            }
            for (LocalTime t : RELEASES) {
                Instant at = day.atTime(t).atZone(ZONE).toInstant();
                if (!at.isBefore(start) && at.isBefore(end)) {
                    releases.add(at);
                }
            }
            Instant evening = day.atTime(18, 5).atZone(ZONE).toInstant();
            if (friday == null
                    && day.getDayOfWeek() == DayOfWeek.FRIDAY
                    && evening.isAfter(start.plus(Duration.ofDays(2)))
                    && evening.isBefore(end.minus(Duration.ofHours(8)))) {
                friday = evening;
            }
        }
        if (friday != null) {
            builds.add(friday);
            schedule(friday.minus(Duration.ofMinutes(30)), this::rollBackProduction);
        }
        builds.sort(Comparator.naturalOrder());
        List<Integer> troubled = troubledCandidates(builds.size(), builds.indexOf(friday));
        for (int i = 0; i < builds.size(); i++) {
            Instant at = builds.get(i);
            int number = 100 + i + 1;
            String version = "2.14." + (i + 1);
            Candidate candidate = new Candidate(version, new BuildRef("shop/main", number), revision(), at);
            int trouble = troubled.indexOf(i);
            DemoReports.Failure failure = trouble < 0 ? null : failure(trouble);
            int tierOfFailure = trouble < 0 ? -1 : trouble < 2 ? 0 : trouble == 2 ? 1 : 2;
            Plan p = new Plan(candidate, AUTHORS[random.nextInt(AUTHORS.length)], tierOfFailure, failure);
            plans.put(version, p);
            if (at.equals(friday)) {
                hotfix = version;
            }
            schedule(at.plus(Duration.ofMinutes(8)), () -> gate(p, 0));
        }
        // one staging deployment fails and is retried: the first healthy candidate after the first day
        for (int i = 3; i < builds.size() && failingDeployment == null; i++) {
            if (!troubled.contains(i) && !("2.14." + (i + 1)).equals(hotfix)) {
                failingDeployment = "2.14." + (i + 1);
            }
        }
        if (!releases.isEmpty()) {
            lastRelease = releases.get(releases.size() - 1);
        }
        releases.forEach(at -> schedule(at, () -> release(at)));
    }

    /** Four candidates with a new failure: two in unit tests, one in integration, one in smoke tests. */
    private List<Integer> troubledCandidates(int count, int hotfixIndex) {
        List<Integer> pool = new ArrayList<>();
        for (int i = 2; i < count - 3; i++) {
            if (i != hotfixIndex && i != hotfixIndex - 1) {
                pool.add(i);
            }
        }
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < 4 && !pool.isEmpty()) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    private DemoReports.Failure failure(int kind) {
        return switch (kind) {
            case 0 ->
                new DemoReports.Failure(
                        "com.shop.cart.PriceCalculatorTest",
                        testOf("com.shop.cart.PriceCalculatorTest"),
                        "org.opentest4j.AssertionFailedError",
                        "expected: <19.99> but was: <20.00>");
            case 1 ->
                new DemoReports.Failure(
                        "com.shop.cart.CartServiceTest",
                        testOf("com.shop.cart.CartServiceTest"),
                        "java.lang.NullPointerException",
                        "Cannot invoke \"com.shop.cart.LineItem.quantity()\" because \"item\" is null");
            case 2 ->
                new DemoReports.Failure(
                        "com.shop.checkout.CheckoutFlowIT",
                        testOf("com.shop.checkout.CheckoutFlowIT"),
                        "java.net.SocketTimeoutException",
                        "Read timed out after 30000 ms (POST /api/orders)");
            default ->
                new DemoReports.Failure(
                        "com.shop.smoke.CheckoutSmokeTest",
                        testOf("com.shop.smoke.CheckoutSmokeTest"),
                        "org.opentest4j.AssertionFailedError",
                        "expected: <201 CREATED> but was: <502 BAD_GATEWAY>");
        };
    }

    private String testOf(String className) {
        List<String> tests = DemoReports.SUITES.stream()
                .filter(s -> s.className().equals(className))
                .findFirst()
                .orElseThrow()
                .tests();
        return tests.get(random.nextInt(tests.size()));
    }

    private String revision() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    // ------------------------------------------------------------------ the simulation

    private void schedule(Instant at, Runnable run) {
        queue.add(new Action(at, order++, run));
    }

    private Instant later(int minMinutes, int maxMinutes) {
        return clock.instant().plus(Duration.ofMinutes(minMinutes + random.nextInt(maxMinutes - minMinutes + 1)));
    }

    private void simulate() {
        while (!queue.isEmpty() && queue.peek().at().isBefore(end)) {
            Action next = queue.poll();
            clock.advanceTo(next.at());
            next.run().run();
        }
        clock.advanceTo(end);
    }

    private String tierId(int index) {
        return ladder.tiers().get(index).id();
    }

    /** Tests run for the tier (once), then its gate decides on them. */
    private void gate(Plan p, int tierIndex) {
        gate(p, tierIndex, null);
    }

    private void gate(Plan p, int tierIndex, FreezeOverride override) {
        String tier = tierId(tierIndex);
        String version = p.candidate().version();
        GateRequest.Builder request = GateRequest.builder(ladder, tier, p.candidate(), evidence(p, tierIndex))
                .startedBy(tierIndex == ladder.tiers().size() - 1 ? p.author() : "jenkins")
                .approvals(history.approvals(tier, version));
        ledger.candidate(version)
                .flatMap(path -> path.tier(tier))
                .map(TierStep::firstWaitingAt)
                .ifPresent(request::requestedAt);
        if (override != null) {
            request.freezeOverride(override);
        }
        if (override != null && overridden.add(version)) {
            ledger.append(LedgerEvent.freezeOverride(
                    APPLICATION, tier, p.candidate(), override.person(), clock.instant(), override.reason()));
        }
        Verdict verdict = engine.evaluate(request.build(), history);
        EvidenceSummary evidence =
                request.build().evidence().read().map(EvidenceSummary::of).orElse(null);
        ledger.append(LedgerEvent.verdict(
                verdict, evidence, "shop/main #" + p.candidate().origin().number()));
        if (verdict.status() == VerdictStatus.PASSED) {
            schedule(later(1, 3), () -> deploy(p, tierIndex));
        } else if (verdict.status() == VerdictStatus.BLOCKED && version.equals(releasing)) {
            releasing = null;
        } else if (verdict.status() == VerdictStatus.WAITING) {
            waited(p, tierIndex, verdict, override);
        }
    }

    private void waited(Plan p, int tierIndex, Verdict verdict, FreezeOverride override) {
        String version = p.candidate().version();
        boolean approval = waitsOn(verdict, "approval");
        if (approval && approvalsAsked.add(version)) {
            boolean withheld = lastRelease != null && !clock.instant().isBefore(lastRelease);
            int first = random.nextInt(RELEASE_MANAGERS.length);
            Instant at1 = later(10, 40);
            schedule(at1, () -> approve(p, tierIndex, RELEASE_MANAGERS[first], override));
            if (withheld) {
                releasing = null;
            } else {
                String second = RELEASE_MANAGERS[(first + 1 + random.nextInt(2)) % RELEASE_MANAGERS.length];
                schedule(
                        at1.plus(Duration.ofMinutes(15 + random.nextInt(40))),
                        () -> approve(p, tierIndex, second, override));
            }
        } else if (!approval && waitsOn(verdict, "soak")) {
            int tries = gateTries.merge(version + "@" + tierIndex, 1, Integer::sum);
            if (tries < 12) {
                schedule(later(30, 30), () -> gate(p, tierIndex, override));
            } else if (version.equals(releasing)) {
                releasing = null;
            }
        } else if (!approval && version.equals(releasing)) {
            releasing = null; // frozen: the release waits for the next slot with a newer candidate
        }
    }

    private static boolean waitsOn(Verdict verdict, String rule) {
        return verdict.findings().stream()
                .anyMatch(f -> f.outcome() == Finding.Outcome.WAIT && f.rule().equals(rule));
    }

    private void approve(Plan p, int tierIndex, String person, FreezeOverride override) {
        ledger.append(LedgerEvent.approval(
                APPLICATION,
                tierId(tierIndex),
                p.candidate(),
                new Approval(true, person, List.of(RELEASE_GROUP), "release notes checked"),
                clock.instant()));
        schedule(later(1, 2), () -> gate(p, tierIndex, override));
    }

    private void deploy(Plan p, int tierIndex) {
        String tier = tierId(tierIndex);
        if (tierIndex == 2
                && releasing != null
                && !releasing.equals(p.candidate().version())) {
            schedule(later(20, 20), () -> deploy(p, tierIndex));
            return;
        }
        String actor = "shop/deploy #" + deployRun++;
        if (tierIndex == 2) {
            deployBlueGreen(p, tier, actor);
            return;
        }
        if (tierIndex == 3) {
            deployCanary(p, tier, actor);
            return;
        }
        ledger.append(LedgerEvent.deploymentStarted(APPLICATION, tier, p.candidate(), actor, clock.instant()));
        String version = p.candidate().version();
        if (version.equals(failingDeployment) && tier.equals("staging")) {
            failingDeployment = null;
            schedule(later(4, 6), () -> {
                ledger.append(LedgerEvent.deploymentFailed(
                        APPLICATION,
                        tier,
                        p.candidate(),
                        actor,
                        clock.instant(),
                        1,
                        "blue-green switch: health check /ready answered 503 for 3 minutes"));
                schedule(later(15, 25), () -> deploy(p, tierIndex));
            });
            return;
        }
        int minutes =
                switch (tierIndex) {
                    case 0 -> 2;
                    case 1 -> 3;
                    case 2 -> 6;
                    default -> 25;
                };
        schedule(clock.instant().plus(Duration.ofMinutes(minutes)), () -> {
            ledger.append(LedgerEvent.deploymentSucceeded(APPLICATION, tier, p.candidate(), actor, clock.instant()));
            deployed(p, tierIndex);
        });
    }

    /**
     * Staging is blue-green with {@code switch: auto}: the candidate goes into the idle slot, its
     * smoke test runs against the preview, and traffic switches. One deployment fails in the slot
     * and is retried; one switched candidate is switched back when checkout slows down.
     */
    private void deployBlueGreen(Plan p, String tier, String actor) {
        Candidate candidate = p.candidate();
        BlueGreen slots;
        try {
            slots = StrategyDecisions.slots(ledger.liveState().tier(tier)).deploying(candidate);
        } catch (TransitionRefusedException e) {
            return; // already active: nothing to deploy
        }
        String slot = slots.idleSlot().label();
        ledger.append(LedgerEvent.slotDeploymentStarted(APPLICATION, tier, candidate, actor, clock.instant(), slot));
        if (candidate.version().equals(failingDeployment)) {
            failingDeployment = null;
            schedule(later(4, 6), () -> {
                ledger.append(LedgerEvent.slotDeploymentFailed(
                        APPLICATION,
                        tier,
                        candidate,
                        actor,
                        clock.instant(),
                        slot,
                        1,
                        "health check /ready answered 503 for 3 minutes in the " + slot + " slot"));
                schedule(later(15, 25), () -> deploy(p, 2));
            });
            return;
        }
        schedule(clock.instant().plus(Duration.ofMinutes(3)), () -> {
            ledger.append(LedgerEvent.slotDeployed(APPLICATION, tier, candidate, actor, clock.instant(), slot));
            schedule(later(4, 6), () -> switchStaging(p, tier, actor));
        });
    }

    /** {@code switch: auto}: the smoke test against the preview passed, the idle slot goes live. */
    private void switchStaging(Plan p, String tier, String actor) {
        BlueGreen slots = StrategyDecisions.slots(ledger.liveState().tier(tier));
        if (slots.idleRole() != BlueGreen.Idle.AWAITING_SWITCH
                || !slots.idle().version().equals(p.candidate().version())) {
            return; // a newer candidate took the idle slot meanwhile
        }
        BlueGreen switched = slots.switchOver();
        String slot = switched.activeSlot().label();
        ledger.append(LedgerEvent.switched(APPLICATION, tier, p.candidate(), actor, clock.instant(), slot)
                .withCheck(smokeCheck(
                        tier,
                        p.candidate(),
                        "smoke-check.sh against the preview (" + slot + " slot): 0 of 40 checkouts failed")));
        // after the hotfix, so that the switch back is recent enough to be on the demo page
        if (switchBack == null
                && hotfixDeployed
                && switched.idle() != null
                && !p.candidate().version().equals(hotfix)) {
            switchBack = p.candidate().version();
            schedule(later(20, 30), () -> switchStagingBack(tier));
            return;
        }
        deployed(p, 2);
    }

    /** Checkout slows down on the new slot: a release manager switches back, no redeploy. */
    private void switchStagingBack(String tier) {
        BlueGreen slots = StrategyDecisions.slots(ledger.liveState().tier(tier));
        BlueGreen back;
        try {
            back = slots.switchBack();
        } catch (TransitionRefusedException e) {
            return;
        }
        ledger.append(LedgerEvent.switchedBack(
                APPLICATION,
                tier,
                back.active(),
                RELEASE_MANAGERS[2],
                clock.instant(),
                back.activeSlot().label(),
                slots.active().version(),
                "checkout p99 latency 1.8 s on " + slots.activeSlot().label() + " since the switch"));
    }

    /**
     * Production is a canary: 5%, 25%, then 100%, each step held for its pause before the smoke
     * check. One canary, the first after the Friday hotfix, fails its check at 25% and is aborted.
     */
    private void deployCanary(Plan p, String tier, String actor) {
        List<Integer> steps = ladder.tier(tier).orElseThrow().strategy().steps();
        ledger.append(LedgerEvent.canaryStarted(APPLICATION, tier, p.candidate(), actor, clock.instant(), steps));
        if (abortedCanary == null && hotfixDeployed && !p.candidate().version().equals(hotfix)) {
            abortedCanary = p.candidate().version();
        }
        schedule(later(2, 3), () -> canaryStep(p, tier, actor, steps, 1));
    }

    private void canaryStep(Plan p, String tier, String actor, List<Integer> steps, int step) {
        Candidate candidate = p.candidate();
        // the step check of the step before let this one happen: it goes with it into the ledger
        Verdict admitted = step == 1
                ? null
                : smokeCheck(
                        tier,
                        candidate,
                        "smoke-check.sh at " + steps.get(step - 2) + "%: 0.2% of checkouts failed (at most 1%)");
        if (step == steps.size()) {
            ledger.append(LedgerEvent.canaryCompleted(APPLICATION, tier, candidate, actor, clock.instant(), steps)
                    .withCheck(admitted));
            deployed(p, 3);
            return;
        }
        LedgerEvent reached =
                LedgerEvent.canaryStepReached(APPLICATION, tier, candidate, actor, clock.instant(), step, steps);
        ledger.append(admitted == null ? reached : reached.withCheck(admitted));
        Duration pause = ladder.tier(tier).orElseThrow().strategy().pauseAfter(step);
        schedule(clock.instant().plus(pause), () -> {
            if (candidate.version().equals(abortedCanary) && steps.get(step - 1) == 25) {
                String reason =
                        "CheckoutSmokeTest: 2.4% of checkouts failed at " + steps.get(step - 1) + "% (at most 1%)";
                Verdict failed = new Verdict(
                        APPLICATION,
                        tier,
                        candidate,
                        List.of(new Finding("check", Finding.Outcome.BLOCK, "CHECK_FAILED", reason)),
                        Map.of("check", "smoke-check.sh"),
                        clock.instant());
                ledger.append(LedgerEvent.canaryAborted(
                        APPLICATION,
                        tier,
                        candidate,
                        actor,
                        clock.instant(),
                        step,
                        steps,
                        failed,
                        "the step check failed at step " + step + " of " + steps.size() + ": " + reason));
                releasing = null;
                return;
            }
            canaryStep(p, tier, actor, steps, step + 1);
        });
    }

    /** A passed switch or step check, as {@code tiers deploy --check} records it. */
    private Verdict smokeCheck(String tier, Candidate candidate, String line) {
        return new Verdict(
                APPLICATION,
                tier,
                candidate,
                List.of(new Finding("check", Finding.Outcome.PASS, "CHECK_PASSED", line)),
                Map.of("check", "smoke-check.sh"),
                clock.instant());
    }

    private void deployed(Plan p, int tierIndex) {
        switch (tierIndex) {
            case 0 -> schedule(later(18, 30), () -> gate(p, 1));
            case 1 -> schedule(later(65, 90), () -> gate(p, 2));
            case 2 -> {
                if (p.candidate().version().equals(hotfix)) {
                    proposed.add(hotfix);
                    releasing = hotfix;
                    schedule(
                            later(125, 130),
                            () -> gate(
                                    p,
                                    3,
                                    new FreezeOverride(
                                            RELEASE_MANAGERS[0],
                                            "hotfix for the checkout outage (INC-2142), cannot wait")));
                }
            }
            default -> {
                productionReleases.add(p.candidate());
                releasing = null;
                if (p.candidate().version().equals(hotfix)) {
                    hotfixDeployed = true;
                }
            }
        }
    }

    /** A release slot: the candidate live in staging is proposed for production, once. */
    private void release(Instant at) {
        Optional<LiveCandidate> staged = ledger.liveState().live("staging");
        if (staged.isEmpty()) {
            return;
        }
        String version = staged.get().candidate().version();
        Optional<LiveCandidate> live = ledger.liveState().live("production");
        if (live.isPresent() && live.get().candidate().version().equals(version)) {
            return;
        }
        if (releasing == null && proposed.add(version)) {
            releasing = version;
            gate(plans.get(version), 3);
        }
    }

    /** Checkout errors after Friday's release: production goes back to the release before it. */
    private void rollBackProduction() {
        if (productionReleases.size() < 2) {
            return;
        }
        Candidate bad = productionReleases.get(productionReleases.size() - 1);
        Candidate previous = productionReleases.get(productionReleases.size() - 2);
        ledger.append(LedgerEvent.rolledBack(
                APPLICATION, "production", previous, RELEASE_MANAGERS[1], clock.instant(), bad.version()));
        productionReleases.add(previous);
    }

    /** Writes the tier's reports the first time they are asked for, and reads them as the CLI does. */
    private GateEvidence evidence(Plan p, int tierIndex) {
        Path dir = folder.resolve("builds").resolve(p.candidate().version()).resolve(tierId(tierIndex));
        if (!dir.toFile().isDirectory()) {
            Map<String, DemoReports.Failure> failures = new HashMap<>();
            if (p.failure() != null && p.tierOfFailure() <= tierIndex) {
                failures.put(p.failure().className() + "." + p.failure().test(), p.failure());
            }
            try {
                DemoReports.write(
                        dir,
                        DemoReports.suitesFor(tierIndex),
                        failures,
                        clock.instant().minus(Duration.ofMinutes(2)),
                        random);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            TestEvidence tests = new TestReportReader()
                    .read(ReportGlob.of(List.of("**/TEST-*.xml")).collect(dir));
            return GateEvidence.of(tests);
        } catch (ReportException e) {
            return GateEvidence.unreadable(e.getMessage());
        }
    }
}
