package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.report.TestId;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A promotion history held in memory, built by stating what is live and what passed. Immutable
 * once built; used by tests and by the command line until a ledger is available.
 */
public final class InMemoryHistory implements PromotionHistory {

    private final Map<String, LiveEntry> live;
    private final Set<String> passed;
    private final Map<String, Map<String, Set<TestId>>> failuresWhenPassed;
    private final Map<String, Candidate> lastPassed;
    private final Map<String, Candidate> known;

    private InMemoryHistory(Builder b) {
        live = Map.copyOf(b.live);
        passed = Set.copyOf(b.passed);
        Map<String, Map<String, Set<TestId>>> copy = new HashMap<>();
        b.failuresWhenPassed.forEach((tier, byVersion) -> copy.put(tier, Map.copyOf(byVersion)));
        failuresWhenPassed = Map.copyOf(copy);
        lastPassed = Map.copyOf(b.lastPassed);
        known = Map.copyOf(b.known);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<LiveEntry> liveIn(String tier) {
        return Optional.ofNullable(live.get(tier));
    }

    @Override
    public boolean hasPassed(String tier, String version) {
        return passed.contains(key(tier, version));
    }

    @Override
    public Optional<Baseline> baselineFor(String tier) {
        LiveEntry entry = live.get(tier);
        Map<String, Set<TestId>> byVersion = failuresWhenPassed.getOrDefault(tier, Map.of());
        if (entry != null && byVersion.containsKey(entry.candidate().version())) {
            return Optional.of(new Baseline(
                    entry.candidate(),
                    Baseline.Source.LIVE,
                    tier,
                    byVersion.get(entry.candidate().version())));
        }
        Candidate last = lastPassed.get(tier);
        if (last != null) {
            return Optional.of(new Baseline(last, Baseline.Source.LAST_PASSED, tier, byVersion.get(last.version())));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Candidate> known(String version) {
        return Optional.ofNullable(known.get(version));
    }

    private static String key(String tier, String version) {
        return tier + '\u0000' + version;
    }

    /** States the past, in order: later calls are later events. */
    public static final class Builder {
        private final Map<String, LiveEntry> live = new HashMap<>();
        private final Set<String> passed = new HashSet<>();
        private final Map<String, Map<String, Set<TestId>>> failuresWhenPassed = new HashMap<>();
        private final Map<String, Candidate> lastPassed = new HashMap<>();
        private final Map<String, Candidate> known = new HashMap<>();

        private Builder() {}

        /** The first record of a version wins, as in a ledger: a later one cannot change its revision. */
        private void seen(Candidate candidate) {
            known.putIfAbsent(candidate.version(), candidate);
        }

        /** {@code candidate} passed the gate of {@code tier} with these failures. */
        public Builder passed(String tier, Candidate candidate, Set<TestId> failures) {
            passed.add(key(tier, candidate.version()));
            failuresWhenPassed
                    .computeIfAbsent(tier, t -> new HashMap<>())
                    .put(candidate.version(), Set.copyOf(failures));
            lastPassed.put(tier, candidate);
            seen(candidate);
            return this;
        }

        /** {@code candidate} became live in {@code tier} at {@code since}, deployed by {@code by}. */
        public Builder live(String tier, Candidate candidate, Instant since, String by) {
            live.put(tier, new LiveEntry(candidate, since, by));
            seen(candidate);
            return this;
        }

        public InMemoryHistory build() {
            return new InMemoryHistory(this);
        }
    }
}
