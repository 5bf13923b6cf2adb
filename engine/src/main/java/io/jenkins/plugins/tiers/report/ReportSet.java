package io.jenkins.plugins.tiers.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The report files a {@link ReportGlob} found, relative to their base directory, with what was left
 * out and why (stale files), so that the evidence read from them can say so.
 *
 * @param base the directory the patterns were matched in
 * @param files matching files, relative to {@code base}, with {@code /} separators, sorted
 * @param warnings files skipped and why
 */
public record ReportSet(Path base, List<String> files, List<String> warnings) {
    public ReportSet {
        Objects.requireNonNull(base, "base");
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
