package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link FileLedger}'s history queries: answered from the projection's index of recent
 * candidates (where each one's first event starts in the log) by reading the log from the oldest
 * of them, or, for a candidate older than the index, by one pass over the whole log.
 */
final class IndexedHistory {

    /** A pass over every event of the ledger. */
    interface Scan {
        void scan(Consumer<LedgerEvent> consumer);
    }

    private final ReentrantLock lock;
    private final FollowedLog followed;
    private final Path log;
    private final LedgerCodec codec;
    private final Scan fullScan;
    private final Supplier<List<String>> tierOrder;

    IndexedHistory(
            ReentrantLock lock,
            FollowedLog followed,
            Path log,
            LedgerCodec codec,
            Scan fullScan,
            Supplier<List<String>> tierOrder) {
        this.lock = lock;
        this.followed = followed;
        this.log = log;
        this.codec = codec;
        this.fullScan = fullScan;
        this.tierOrder = tierOrder;
    }

    /** See {@link Ledger#lastCandidates}. */
    List<CandidatePath> lastCandidates(int count) {
        if (count <= 0) {
            return List.of();
        }
        lock.lock();
        try {
            followed.refresh();
            Projection projection = followed.projection();
            List<Projection.IndexEntry> entries = new ArrayList<>(projection.index.values());
            if (entries.size() >= count || projection.indexComplete) {
                List<Projection.IndexEntry> newest =
                        entries.subList(Math.max(0, entries.size() - count), entries.size());
                if (newest.stream().allMatch(e -> e.firstOffset() >= 0)) {
                    return collect(newest);
                }
                Set<String> versions = new HashSet<>();
                newest.forEach(e -> versions.add(e.version()));
                return fullScanCandidates(versions::contains, count, null);
            }
        } finally {
            lock.unlock();
        }
        return fullScanCandidates(version -> true, count, null);
    }

    /** See {@link Ledger#candidate}. */
    Optional<CandidatePath> candidate(String version) {
        lock.lock();
        try {
            followed.refresh();
            Projection projection = followed.projection();
            Projection.IndexEntry entry = projection.index.get(version);
            if (entry != null && entry.firstOffset() >= 0) {
                return collect(List.of(entry)).stream().findFirst();
            }
            if (entry == null && projection.indexComplete) {
                return Optional.empty();
            }
        } finally {
            lock.unlock();
        }
        return fullScanCandidates(version::equals, 1, null).stream().findFirst();
    }

    /** See {@link Ledger#search}. */
    List<CandidatePath> search(String text) {
        SearchText search = SearchText.of(text);
        if (search.isEmpty()) {
            return List.of();
        }
        lock.lock();
        try {
            followed.refresh();
            Projection projection = followed.projection();
            if (projection.indexComplete) {
                List<Projection.IndexEntry> hits = projection.index.values().stream()
                        .filter(e -> search.matches(e.version(), e.revision()))
                        .toList();
                return collect(hits);
            }
        } finally {
            lock.unlock();
        }
        return fullScanCandidates(null, Integer.MAX_VALUE, search);
    }

    /** Reads from the first event of the oldest entry to the end, keeping the entries' events. Lock held. */
    private List<CandidatePath> collect(List<Projection.IndexEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        long from = entries.stream()
                .mapToLong(Projection.IndexEntry::firstOffset)
                .min()
                .orElse(0);
        CandidateEvents gathered = new CandidateEvents();
        entries.stream()
                .sorted(Comparator.comparingLong(Projection.IndexEntry::lastSeq).reversed())
                .forEach(e -> gathered.want(e.version()));
        Projection projection = followed.projection();
        Set<Long> setAside = new HashSet<>();
        projection.unaccounted.forEach(u -> setAside.add(u.offset()));
        try {
            LogLines.read(log, from, followed.knownSize(), (offset, buf, start, length) -> {
                LedgerEvent event = setAside.contains(offset) ? null : LogScan.quietParse(codec, buf, start, length);
                if (event != null && !followed.foreign(event)) {
                    gathered.add(event);
                }
            });
        } catch (IOException e) {
            throw new LedgerException(log, "cannot read the ledger", e);
        }
        return gathered.paths(projection.tierOrder());
    }

    /**
     * The baseline path for candidates older than the index: one pass over the whole log, keeping
     * the versions {@code wanted} accepts when first seen, or else those {@code search} finds.
     */
    private List<CandidatePath> fullScanCandidates(Predicate<String> wanted, int count, SearchText search) {
        CandidateEvents gathered = new CandidateEvents();
        Set<String> rejected = new HashSet<>();
        fullScan.scan(event -> {
            String v = event.version();
            if (!gathered.wants(v) && !rejected.contains(v)) {
                boolean keep = wanted != null
                        ? wanted.test(v)
                        : search.matches(v, event.candidate().revision());
                if (keep) {
                    gathered.want(v);
                } else if (search == null) {
                    rejected.add(v);
                }
            }
            gathered.add(event);
        });
        return gathered.newest(count, tierOrder.get());
    }
}
