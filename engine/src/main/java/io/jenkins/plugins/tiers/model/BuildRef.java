package io.jenkins.plugins.tiers.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * The build that produced a candidate, by job full name and build number, so the ledger can link
 * back to it without holding a reference to a Jenkins object.
 *
 * @param job the full name of the job (for example {@code shop/checkout/main}); never blank
 * @param number the build number, 1 or more
 */
public record BuildRef(String job, int number) implements Serializable {
    private static final long serialVersionUID = 1L;

    public BuildRef {
        Objects.requireNonNull(job, "job");
        if (job.isBlank()) {
            throw new IllegalArgumentException("build reference: job must not be blank");
        }
        if (number < 1) {
            throw new IllegalArgumentException("build reference: number must be 1 or more, was " + number);
        }
    }

    @Override
    public String toString() {
        return job + " #" + number;
    }
}
