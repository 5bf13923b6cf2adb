package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.report.TestId;
import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * The failures a new candidate is compared with for "no new failures": those of the candidate live
 * in a tier when it passed that tier's gate, or else those of the last candidate that passed it.
 *
 * @param candidate whose failures these are
 * @param source whether it is live or merely the last to pass
 * @param tier the tier it is live in or passed
 * @param failures the tests that failed or errored in its evidence
 */
public record Baseline(Candidate candidate, Source source, String tier, Set<TestId> failures) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where a baseline comes from. */
    public enum Source {
        /** The candidate live in the tier. */
        LIVE,
        /** The last candidate that passed the tier's gate (nothing is live there). */
        LAST_PASSED
    }

    public Baseline {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tier, "tier");
        failures = Set.copyOf(failures);
    }

    /** For evidence lines: {@code 1.4.1 live in production}, {@code 1.4.0, the last to pass staging}. */
    public String describe() {
        return source == Source.LIVE
                ? candidate.version() + " live in " + tier
                : candidate.version() + ", the last to pass " + tier;
    }
}
