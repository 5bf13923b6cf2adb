package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.Candidate;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The candidate live in a tier, since when and who deployed it: what the gate compares a new
 * candidate with, and what soak time is measured from.
 *
 * @param candidate the live candidate
 * @param since when its deployment succeeded
 * @param deployedBy the user or run that deployed it, possibly empty
 */
public record LiveEntry(Candidate candidate, Instant since, String deployedBy) implements Serializable {
    private static final long serialVersionUID = 1L;

    public LiveEntry {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(since, "since");
        deployedBy = deployedBy == null ? "" : deployedBy;
    }
}
