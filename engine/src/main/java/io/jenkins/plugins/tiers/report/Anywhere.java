package io.jenkins.plugins.tiers.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matching of patterns that may point outside the base directory: each pattern is split into the
 * directory it names literally ({@code /home/me/reports}, {@code ../other}) and the confined
 * pattern matched there, and the files found are named by that directory as written, so the
 * evidence says where they came from.
 */
final class Anywhere {

    private Anywhere() {}

    /**
     * One pattern split at its last literal directory.
     *
     * @param root the literal directory part as written, {@code /}-separated, possibly empty
     * @param remainder the pattern to match under it, never empty
     */
    record Split(String root, String remainder) {}

    static Split split(String pattern) {
        String p = pattern.replace('\\', '/');
        if (p.endsWith("/")) {
            p = p + "**";
        }
        int start = 0;
        if (p.startsWith("/")) {
            start = 1;
        } else if (p.matches("^[A-Za-z]:/.*")) {
            start = 3;
        }
        List<String> segments = List.of(p.substring(start).split("/"));
        int literal = 0;
        // the last segment is always the pattern's own, even when it names one file
        while (literal < segments.size() - 1 && !wild(segments.get(literal))) {
            literal++;
        }
        String root = p.substring(0, start) + String.join("/", segments.subList(0, literal));
        String remainder = String.join("/", segments.subList(literal, segments.size()));
        if (remainder.isEmpty()) {
            throw new IllegalArgumentException("report pattern '" + pattern + "' names a directory, not files");
        }
        for (String segment : segments.subList(literal, segments.size())) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException(
                        "report pattern '" + pattern + "' climbs with '..' after a wildcard; put '..' before it");
            }
        }
        return new Split(root, remainder);
    }

    private static boolean wild(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
    }

    static ReportSet collect(ReportGlob glob, Path base, Instant newerThan) throws ReportException {
        String what = String.join(",", glob.patterns());
        Map<String, List<String>> byRoot = new LinkedHashMap<>();
        Map<String, List<String>> asWritten = new LinkedHashMap<>();
        for (String pattern : glob.patterns()) {
            Split s = split(pattern);
            byRoot.computeIfAbsent(s.root(), r -> new ArrayList<>()).add(s.remainder());
            asWritten.computeIfAbsent(s.root(), r -> new ArrayList<>()).add(pattern);
        }
        TreeMap<String, Instant> found = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        ReportException missing = null;
        for (Map.Entry<String, List<String>> entry : byRoot.entrySet()) {
            String root = entry.getKey();
            Path directory = root.isEmpty() ? base : base.resolve(root).normalize();
            String written = String.join(",", asWritten.get(root));
            ReportSet matched;
            try {
                if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ReportException(
                            written, 0, 0, "matched no files under " + base + " (no directory " + directory + ")");
                }
                matched = ReportGlob.of(entry.getValue()).collect(directory);
            } catch (ReportException e) {
                // A pattern set matching nothing anywhere is the error; one place matching nothing is
                // not, but it is said, with the patterns as written.
                ReportException named = e.file().equals(written)
                        ? e
                        : new ReportException(written, e.line(), e.column(), e.problem(), e);
                warnings.add(named.getMessage());
                missing = missing == null ? named : missing;
                continue;
            }
            warnings.addAll(matched.warnings());
            for (String why : matched.incomplete()) {
                incomplete.add(named(root, why)); // a link not followed there blocks as it does in the workspace
            }
            for (String file : matched.files()) {
                String name = named(root, file);
                found.put(name, modified(directory.resolve(file), name));
            }
        }
        if (found.isEmpty()) {
            throw missing != null
                    ? missing
                    : new ReportException(
                            what, 0, 0, "matched no files under " + base + "; expected at least one test report");
        }
        List<String> files = ReportGlob.fresh(what, found, newerThan, warnings);
        return new ReportSet(base, files, warnings, incomplete);
    }

    /** A path found under {@code root}, named by the root as written. */
    private static String named(String root, String relative) {
        return root.isEmpty() ? relative : root.endsWith("/") ? root + relative : root + "/" + relative;
    }

    private static Instant modified(Path file, String name) throws ReportException {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            throw new ReportException(name, 0, 0, "cannot be read: " + e.getMessage(), e);
        }
    }
}
