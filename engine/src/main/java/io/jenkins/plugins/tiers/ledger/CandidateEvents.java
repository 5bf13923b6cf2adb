package io.jenkins.plugins.tiers.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of chosen candidates, gathered from the ledger in order into their paths: each
 * candidate's own events and the rollbacks away from it. Every store answers its history queries
 * ({@link Ledger#lastCandidates}, {@link Ledger#candidate}, {@link Ledger#search}) through it, so
 * what belongs to a candidate's path is decided once.
 */
final class CandidateEvents {

    /** The wanted versions, in the order their paths are given, with their events so far. */
    private final Map<String, List<LedgerEvent>> byVersion = new LinkedHashMap<>();
    /** The sequence number of each wanted version's latest own event. */
    private final Map<String, Long> lastOwnSeq = new HashMap<>();

    /** Gathers the events of {@code version} too; wanted versions keep the order they were first wanted in. */
    void want(String version) {
        byVersion.putIfAbsent(version, new ArrayList<>());
    }

    /** Whether {@code version} is wanted. */
    boolean wants(String version) {
        return byVersion.containsKey(version);
    }

    /** Takes the next event of the ledger, if it belongs to a wanted candidate's path. */
    void add(LedgerEvent event) {
        List<LedgerEvent> own = byVersion.get(event.version());
        if (own != null) {
            own.add(event);
            lastOwnSeq.put(event.version(), event.seq());
        }
        String from = event.rolledBackFrom();
        if (from != null && !from.equals(event.version())) {
            List<LedgerEvent> rolledBackFrom = byVersion.get(from);
            if (rolledBackFrom != null) {
                rolledBackFrom.add(event);
            }
        }
    }

    /** The paths of the wanted versions that have events, in the order they were wanted. */
    List<CandidatePath> paths(List<String> tierOrder) {
        List<CandidatePath> paths = new ArrayList<>();
        byVersion.forEach((version, events) -> {
            if (!events.isEmpty()) {
                paths.add(CandidatePath.of(version, events, tierOrder));
            }
        });
        return paths;
    }

    /** The paths of the {@code count} wanted versions whose own latest event is newest, newest first. */
    List<CandidatePath> newest(int count, List<String> tierOrder) {
        return byVersion.entrySet().stream()
                .filter(e -> lastOwnSeq.containsKey(e.getKey()))
                .sorted(Comparator.comparing((Map.Entry<String, List<LedgerEvent>> e) -> lastOwnSeq.get(e.getKey()))
                        .reversed())
                .limit(count)
                .map(e -> CandidatePath.of(e.getKey(), e.getValue(), tierOrder))
                .toList();
    }
}
