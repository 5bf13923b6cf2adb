package io.jenkins.plugins.tiers.gate;

import java.util.List;
import java.util.Optional;

/**
 * What a gate needs to know of the past: what is live where, what passed where, and the failures
 * to compare with. The ledger implements it from its events; {@link InMemoryHistory} serves tests
 * and the command line before a ledger exists. Implementations answer for one application.
 */
public interface PromotionHistory {

    /** The candidate live in a tier, if any. */
    Optional<LiveEntry> liveIn(String tier);

    /** Whether a verdict for this version and tier passed (whether or not it was deployed). */
    boolean hasPassed(String tier, String version);

    /**
     * The failures of the candidate live in {@code tier} as recorded when it passed, or else of the
     * last candidate that passed the gate of {@code tier}; empty when neither exists.
     */
    Optional<Baseline> baselineFor(String tier);

    /**
     * Lines of the history the implementation cannot account for (a corrupt or out-of-order ledger
     * line), each named with its file and line; any of them may be a refusal, so a gate blocks
     * while there is one. Empty by default.
     */
    default List<String> unaccountedLines() {
        return List.of();
    }

    /** A history in which nothing has happened yet. */
    static PromotionHistory empty() {
        return InMemoryHistory.builder().build();
    }
}
