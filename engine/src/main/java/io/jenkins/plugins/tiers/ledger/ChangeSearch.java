package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The change-centric view: for a commit, a version or an issue key that appears in version labels,
 * which tiers each matching candidate reached and when, in ladder order. "Has commit abc123
 * reached production, and since when?" is one line of its answer.
 */
public final class ChangeSearch {

    /** Longest search text accepted; longer text is cut, so a pasted log does not become a query. */
    public static final int MAX_QUERY = 200;

    /** Most candidates one search returns. */
    public static final int MAX_HITS = 50;

    private ChangeSearch() {}

    /**
     * One candidate that matched.
     *
     * @param version its version label
     * @param revision its source revision, or null
     * @param changedAt the time of its newest change, or null
     * @param reached the tiers it became live in, in ladder order, with when
     * @param furthest the highest tier it reached, or null when it reached none
     */
    public record Hit(String version, String revision, Instant changedAt, List<Reached> reached, String furthest) {
        public Hit {
            reached = List.copyOf(reached);
        }
    }

    /**
     * A tier a candidate reached.
     *
     * @param tier the tier id
     * @param displayName the tier's name as the ladder gives it
     * @param at when the candidate first became live there
     */
    public record Reached(String tier, String displayName, Instant at) {}

    /**
     * Searches the ledger; a blank query finds nothing.
     *
     * @param ledger the application's ledger
     * @param ladder the application's ladder, for tier order and names
     * @param query a revision prefix, or text contained in the version (ignoring case)
     */
    public static List<Hit> find(Ledger ledger, Ladder ladder, String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String text = query.trim();
        if (text.length() > MAX_QUERY) {
            text = text.substring(0, MAX_QUERY);
        }
        List<Hit> hits = new ArrayList<>();
        for (CandidatePath path : ledger.search(text)) {
            if (hits.size() == MAX_HITS) {
                break;
            }
            hits.add(hit(path, ladder));
        }
        return hits;
    }

    static Hit hit(CandidatePath path, Ladder ladder) {
        List<Reached> reached = new ArrayList<>();
        String furthest = null;
        for (Tier tier : ladder.tiers()) {
            Optional<Instant> at = path.reached(tier.id());
            if (at.isPresent()) {
                reached.add(new Reached(tier.id(), tier.displayName(), at.get()));
                furthest = tier.id();
            }
        }
        return new Hit(
                path.version(), path.candidate().revision(), path.candidate().changedAt(), reached, furthest);
    }
}
