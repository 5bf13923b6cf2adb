package io.jenkins.plugins.tiers.render;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.ledger.PromotionFilter;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.model.TierKind;
import io.jenkins.plugins.tiers.progress.ChangeFailureRate;
import io.jenkins.plugins.tiers.progress.DeploymentFrequency;
import io.jenkins.plugins.tiers.progress.DurationStats;
import io.jenkins.plugins.tiers.progress.LiveCodeProgress;
import io.jenkins.plugins.tiers.progress.ProgressFigures;
import io.jenkins.plugins.tiers.progress.TierOrder;
import io.jenkins.plugins.tiers.progress.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link ProgressView} of one application from its ladder and ledger only: the cards
 * from the live state, the journeys from the newest candidates' events, and on request the lead
 * times and DORA figures from the progress package. Nothing else is read, so a
 * view costs the same whatever the length of the build history that produced the events.
 */
public final class LedgerProgressView {

    /** The window of the DORA figures when the view shows all history. */
    public static final Duration DEFAULT_METRICS_WINDOW = Duration.ofDays(90);

    private LedgerProgressView() {}

    /**
     * The view of the newest candidates that pass the filter.
     *
     * @param ladder the application's ladder, for tier order, names and kinds
     * @param ledger the application's ledger
     * @param filter the window and tier to show
     * @param maxCandidates how many recent candidates to read before filtering
     * @param now the right edge of the charts and the end of the window
     * @param zone the zone times are shown in
     * @param links how builds become links
     */
    public static ProgressView of(
            Ladder ladder,
            Ledger ledger,
            PromotionFilter filter,
            int maxCandidates,
            Instant now,
            ZoneId zone,
            LinkTemplate links) {
        return build(ladder, ledger, filter, maxCandidates, now, zone, links, false);
    }

    /**
     * As {@link #of}, with the lead-time points of the shown candidates and the DORA figures of
     * the filter's window (or of {@link #DEFAULT_METRICS_WINDOW} when it has none). The figures
     * read every event of the ledger, so only the promotion view asks for them, not the job page.
     */
    public static ProgressView withMetrics(
            Ladder ladder,
            Ledger ledger,
            PromotionFilter filter,
            int maxCandidates,
            Instant now,
            ZoneId zone,
            LinkTemplate links) {
        return build(ladder, ledger, filter, maxCandidates, now, zone, links, true);
    }

    private static ProgressView build(
            Ladder ladder,
            Ledger ledger,
            PromotionFilter filter,
            int maxCandidates,
            Instant now,
            ZoneId zone,
            LinkTemplate links,
            boolean metrics) {
        List<TierView> tiers =
                ladder.tiers().stream().map(LedgerProgressView::tierView).toList();
        LiveState live = ledger.liveState();
        List<TierCard> cards = new ArrayList<>();
        for (Tier tier : ladder.tiers()) {
            cards.add(card(live.tier(tier.id())));
        }
        List<CandidatePath> shown = filter.apply(ledger.lastCandidates(maxCandidates), now);
        List<Journey> journeys = shown.stream().map(LedgerProgressView::journey).toList();
        if (!metrics) {
            return new ProgressView(ladder.application(), tiers, cards, journeys, List.of(), null, links, now, zone);
        }
        String production = production(ladder);
        List<String> ids = ladder.tiers().stream().map(Tier::id).toList();
        List<LeadTimePoint> leadTimes = new ArrayList<>();
        for (CandidatePath path : shown) {
            leadTime(path, ids, production).ifPresent(leadTimes::add);
        }
        Window window = new Window(now.minus(filter.window() == null ? DEFAULT_METRICS_WINDOW : filter.window()), now);
        ProgressFigures figures =
                LiveCodeProgress.compute(ledger.events(), new TierOrder(ids, production), window, zone);
        return new ProgressView(
                ladder.application(), tiers, cards, journeys, leadTimes, dora(figures), links, now, zone);
    }

    /** The highest tier of kind production, or the top tier when none is. */
    static String production(Ladder ladder) {
        String production = ladder.tiers().get(ladder.tiers().size() - 1).id();
        for (Tier tier : ladder.tiers()) {
            if (tier.kind() == TierKind.PRODUCTION) {
                production = tier.id();
            }
        }
        return production;
    }

    /** From its newest change to live in production, split per tier entered; empty when unknown. */
    static Optional<LeadTimePoint> leadTime(CandidatePath path, List<String> tierIds, String production) {
        Optional<Instant> reached = path.reached(production);
        Instant changedAt = path.candidate().changedAt();
        if (reached.isEmpty() || changedAt == null || reached.get().isBefore(changedAt)) {
            return Optional.empty();
        }
        List<TierDuration> breakdown = new ArrayList<>();
        Instant previous = changedAt;
        for (String id : tierIds) {
            Optional<Instant> at = path.reached(id);
            if (at.isPresent() && !at.get().isBefore(previous)) {
                breakdown.add(new TierDuration(id, Duration.between(previous, at.get())));
                previous = at.get();
            }
            if (id.equals(production)) {
                break;
            }
        }
        return Optional.of(new LeadTimePoint(
                path.version(), reached.get(), Duration.between(changedAt, reached.get()), breakdown));
    }

    /** The four DORA figures of production, as the tiles show them. */
    static DoraFigures dora(ProgressFigures figures) {
        String production = figures.order().production();
        int deployments = 0;
        double perDay = 0;
        for (DeploymentFrequency f : figures.frequency()) {
            if (f.tier().equals(production)) {
                deployments = f.deployments();
                perDay = f.perDay();
            }
        }
        DurationStats lead = figures.leadTime().getOrDefault(production, DurationStats.EMPTY);
        DurationStats restore = figures.timeToRestore().getOrDefault(production, DurationStats.EMPTY);
        ChangeFailureRate cfr = figures.changeFailureRate();
        return new DoraFigures(
                figures.window().from(),
                figures.window().to(),
                deployments,
                perDay,
                lead.median(),
                cfr.failures(),
                cfr.deployments() == 0 ? null : cfr.rate(),
                restore.median());
    }

    static TierView tierView(Tier tier) {
        return new TierView(
                tier.id(), tier.displayName(), TierView.Kind.valueOf(tier.kind().name()), tier.url());
    }

    static TierCard card(TierState state) {
        LiveCandidate live = state.liveCandidate()
                .map(l -> new LiveCandidate(
                        l.candidate().version(),
                        l.since(),
                        l.deployedBy().isEmpty() ? null : l.deployedBy(),
                        l.candidate().origin()))
                .orElse(null);
        return new TierCard(state.tier(), live, state.waiting().size());
    }

    /** One candidate's events as the steps the chart and matrix draw; approvals join their tier's verdict. */
    static Journey journey(CandidatePath path) {
        String version = path.version();
        List<Step> steps = new ArrayList<>();
        List<Approval> pending = new ArrayList<>();
        String pendingTier = null;
        for (LedgerEvent e : path.events()) {
            boolean own = e.version().equals(version);
            if (e.type() == EventType.APPROVAL) {
                if (own && e.approval().given()) {
                    if (!e.tier().equals(pendingTier)) {
                        pending.clear();
                        pendingTier = e.tier();
                    }
                    pending.add(new Approval(e.approval().person(), e.time()));
                }
                continue;
            }
            Step step = step(e, own, e.tier().equals(pendingTier) ? pending : List.of());
            if (step != null) {
                steps.add(step);
                if (e.tier().equals(pendingTier) && e.type() == EventType.GATE_VERDICT) {
                    pending = new ArrayList<>();
                    pendingTier = null;
                }
            }
        }
        return new Journey(
                version,
                path.candidate().revision(),
                path.candidate().changedAt(),
                path.candidate().origin(),
                steps);
    }

    private static Step step(LedgerEvent e, boolean own, List<Approval> approvals) {
        return switch (e.type()) {
            case GATE_VERDICT -> verdictStep(e, approvals);
            case DEPLOYMENT_SUCCEEDED -> own ? Step.of(e.tier(), e.time(), StepKind.DEPLOYED) : null;
            case DEPLOYMENT_FAILED ->
                own ? new Step(e.tier(), e.time(), StepKind.FAILED, failure(e), List.of(), List.of(), null) : null;
            case ROLLED_BACK ->
                own
                        ? Step.of(e.tier(), e.time(), StepKind.DEPLOYED)
                        : new Step(
                                e.tier(),
                                e.time(),
                                StepKind.ROLLED_BACK,
                                "rolled back to " + e.version() + (e.actor().isEmpty() ? "" : " by " + e.actor()),
                                List.of(),
                                List.of(),
                                null);
            default -> null;
        };
    }

    private static Step verdictStep(LedgerEvent e, List<Approval> approvals) {
        Verdict verdict = e.verdict();
        StepKind kind =
                switch (verdict.status()) {
                    case PASSED -> StepKind.PASSED;
                    case WAITING -> StepKind.WAITING;
                    case BLOCKED -> StepKind.BLOCKED;
                };
        List<Finding> reasons = verdict.reasons();
        String reason = kind == StepKind.PASSED || reasons.isEmpty()
                ? null
                : reasons.get(0).message();
        List<String> evidence =
                verdict.findings().stream().map(Finding::message).toList();
        return new Step(e.tier(), e.time(), kind, reason, evidence, approvals, null);
    }

    private static String failure(LedgerEvent e) {
        if (e.reason() != null && !e.reason().isBlank()) {
            return e.reason();
        }
        return e.exitCode() == null ? "deployment failed" : "deployment failed with exit code " + e.exitCode();
    }
}
