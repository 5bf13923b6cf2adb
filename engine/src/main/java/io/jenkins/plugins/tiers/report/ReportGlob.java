package io.jenkins.plugins.tiers.report;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Ant-style patterns as Jenkins users write them ({@code **}{@code /target/*-reports/TEST-*.xml},
 * several separated by commas), matched relative to a base directory. A pattern set that matches
 * nothing is an error, never "0 tests"; reports older than a given instant (left over from an
 * earlier build, a classic false pass) can be dropped, with a warning naming them.
 */
public final class ReportGlob {
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private final List<String> patterns;
    private final List<List<Pattern>> compiled;
    /** Whether patterns are kept under the base directory (the Jenkins workspace), or may point anywhere. */
    private final boolean confined;

    private ReportGlob(List<String> patterns) {
        this(patterns, true);
    }

    private ReportGlob(List<String> patterns, boolean confined) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("no report pattern given; expected for example **/TEST-*.xml");
        }
        this.patterns = List.copyOf(patterns);
        this.confined = confined;
        List<List<Pattern>> c = new ArrayList<>();
        for (String p : patterns) {
            c.add(confined ? compile(p) : compile(Anywhere.split(p).remainder()));
        }
        this.compiled = List.copyOf(c);
    }

    /**
     * Patterns separated by commas or white space, as in Jenkins' {@code junit} step.
     *
     * @throws IllegalArgumentException when there is none, or one is absolute or climbs with {@code ..}
     */
    public static ReportGlob parse(String patterns) {
        return of(List.of(patterns));
    }

    /** Patterns given one per entry; an entry may itself hold several separated by commas. */
    public static ReportGlob of(List<String> patterns) {
        return new ReportGlob(separated(patterns));
    }

    private static List<String> separated(List<String> patterns) {
        List<String> all = new ArrayList<>();
        for (String entry : patterns) {
            for (String p : SEPARATORS.split(entry.strip())) {
                if (!p.isEmpty()) {
                    all.add(p);
                }
            }
        }
        return all;
    }

    /**
     * Patterns that may be absolute or climb out of the base directory with {@code ..}
     * ({@code /home/me/reports/TEST-*.xml}, {@code ../other/target/**}{@code /TEST-*.xml}), for a
     * person's own command line. Only the part after the last directory without wildcards is a
     * pattern; what comes before is where it is matched. The Jenkins steps use the confining
     * {@link #of(List)} and {@link #parse(String)}, which keep every pattern inside the workspace.
     *
     * @throws IllegalArgumentException when there is no pattern, or {@code ..} follows a wildcard
     */
    public static ReportGlob anywhere(List<String> patterns) {
        return new ReportGlob(separated(patterns), false);
    }

    /** Whether every pattern stays inside the base directory. */
    public boolean confined() {
        return confined;
    }

    /** The individual patterns. */
    public List<String> patterns() {
        return patterns;
    }

    private static List<Pattern> compile(String pattern) {
        String p = pattern.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:/.*")) {
            throw new IllegalArgumentException(
                    "report pattern '" + pattern + "' is absolute; expected a path relative to the base directory");
        }
        if (p.endsWith("/")) {
            p = p + "**";
        }
        List<Pattern> segments = new ArrayList<>();
        for (String segment : p.split("/")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException(
                        "report pattern '" + pattern + "' climbs out of the base directory with '..'");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            segments.add(segment.equals("**") ? null : Pattern.compile(segmentRegex(segment)));
        }
        return segments;
    }

    private static String segmentRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : segment.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? "[^/]*" : "[^/]");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    /** Whether a relative path ({@code /}-separated) matches any of the patterns. */
    public boolean matches(String relativePath) {
        String[] path = relativePath.split("/");
        for (List<Pattern> pattern : compiled) {
            if (match(pattern, 0, path, 0, false)) {
                return true;
            }
        }
        return false;
    }

    private boolean couldMatchBelow(String[] directory) {
        for (List<Pattern> pattern : compiled) {
            if (match(pattern, 0, directory, 0, true)) {
                return true;
            }
        }
        return false;
    }

    /** Matches path segments; with {@code prefix}, whether something below the path could still match. */
    private static boolean match(List<Pattern> pattern, int p, String[] path, int s, boolean prefix) {
        while (true) {
            if (s == path.length) {
                if (prefix) {
                    return p < pattern.size();
                }
                for (int i = p; i < pattern.size(); i++) {
                    if (pattern.get(i) != null) {
                        return false;
                    }
                }
                return true;
            }
            if (p == pattern.size()) {
                return false;
            }
            Pattern segment = pattern.get(p);
            if (segment == null) {
                // ** matches zero segments, or one and stays
                return match(pattern, p + 1, path, s, prefix) || match(pattern, p, path, s + 1, prefix);
            }
            if (!segment.matcher(path[s]).matches()) {
                return false;
            }
            p++;
            s++;
        }
    }

    /** The matching files under {@code base}. */
    public ReportSet collect(Path base) throws ReportException {
        return collect(base, null);
    }

    /**
     * The matching regular files under {@code base}, not following symbolic links, sorted by path;
     * with {@code newerThan}, files last modified before it are dropped with a warning naming them.
     *
     * @throws ReportException when the base directory cannot be read, nothing matches, or every
     *     matching file is stale
     */
    public ReportSet collect(Path base, Instant newerThan) throws ReportException {
        if (!confined) {
            return Anywhere.collect(this, base, newerThan);
        }
        String what = String.join(",", patterns);
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            throw new ReportException(base.toString(), 0, 0, "the base directory for '" + what + "' does not exist");
        }
        TreeMap<String, Instant> found = new TreeMap<>();
        List<String> incomplete = new ArrayList<>();
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(base)) {
                        return FileVisitResult.CONTINUE;
                    }
                    return couldMatchBelow(segments(base, dir))
                            ? FileVisitResult.CONTINUE
                            : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String relative = String.join("/", segments(base, file));
                    if (!matches(relative)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isRegularFile()) {
                        found.put(relative, attrs.lastModifiedTime().toInstant());
                    } else if (attrs.isSymbolicLink()) {
                        incomplete.add(relative + " matches '" + what + "' but is a symbolic link, which is not"
                                + " followed; copy the report itself there");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String[] segments = segments(base, file);
                    if (matches(String.join("/", segments)) || couldMatchBelow(segments)) {
                        incomplete.add(String.join("/", segments) + " could hold reports matching '" + what
                                + "' but cannot be read: " + e);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ReportException(base.toString(), 0, 0, "cannot be searched for '" + what + "': " + e, e);
        }
        if (found.isEmpty()) {
            String why = incomplete.isEmpty() ? "" : " (" + String.join("; ", incomplete) + ")";
            throw new ReportException(
                    what, 0, 0, "matched no files under " + base + "; expected at least one test report" + why);
        }
        List<String> warnings = new ArrayList<>();
        List<String> files = fresh(what, found, newerThan, warnings);
        return new ReportSet(base, files, warnings, incomplete);
    }

    /**
     * The files of {@code found} (name to last-modified time) not older than {@code newerThan}
     * (all when it is null), adding a warning naming those left out.
     *
     * @throws ReportException when every file is older: stale evidence is no evidence
     */
    static List<String> fresh(String what, Map<String, Instant> found, Instant newerThan, List<String> warnings)
            throws ReportException {
        List<String> files = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        found.forEach(
                (file, modified) -> (newerThan != null && modified.isBefore(newerThan) ? stale : files).add(file));
        if (!stale.isEmpty()) {
            if (files.isEmpty()) {
                throw new ReportException(
                        what,
                        0,
                        0,
                        "all " + stale.size() + " matching files are older than " + newerThan
                                + " (left over from an earlier build?): " + String.join(", ", stale));
            }
            warnings.add(
                    "ignored " + stale.size() + " report(s) older than " + newerThan + ": " + String.join(", ", stale));
        }
        return files;
    }

    private static String[] segments(Path base, Path path) {
        Path relative = base.relativize(path);
        String[] segments = new String[relative.getNameCount()];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = relative.getName(i).toString();
        }
        return segments;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportGlob other && patterns.equals(other.patterns) && confined == other.confined;
    }

    @Override
    public int hashCode() {
        return Objects.hash(patterns, confined);
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
