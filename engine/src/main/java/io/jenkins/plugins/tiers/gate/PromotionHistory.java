package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.Candidate;
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

    /**
     * Whether the latest verdict for this version at this tier passed (whether or not it was
     * deployed). A pass followed by a blocked or waiting verdict no longer counts: what decides is
     * the gate's latest word, never "passed once".
     */
    boolean hasPassed(String tier, String version);

    /**
     * The failures of the candidate live in {@code tier} as recorded when it passed, or else of the
     * last candidate that passed the gate of {@code tier}; empty when neither exists.
     */
    Optional<Baseline> baselineFor(String tier);

    /**
     * The candidate this version label was first recorded as, with its source revision when
     * known; empty when the history has never seen the version. A request for the same label at
     * another revision is different code reusing the label, which the gate refuses.
     */
    Optional<Candidate> known(String version);

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
