package io.jenkins.plugins.tiers.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A report file that was read, with its modification time, so gates can refuse stale evidence.
 *
 * @param path the path as given or matched, relative to the base directory when there is one
 * @param lastModified when the file was last written; {@code null} for a stream with no time
 */
public record ReportFile(String path, Instant lastModified) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReportFile {
        Objects.requireNonNull(path, "path");
    }
}
