package io.jenkins.plugins.tiers.render;

import io.jenkins.plugins.tiers.model.BuildRef;
import java.time.Instant;
import java.util.Objects;

/**
 * The candidate live in one tier, as a tier card shows it.
 *
 * @param version its version label
 * @param since when its deployment into the tier succeeded
 * @param deployedBy who or what deployed it (user name or run), or {@code null} if unknown
 * @param build the build to link to, or {@code null} if unknown
 */
public record LiveCandidate(String version, Instant since, String deployedBy, BuildRef build) {

    public LiveCandidate {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(since, "since");
    }
}
