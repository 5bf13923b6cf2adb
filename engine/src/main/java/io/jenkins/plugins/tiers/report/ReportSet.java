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
 * @param incomplete what may hold reports that were not collected (a link not followed, a
 *     directory that could not be searched): evidence read from this set blocks a gate
 */
public record ReportSet(Path base, List<String> files, List<String> warnings, List<String> incomplete) {
    /** A set that collected everything that matched. */
    public ReportSet(Path base, List<String> files, List<String> warnings) {
        this(base, files, warnings, List.of());
    }

    public ReportSet {
        incomplete = List.copyOf(incomplete);
        Objects.requireNonNull(base, "base");
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
