package io.jenkins.plugins.tiers.ledger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a compaction keeps, the same in every store: the events of every candidate live or waiting
 * in some tier and of the newest candidates, plus the last event (so the sequence goes on from
 * where it was). Sequence numbers are never rewritten.
 */
final class Retention {

    private Retention() {}

    /**
     * {@code keepCandidates}, checked before a store takes any lock for a compaction.
     *
     * @throws IllegalArgumentException when it is negative
     */
    static int checked(int keepCandidates) {
        if (keepCandidates < 0) {
            throw new IllegalArgumentException("keepCandidates must not be negative");
        }
        return keepCandidates;
    }

    /**
     * Whether a compaction keeps {@code event}: one of a kept version, or the last event of the
     * ledger (sequence number {@code lastSeq}).
     */
    static boolean keeps(LedgerEvent event, Set<String> keptVersions, long lastSeq) {
        return keptVersions.contains(event.version()) || event.seq() == lastSeq;
    }

    /**
     * The versions whose events a compaction keeps.
     *
     * @param live the live state before compaction
     * @param byFirstAppearance every version of the ledger, in order of its first event
     * @param keepCandidates how many of the newest versions to keep besides the live and waiting ones
     */
    static Set<String> keptVersions(LiveState live, List<String> byFirstAppearance, int keepCandidates) {
        checked(keepCandidates);
        Set<String> keep = new HashSet<>();
        for (TierState t : live.tiers()) {
            t.liveCandidate().ifPresent(l -> keep.add(l.candidate().version()));
            t.waiting().forEach(w -> keep.add(w.candidate().version()));
        }
        int size = byFirstAppearance.size();
        keep.addAll(byFirstAppearance.subList(Math.max(0, size - keepCandidates), size));
        return keep;
    }
}
