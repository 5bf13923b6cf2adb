package io.jenkins.plugins.tiers.ledger;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The projection of the ledger that every page and gate needs: which candidate is live in each
 * tier and which wait at each gate. Kept up to date on append, so it costs the same for a ledger
 * of a thousand events as for one of a million.
 *
 * @param seq the last ledger position it reflects (0 for an empty ledger)
 * @param tiers one entry per tier seen in the ledger, in order of first appearance
 * @param skippedLines lines of the log that could not be read and were skipped
 */
public record LiveState(long seq, List<TierState> tiers, int skippedLines) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final LiveState EMPTY = new LiveState(0, List.of(), 0);

    public LiveState {
        tiers = List.copyOf(tiers);
    }

    /** The state of one tier; an empty one when the ledger never mentioned it. */
    public TierState tier(String id) {
        for (TierState t : tiers) {
            if (t.tier().equals(id)) {
                return t;
            }
        }
        return new TierState(id, null, List.of());
    }

    /** The candidate live in a tier, if any. */
    public Optional<LiveCandidate> live(String tier) {
        return tier(tier).liveCandidate();
    }

    /** The tier ids in order of first appearance in the ledger (the CLI's order without a ladder). */
    public List<String> tierIds() {
        return tiers.stream().map(TierState::tier).toList();
    }

    /** Live candidates by tier id, for quick lookups. */
    public Map<String, LiveCandidate> liveByTier() {
        Map<String, LiveCandidate> map = new LinkedHashMap<>();
        tiers.forEach(t -> t.liveCandidate().ifPresent(l -> map.put(t.tier(), l)));
        return map;
    }
}
