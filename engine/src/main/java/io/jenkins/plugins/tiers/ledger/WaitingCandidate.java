package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.model.Candidate;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A candidate whose latest verdict at a gate is WAITING (approval, soak time, freeze window) and
 * that has not since passed, been blocked or been deployed there.
 *
 * @param candidate the candidate
 * @param since the time of its first WAITING verdict in this wait
 * @param seq the ledger position of its latest WAITING verdict
 * @param reasons the evidence lines of that verdict that wait
 */
public record WaitingCandidate(Candidate candidate, Instant since, long seq, List<String> reasons)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public WaitingCandidate {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(since, "since");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
