package io.jenkins.plugins.tiers.report;

import java.io.Serializable;
import java.util.Objects;

/**
 * The counts of one test suite, so gates can require that a suite ran (for example {@code
 * *IntegrationTest}) and views can show where failures are.
 *
 * @param name the suite name as the report gives it
 * @param totals its counts
 */
public record SuiteSummary(String name, TestTotals totals) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SuiteSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(totals, "totals");
    }
}
