package io.jenkins.plugins.tiers.view;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.tiers.JenkinsFacade;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.ChangeSearch;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.ledger.PromotionFilter;
import io.jenkins.plugins.tiers.ledger.WaitingCandidate;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.render.DoraTilesRenderer;
import io.jenkins.plugins.tiers.render.FlowChartRenderer;
import io.jenkins.plugins.tiers.render.LeadTimeChartRenderer;
import io.jenkins.plugins.tiers.render.LinkTemplate;
import io.jenkins.plugins.tiers.render.ProgressView;
import io.jenkins.plugins.tiers.render.ProgressViewAssembler;
import io.jenkins.plugins.tiers.render.PromotionMatrixRenderer;
import io.jenkins.plugins.tiers.render.TierCardsRenderer;
import io.jenkins.plugins.tiers.render.TimeFormat;
import io.jenkins.plugins.tiers.render.ViewOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One rendering of the promotion view (or of the job page's box): the engine's HTML fragments for
 * the filters of the request, the waiting candidates for the approve and refuse buttons, and the
 * search answer. Built per request from the ledger; the fragments escape user text themselves.
 */
public final class PromotionPage {

    /** How many recent candidates are read from the ledger before the filters apply. */
    static final int CANDIDATES_READ = 200;

    /**
     * The period of the DORA figures when the view shows all history: the figures are rates over
     * a period, and one that began with the ledger would say little about how the team works now.
     */
    static final Duration ALL_HISTORY_DORA_WINDOW = Duration.ofDays(90);

    private final String problem;
    private final boolean unavailable;
    private final String filterProblem;
    private final String application;
    private final PromotionFilter filter;
    private final String query;
    private final List<String> tierIds;
    private final ProgressView view;
    private final List<WaitingRow> waiting;
    private final List<StrategyControl> strategies;
    private final List<ChangeSearch.Hit> hits;
    private final List<String> versions;
    private final TimeFormat time;

    private PromotionPage(Builder b) {
        problem = b.problem;
        unavailable = b.unavailable;
        filterProblem = b.filterProblem;
        application = b.application;
        filter = b.filter;
        query = b.query;
        tierIds = List.copyOf(b.tierIds);
        view = b.view;
        waiting = List.copyOf(b.waiting);
        strategies = List.copyOf(b.strategies);
        hits = List.copyOf(b.hits);
        versions = List.copyOf(b.versions);
        time = b.time;
    }

    /** A page that can only say what is wrong. */
    static PromotionPage problem(String problem) {
        Builder b = new Builder();
        b.problem = problem;
        return new PromotionPage(b);
    }

    /**
     * Reads the ledger for the request's filters. An unusable filter is explained and ignored.
     *
     * @param ladder the job's ladder, or empty when broken (then {@code problem} says why)
     */
    static PromotionPage of(
            Optional<ResolvedLadder> ladder,
            Function<ResolvedLadder, Ledger> ledgers,
            Clock clock,
            @CheckForNull String window,
            @CheckForNull String tier,
            @CheckForNull String query,
            @CheckForNull String problem) {
        if (ladder.isEmpty()) {
            return problem(problem);
        }
        try {
            return read(ladder.get(), ledgers, clock, window, tier, query);
        } catch (LedgerException e) {
            // the store cannot be reached (a database down): say so, and which, rather than fail the page
            Builder b = new Builder();
            b.problem = Messages.PromotionPage_LedgerUnavailable(e.getMessage());
            b.unavailable = true;
            return new PromotionPage(b);
        }
    }

    private static PromotionPage read(
            ResolvedLadder resolved,
            Function<ResolvedLadder, Ledger> ledgers,
            Clock clock,
            @CheckForNull String window,
            @CheckForNull String tier,
            @CheckForNull String query) {
        Ledger ledger = ledgers.apply(resolved);
        Builder b = new Builder();
        b.application = resolved.application();
        b.time = new TimeFormat(clock.getZone());
        b.tierIds = resolved.ladder().tiers().stream().map(Tier::id).toList();
        try {
            b.filter = PromotionFilter.parse(window, tier, b.tierIds);
        } catch (IllegalArgumentException e) {
            b.filterProblem = Messages.PromotionPage_BadFilter(e.getMessage());
            b.filter = PromotionFilter.NONE;
        }
        b.query = query == null ? "" : query.trim();
        LinkTemplate links = buildLinks(JenkinsFacade.contextPath());
        b.view = view(resolved, ledger, b.filter, clock, links);
        LiveState live = ledger.liveState();
        for (Tier t : resolved.ladder().tiers()) {
            StrategyControl.of(t, live.tier(t.id())).ifPresent(b.strategies::add);
            List<WaitingCandidate> atTier = live.tier(t.id()).waiting();
            for (int i = 0; i < atTier.size(); i++) {
                b.waiting.add(new WaitingRow(t, atTier.get(i), i, b.time));
            }
        }
        b.hits = ChangeSearch.find(ledger, resolved.ladder(), b.query);
        // The ledger gives the most recently active first; the list is newest first, as the matrix.
        ledger.lastCandidates(TiersJobAction.RECENT_CANDIDATES).stream()
                .sorted(Comparator.comparingLong(PromotionPage::firstSeq).reversed())
                .forEach(path -> b.versions.add(path.version()));
        return new PromotionPage(b);
    }

    private static long firstSeq(CandidatePath path) {
        return path.events().isEmpty() ? Long.MAX_VALUE : path.events().get(0).seq();
    }

    /**
     * The engine's view of the newest candidates: the window sets the period of the DORA figures
     * and which candidates are shown; the tier filter which tiers.
     */
    private static ProgressView view(
            ResolvedLadder resolved, Ledger ledger, PromotionFilter filter, Clock clock, LinkTemplate links) {
        ViewOptions options = ViewOptions.defaults(clock.getZone())
                .withCandidates(CANDIDATES_READ)
                .withLinks(links);
        options = options.withWindow(filter.window() != null ? filter.window() : ALL_HISTORY_DORA_WINDOW);
        if (filter.tier() != null) {
            options = options.withTiers(List.of(filter.tier()));
        }
        ProgressView view = new ProgressViewAssembler(clock).assemble(resolved.ladder(), ledger, options);
        return filter.window() == null ? view : view.activeSince(clock.instant().minus(filter.window()));
    }

    /** Links from chart markers to builds: absolute paths under the Jenkins context path. */
    static LinkTemplate buildLinks(String contextPath) {
        return new LinkTemplate(contextPath + "/{jobUrl}/{number}/");
    }

    /** Why nothing can be shown, or null. */
    @CheckForNull
    /** Whether the ledger could not be read at all: the page answers 503, as for any service down. */
    public boolean isUnavailable() {
        return unavailable;
    }

    public String getProblem() {
        return problem;
    }

    /** Why a filter of the request was ignored, or null. */
    @CheckForNull
    public String getFilterProblem() {
        return filterProblem;
    }

    public String getApplication() {
        return application;
    }

    /** The window shown, as the drop-down names it. */
    public String getWindow() {
        return filter == null ? "all" : filter.windowLabel();
    }

    /** The tier filter, or the empty string for all tiers. */
    public String getTier() {
        return filter == null || filter.tier() == null ? "" : filter.tier();
    }

    public String getQuery() {
        return query == null ? "" : query;
    }

    public List<String> getWindowChoices() {
        return PromotionFilter.WINDOWS;
    }

    public List<String> getTierIds() {
        return tierIds;
    }

    /** Tier cards (trusted HTML from the engine's renderer, which escapes user text). */
    public String getCardsHtml() {
        return view == null ? "" : new TierCardsRenderer().render(view);
    }

    /** The live-code flow chart (trusted SVG from the engine's renderer). */
    public String getChartHtml() {
        return view == null ? "" : new FlowChartRenderer().render(view);
    }

    /** Lead time and DORA tiles (trusted HTML from the engine's renderer). */
    public String getMetricsHtml() {
        return view == null ? "" : new LeadTimeChartRenderer().render(view) + new DoraTilesRenderer().render(view);
    }

    /** The promotion matrix with evidence (trusted HTML from the engine's renderer). */
    public String getMatrixHtml() {
        return view == null ? "" : new PromotionMatrixRenderer().render(view);
    }

    /** Candidates waiting at a gate, for the approve and refuse buttons. */
    public List<WaitingRow> getWaiting() {
        return waiting;
    }

    /** The blue-green and canary tiers, in ladder order, with the decisions their state allows. */
    public List<StrategyControl> getStrategies() {
        return strategies;
    }

    /** The change-centric search answer; empty without a query. */
    public List<SearchHit> getHits() {
        return hits.stream().map(hit -> new SearchHit(hit, time)).toList();
    }

    /** The versions of the recent candidates, newest first, for the audit export links. */
    public List<String> getVersions() {
        return versions;
    }

    /** A candidate waiting at one tier's gate. */
    public static final class WaitingRow {
        private final Tier tier;
        private final WaitingCandidate candidate;
        private final int index;
        private final TimeFormat time;

        WaitingRow(Tier tier, WaitingCandidate candidate, int index, TimeFormat time) {
            this.tier = tier;
            this.candidate = candidate;
            this.index = index;
            this.time = time;
        }

        public String getTierId() {
            return tier.id();
        }

        public String getTierName() {
            return tier.displayName();
        }

        public String getVersion() {
            return candidate.candidate().version();
        }

        public String getSince() {
            return time.shortTime(candidate.since());
        }

        public List<String> getReasons() {
            return candidate.reasons();
        }

        /** Its position among the candidates waiting at the same tier, for the form's name. */
        public int getIndex() {
            return index;
        }
    }

    /** One answer of the change-centric search, with Jelly-friendly getters. */
    public static final class SearchHit {
        private final ChangeSearch.Hit hit;
        private final TimeFormat time;

        SearchHit(ChangeSearch.Hit hit, TimeFormat time) {
            this.hit = hit;
            this.time = time;
        }

        public String getVersion() {
            return hit.version();
        }

        @CheckForNull
        public String getRevision() {
            return hit.revision();
        }

        /** The highest tier reached, or null when none. */
        @CheckForNull
        public String getFurthest() {
            return hit.furthest();
        }

        /** "Production since 20 Nov 10:00" lines, in ladder order. */
        public List<String> getReached() {
            List<String> lines = new ArrayList<>();
            for (ChangeSearch.Reached r : hit.reached()) {
                lines.add(Messages.PromotionPage_Reached(r.displayName(), time.shortTime(r.at())));
            }
            return lines;
        }
    }

    private static final class Builder {
        String problem;
        boolean unavailable;
        String filterProblem;
        String application;
        PromotionFilter filter;
        String query;
        List<String> tierIds = new ArrayList<>();
        ProgressView view;
        List<WaitingRow> waiting = new ArrayList<>();
        List<StrategyControl> strategies = new ArrayList<>();
        List<ChangeSearch.Hit> hits = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        TimeFormat time;
    }
}
