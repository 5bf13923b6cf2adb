package io.jenkins.plugins.tiers.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a set of test reports says, small enough to cross from a Jenkins agent to the controller:
 * totals, per-suite counts, every failed or errored test, the flaky ones, the files read and
 * anything odd noticed while reading. Its size grows with failures and suites, never with the
 * number of passing tests.
 *
 * @param totals counts over all files
 * @param suites one entry per suite, in reading order
 * @param failures every failed or errored test
 * @param flaky every test that failed and then passed on a rerun
 * @param files the files read
 * @param warnings things a reader should know (attribute counts that disagree, skipped stale
 *     files, truncated details)
 * @param incomplete why this evidence may not hold every outcome (failures a suite declares but
 *     does not list, a report link not followed, a directory that could not be searched): a gate
 *     blocks while any is present
 * @param failuresLeftOut failed or errored tests counted in the totals but not kept by name, beyond
 *     the reader's bound; they cannot be compared with a baseline
 */
public record TestEvidence(
        TestTotals totals,
        List<SuiteSummary> suites,
        List<TestFailure> failures,
        List<TestId> flaky,
        List<ReportFile> files,
        List<String> warnings,
        List<String> incomplete,
        int failuresLeftOut)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Evidence that holds every outcome it read, with every failure named. */
    public TestEvidence(
            TestTotals totals,
            List<SuiteSummary> suites,
            List<TestFailure> failures,
            List<TestId> flaky,
            List<ReportFile> files,
            List<String> warnings) {
        this(totals, suites, failures, flaky, files, warnings, List.of(), 0);
    }

    public TestEvidence {
        incomplete = incomplete == null ? List.of() : List.copyOf(incomplete);
        if (failuresLeftOut < 0) {
            throw new IllegalArgumentException("failuresLeftOut must not be negative");
        }
        Objects.requireNonNull(totals, "totals");
        suites = List.copyOf(suites);
        failures = List.copyOf(failures);
        flaky = List.copyOf(flaky);
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** Whether every outcome was read and kept: nothing declared unlisted, nothing skipped, every failure named. */
    public boolean isComplete() {
        return incomplete.isEmpty() && failuresLeftOut == 0;
    }

    /** The oldest modification time among the files read, the one that decides staleness. */
    public Optional<Instant> oldestReport() {
        return files.stream()
                .map(ReportFile::lastModified)
                .filter(Objects::nonNull)
                .min(Instant::compareTo);
    }
}
