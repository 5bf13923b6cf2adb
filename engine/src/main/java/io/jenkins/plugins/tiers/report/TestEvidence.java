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
 */
public record TestEvidence(
        TestTotals totals,
        List<SuiteSummary> suites,
        List<TestFailure> failures,
        List<TestId> flaky,
        List<ReportFile> files,
        List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TestEvidence {
        Objects.requireNonNull(totals, "totals");
        suites = List.copyOf(suites);
        failures = List.copyOf(failures);
        flaky = List.copyOf(flaky);
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** The oldest modification time among the files read, the one that decides staleness. */
    public Optional<Instant> oldestReport() {
        return files.stream()
                .map(ReportFile::lastModified)
                .filter(Objects::nonNull)
                .min(Instant::compareTo);
    }
}
