package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.model.Candidate;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The candidate live in one tier: since when, who put it there, and the test evidence of the
 * verdict that let it in, which is the baseline for "no new failures against what is live".
 *
 * @param candidate the candidate
 * @param since when its deployment succeeded (or the rollback to it)
 * @param deployedBy the actor of that event
 * @param seq the ledger position of that event
 * @param rollback true when it became live through a rollback
 * @param admittedWith the evidence recorded with the passed verdict that let it in, if any was
 */
public record LiveCandidate(
        Candidate candidate, Instant since, String deployedBy, long seq, boolean rollback, EvidenceSummary admittedWith)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public LiveCandidate {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(since, "since");
    }

    public Optional<EvidenceSummary> evidence() {
        return Optional.ofNullable(admittedWith);
    }
}
