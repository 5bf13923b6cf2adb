package io.jenkins.plugins.tiers.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployable version travelling up the ladder. Its identity is the version label: two
 * candidates with the same version are the same candidate, whichever build recorded them; a
 * label reused for another source revision is different code, which the gate refuses.
 *
 * @param version the version label users see ({@code 1.4.2}); 1 to 2,000 characters, no control
 *     characters
 * @param origin the build that produced it, if known
 * @param revision the source revision (commit id), if known
 * @param changedAt the time of its newest change (commit time), the start of its lead time, if
 *     known
 */
public record Candidate(String version, BuildRef origin, String revision, Instant changedAt) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Longest accepted version label. */
    public static final int MAX_VERSION_LENGTH = 2000;

    public Candidate {
        version = checkVersion(version);
        revision = revision == null || revision.isBlank() ? null : revision.trim();
    }

    /** A candidate known by its version only. */
    public static Candidate of(String version) {
        return new Candidate(version, null, null, null);
    }

    /**
     * Validates a version label.
     *
     * @return the label, trimmed
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static String checkVersion(String version) {
        Objects.requireNonNull(version, "version");
        String trimmed = version.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("candidate version must not be blank");
        }
        if (trimmed.length() > MAX_VERSION_LENGTH) {
            throw new IllegalArgumentException("candidate version is " + trimmed.length() + " characters long; at most "
                    + MAX_VERSION_LENGTH + " are allowed");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isISOControl(trimmed.charAt(i))) {
                throw new IllegalArgumentException(
                        "candidate version contains a control character at position " + (i + 1));
            }
        }
        return trimmed;
    }

    public Optional<BuildRef> originBuild() {
        return Optional.ofNullable(origin);
    }

    public Optional<String> sourceRevision() {
        return Optional.ofNullable(revision);
    }

    public Optional<Instant> newestChange() {
        return Optional.ofNullable(changedAt);
    }
}
