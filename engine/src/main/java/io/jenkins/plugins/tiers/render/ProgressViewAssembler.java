package io.jenkins.plugins.tiers.render;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.model.TierKind;
import io.jenkins.plugins.tiers.progress.DeploymentFrequency;
import io.jenkins.plugins.tiers.progress.DurationStats;
import io.jenkins.plugins.tiers.progress.LiveCodeProgress;
import io.jenkins.plugins.tiers.progress.ProgressFigures;
import io.jenkins.plugins.tiers.progress.TierOrder;
import io.jenkins.plugins.tiers.progress.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the progress view of one application from its ladder and its ledger alone: the live
 * state for the tier cards, the newest candidates' paths for the flow chart, the matrix and the
 * lead times, and the same candidates' events for the DORA figures. It reads only as many
 * candidates as the view draws, plus older ones while they still started inside the DORA window,
 * so a page costs the same for a ledger of a hundred candidates as for one of a million.
 */
public final class ProgressViewAssembler {

    /** The most candidates read to cover the DORA window, whatever the window. */
    public static final int MAX_CANDIDATES_READ = 5_000;

    private final Clock clock;

    public ProgressViewAssembler(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The view of {@code ladder}'s application as {@code ledger} records it now.
     *
     * @throws IllegalArgumentException when the options name a tier the ladder does not have
     */
    public ProgressView assemble(Ladder ladder, Ledger ledger, ViewOptions options) {
        Objects.requireNonNull(ladder, "ladder");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(options, "options");
        for (String id : options.tiers()) {
            if (ladder.tier(id).isEmpty()) {
                throw new IllegalArgumentException("no tier \"" + id + "\" in the ladder of " + ladder.application()
                        + "; known tiers: " + ladder.ids());
            }
        }
        Instant now = clock.instant();
        Window window = new Window(now.minus(options.window()), now);
        List<String> order = ladder.tiers().stream().map(Tier::id).toList();
        String production = productionOf(ladder);
        List<Tier> shown = ladder.tiers().stream()
                .filter(t -> options.tiers().isEmpty() || options.tiers().contains(t.id()))
                .toList();
        Set<String> shownIds = new HashSet<>();
        shown.forEach(t -> shownIds.add(t.id()));

        List<CandidatePath> read = candidatesCovering(ledger, options.candidates(), window.from());
        List<CandidatePath> drawn = read.subList(0, Math.min(read.size(), options.candidates()));

        List<Journey> journeys = new ArrayList<>();
        List<LeadTimePoint> leadTimes = new ArrayList<>();
        for (CandidatePath path : drawn) {
            Journey journey = journey(path, shownIds);
            if (!journey.steps().isEmpty()) {
                journeys.add(journey);
            }
            leadTime(path, order, production).ifPresent(leadTimes::add);
        }
        return new ProgressView(
                ladder.application(),
                shown.stream().map(ProgressViewAssembler::tierView).toList(),
                cards(ledger.liveState(), shown),
                journeys,
                leadTimes,
                dora(read, order, production, window, options),
                options.links(),
                now,
                options.zone());
    }

    /** The production tier: the highest of kind production, else the top of the ladder. */
    static String productionOf(Ladder ladder) {
        String production = ladder.tiers().get(ladder.tiers().size() - 1).id();
        for (Tier t : ladder.tiers()) {
            if (t.kind() == TierKind.PRODUCTION) {
                production = t.id();
            }
        }
        return production;
    }

    /**
     * The newest {@code count} candidates, and more (doubling, up to {@link #MAX_CANDIDATES_READ})
     * while the oldest one read still started inside the window, newest first.
     */
    private static List<CandidatePath> candidatesCovering(Ledger ledger, int count, Instant windowStart) {
        int n = count;
        while (true) {
            List<CandidatePath> paths = ledger.lastCandidates(n);
            if (paths.size() < n || n >= MAX_CANDIDATES_READ) {
                return paths;
            }
            CandidatePath oldest = paths.get(paths.size() - 1);
            if (oldest.events().isEmpty() || oldest.events().get(0).time().isBefore(windowStart)) {
                return paths;
            }
            n = (int) Math.min((long) n * 2, MAX_CANDIDATES_READ);
        }
    }

    private static TierView tierView(Tier tier) {
        return new TierView(
                tier.id(), tier.displayName(), TierView.Kind.valueOf(tier.kind().name()), tier.url());
    }

    private static List<TierCard> cards(LiveState live, List<Tier> shown) {
        List<TierCard> cards = new ArrayList<>();
        for (Tier tier : shown) {
            TierState state = live.tier(tier.id());
            LiveCandidate candidate = state.liveCandidate()
                    .map(l -> new LiveCandidate(
                            l.candidate().version(),
                            l.since(),
                            l.deployedBy().isBlank() ? null : l.deployedBy(),
                            l.candidate().origin()))
                    .orElse(null);
            int waiting = state.waiting().size();
            if (state.slotsIfAny().isPresent()) {
                cards.add(TierCard.blueGreen(
                        tier.id(), candidate, waiting, state.slotsIfAny().get()));
            } else if (state.canaryIfAny().isPresent()) {
                cards.add(TierCard.canary(
                        tier.id(), candidate, waiting, state.canaryIfAny().get()));
            } else if (candidate != null || waiting > 0) {
                cards.add(new TierCard(tier.id(), candidate, waiting));
            }
        }
        return cards;
    }

    /**
     * The candidate's steps at the shown tiers: one per verdict and per deployment outcome, a
     * rollback away from it as a rolled-back step; approvals and freeze overrides go with the
     * tier's latest verdict, the one they led to.
     */
    static Journey journey(CandidatePath path, Set<String> shownIds) {
        String version = path.version();
        List<Step> steps = new ArrayList<>();
        Map<String, Integer> lastVerdict = new HashMap<>();
        Map<String, List<Approval>> approvals = new HashMap<>();
        Map<String, List<String>> overrides = new HashMap<>();
        Map<String, Integer> canaryStepAt = new HashMap<>(); // "tier\nstep" to its index in steps
        for (LedgerEvent e : path.events()) {
            if (!shownIds.contains(e.tier())) {
                continue;
            }
            boolean own = e.version().equals(version);
            switch (e.type()) {
                case GATE_VERDICT -> {
                    if (own) {
                        lastVerdict.put(e.tier(), steps.size());
                        steps.add(verdictStep(e.verdict()));
                    }
                }
                case APPROVAL -> {
                    if (own && e.isStepApproval()) {
                        // an answer at a canary step goes with that step, never with the gate's verdict
                        Integer at = canaryStepAt.get(e.tier() + "\n" + e.step());
                        if (at != null) {
                            steps.set(at, answeredAtStep(steps.get(at), e));
                        }
                    } else if (own && e.approval().given()) {
                        approvals
                                .computeIfAbsent(e.tier(), t -> new ArrayList<>())
                                .add(new Approval(e.approval().person(), e.time()));
                    }
                }
                case FREEZE_OVERRIDE -> {
                    if (own) {
                        overrides
                                .computeIfAbsent(e.tier(), t -> new ArrayList<>())
                                .add("freeze overridden by " + e.actor() + ": " + Objects.toString(e.reason(), ""));
                    }
                }
                case DEPLOYMENT_SUCCEEDED -> {
                    if (own) {
                        steps.add(
                                new Step(e.tier(), e.time(), StepKind.DEPLOYED, null, deployedBy(e), List.of(), null));
                    }
                }
                case DEPLOYMENT_FAILED -> {
                    if (own) {
                        String reason = e.reason() != null
                                ? e.reason()
                                : e.exitCode() != null ? "deployment exited with " + e.exitCode() : "deployment failed";
                        steps.add(
                                new Step(e.tier(), e.time(), StepKind.FAILED, reason, deployedBy(e), List.of(), null));
                    }
                }
                case ROLLED_BACK, SWITCHED_BACK -> steps.add(rollback(e, own));
                case SWITCHED -> {
                    if (own) {
                        steps.add(new Step(
                                e.tier(),
                                e.time(),
                                StepKind.SWITCHED,
                                "to the " + e.slot() + " slot, now live",
                                deployedBy(e),
                                List.of(),
                                null,
                                check(e)));
                    }
                }
                case SWITCH_CHECK_FAILED -> {
                    if (own) {
                        steps.add(new Step(
                                e.tier(),
                                e.time(),
                                StepKind.BLOCKED,
                                "not switched: the switch check failed; still idle in the " + e.slot() + " slot: "
                                        + String.join(
                                                "; ",
                                                e.verdict().reasons().stream()
                                                        .map(Finding::message)
                                                        .toList()),
                                deployedBy(e),
                                List.of(),
                                null,
                                check(e)));
                    }
                }
                case CANARY_STEP_REACHED -> {
                    if (own) {
                        canaryStepAt.put(e.tier() + "\n" + e.step(), steps.size());
                        steps.add(new Step(
                                e.tier(),
                                e.time(),
                                StepKind.CANARY_STEP,
                                weightAt(e) + "% (step " + e.step() + " of "
                                        + e.steps().size() + "), not live yet",
                                deployedBy(e),
                                List.of(),
                                null,
                                check(e)));
                    }
                }
                case CANARY_COMPLETED -> {
                    if (own) {
                        steps.add(new Step(
                                e.tier(),
                                e.time(),
                                StepKind.DEPLOYED,
                                "canary completed: 100% (step " + e.steps().size() + " of "
                                        + e.steps().size() + "), now live",
                                deployedBy(e),
                                List.of(),
                                null,
                                check(e)));
                    }
                }
                case CANARY_ABORTED -> {
                    if (own) {
                        String reason = "at step " + e.step() + " of "
                                + e.steps().size()
                                + (e.step() > 0 ? " (" + e.steps().get(e.step() - 1) + "%)" : "")
                                + (e.reason() == null ? "" : ": " + e.reason());
                        steps.add(new Step(
                                e.tier(),
                                e.time(),
                                StepKind.CANARY_ABORTED,
                                reason,
                                deployedBy(e),
                                List.of(),
                                null,
                                check(e)));
                    }
                }
                default -> {
                    // a deployment that started and a slot deployment say nothing until the candidate
                    // takes all traffic (a switch) or its deployment fails
                }
            }
        }
        for (Map.Entry<String, Integer> last : lastVerdict.entrySet()) {
            List<Approval> given = approvals.getOrDefault(last.getKey(), List.of());
            List<String> overridden = overrides.getOrDefault(last.getKey(), List.of());
            if (!given.isEmpty() || !overridden.isEmpty()) {
                Step s = steps.get(last.getValue());
                List<String> evidence = new ArrayList<>(overridden);
                evidence.addAll(s.evidence());
                steps.set(
                        last.getValue(),
                        new Step(s.tierId(), s.at(), s.kind(), s.reason(), evidence, given, s.build(), s.check()));
            }
        }
        Candidate c = path.candidate();
        return new Journey(version, c.revision(), c.changedAt(), c.origin(), steps);
    }

    private static Step verdictStep(Verdict verdict) {
        StepKind kind =
                switch (verdict.status()) {
                    case PASSED -> StepKind.PASSED;
                    case WAITING -> StepKind.WAITING;
                    case BLOCKED -> StepKind.BLOCKED;
                };
        String reason =
                verdict.reasons().stream().findFirst().map(Finding::message).orElse(null);
        List<String> evidence =
                verdict.findings().stream().map(Finding::message).toList();
        return new Step(verdict.tier(), verdict.evaluatedAt(), kind, reason, evidence, List.of(), null);
    }

    /** The canary step with an answer given at it: an approval, or a refusal as an evidence line. */
    private static Step answeredAtStep(Step s, LedgerEvent e) {
        List<Approval> approvals = new ArrayList<>(s.approvals());
        List<String> evidence = new ArrayList<>(s.evidence());
        if (e.approval().given()) {
            approvals.add(new Approval(e.approval().person(), e.time()));
        } else {
            evidence.add("refused at " + e.weight() + "% by " + e.approval().person()
                    + (e.approval().comment().isBlank()
                            ? ""
                            : ": " + e.approval().comment()));
        }
        return new Step(s.tierId(), s.at(), s.kind(), s.reason(), evidence, approvals, s.build(), s.check());
    }

    /** The weight of the event's step. */
    private static int weightAt(LedgerEvent e) {
        return e.weight() != null ? e.weight() : e.steps().get(e.step() - 1);
    }

    /** The switch or step check recorded with a strategy event, with its test counts when kept. */
    static StepCheck check(LedgerEvent e) {
        Verdict v = e.verdict();
        if (v == null) {
            return null;
        }
        String tests = null;
        if (e.evidence() != null) {
            var t = e.evidence().totals();
            tests = t.tests() + " tests: " + t.passed() + " passed, " + t.failed() + " failed, " + t.errored()
                    + " errors, " + t.skipped() + " skipped";
        }
        return new StepCheck(
                v.status() == VerdictStatus.PASSED,
                v.status() == VerdictStatus.PASSED
                        ? List.of()
                        : v.reasons().stream().map(Finding::message).toList(),
                v.findings().stream().map(Finding::message).toList(),
                tests);
    }

    private static List<String> deployedBy(LedgerEvent e) {
        return e.actor().isBlank() ? List.of() : List.of("deployed by " + e.actor());
    }

    private static Step rollback(LedgerEvent e, boolean own) {
        String how = e.type() == EventType.SWITCHED_BACK ? "switched back" : "rolled back";
        if (own) {
            String from = e.rolledBackFrom() == null ? "" : " from " + e.rolledBackFrom();
            String line = "live again: " + how + from + " by " + e.actor();
            // a switch back says so on its marker too: it is the blue-green strategy at work
            return new Step(
                    e.tier(),
                    e.time(),
                    StepKind.DEPLOYED,
                    e.type() == EventType.SWITCHED_BACK ? line + " (" + e.slot() + " slot)" : null,
                    e.type() == EventType.SWITCHED_BACK ? List.of() : List.of(line),
                    List.of(),
                    null);
        }
        boolean switchBack = e.type() == EventType.SWITCHED_BACK;
        return new Step(
                e.tier(),
                e.time(),
                switchBack ? StepKind.SWITCHED_BACK : StepKind.ROLLED_BACK,
                how + " to " + e.version() + (switchBack ? " in the " + e.slot() + " slot" : "") + " by " + e.actor()
                        + (e.reason() == null ? "" : ": " + e.reason()),
                List.of(),
                List.of(),
                null);
    }

    /** Change to production, split into the time to enter each tier after the one below it. */
    static Optional<LeadTimePoint> leadTime(CandidatePath path, List<String> order, String production) {
        Instant changed = path.candidate().changedAt();
        Optional<Instant> reached = path.reached(production);
        if (changed == null || reached.isEmpty() || reached.get().isBefore(changed)) {
            return Optional.empty();
        }
        List<TierDuration> breakdown = new ArrayList<>();
        Instant previous = changed;
        for (String tier : order) {
            Optional<Instant> at = path.reached(tier);
            if (at.isEmpty()) {
                continue;
            }
            Duration segment = Duration.between(previous, at.get());
            breakdown.add(new TierDuration(tier, segment.isNegative() ? Duration.ZERO : segment));
            if (at.get().isAfter(previous)) {
                previous = at.get();
            }
            if (tier.equals(production)) {
                break;
            }
        }
        return Optional.of(
                new LeadTimePoint(path.version(), reached.get(), Duration.between(changed, reached.get()), breakdown));
    }

    private static DoraFigures dora(
            List<CandidatePath> read, List<String> order, String production, Window window, ViewOptions options) {
        // A rollback is in the paths of both candidates it concerns: keep each event once, in ledger order.
        TreeMap<Long, LedgerEvent> bySeq = new TreeMap<>();
        for (CandidatePath path : read) {
            path.events().forEach(e -> bySeq.putIfAbsent(e.seq(), e));
        }
        ProgressFigures figures = LiveCodeProgress.compute(
                List.copyOf(bySeq.values()), new TierOrder(order, production), window, options.zone());
        DeploymentFrequency frequency = figures.frequency().stream()
                .filter(f -> f.tier().equals(production))
                .findFirst()
                .orElseThrow();
        DurationStats lead = figures.leadTime().getOrDefault(production, DurationStats.EMPTY);
        DurationStats restore = figures.timeToRestore().getOrDefault(production, DurationStats.EMPTY);
        var cfr = figures.changeFailureRate();
        return new DoraFigures(
                window.from(),
                window.to(),
                frequency.deployments(),
                frequency.perDay(),
                lead.median(),
                cfr.failures(),
                cfr.deployments() == 0 ? null : cfr.rate(),
                restore.median(),
                cfr.caughtByCanary());
    }
}
