package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.tiers.gate.GatePolicy;
import io.jenkins.plugins.tiers.model.DraftText;
import java.io.Serializable;

/**
 * The stricter rules a pipeline asks of a gate, as the step's optional arguments. Only the rules
 * named are set; the engine lays them over the configured gate as a tightening request, which it
 * refuses, with a blocked verdict naming the rule, if it would relax the configured policy:
 * editing a Jenkinsfile cannot bypass a gate. The text arguments are read by the engine's form
 * readers, so a mistake names the argument as the configuration form would.
 */
final class GateTightening implements Serializable {

    private static final long serialVersionUID = 1L;

    Integer minTests;
    Integer maxFailures;
    Double minPassRate;
    Integer maxSkipped;
    boolean noNewFailures;
    String requiredSuites;
    String maxReportAge;

    GateTightening copy() {
        GateTightening c = new GateTightening();
        c.minTests = minTests;
        c.maxFailures = maxFailures;
        c.minPassRate = minPassRate;
        c.maxSkipped = maxSkipped;
        c.noNewFailures = noNewFailures;
        c.requiredSuites = requiredSuites;
        c.maxReportAge = maxReportAge;
        return c;
    }

    boolean isEmpty() {
        return minTests == null
                && maxFailures == null
                && minPassRate == null
                && maxSkipped == null
                && !noNewFailures
                && requiredSuites == null
                && maxReportAge == null;
    }

    /**
     * These rules as a tightening request for the engine (only the rules named are set), or {@code
     * null} when the pipeline asks for nothing more.
     *
     * @throws IllegalArgumentException when a value is malformed (a duration, a negative count),
     *     naming the argument
     */
    @CheckForNull
    GatePolicy request() {
        if (isEmpty()) {
            return null;
        }
        GatePolicy.Builder b = GatePolicy.builder();
        if (minTests != null) {
            b.minTests(minTests);
        }
        if (maxFailures != null) {
            b.maxFailures(maxFailures);
        }
        if (minPassRate != null) {
            b.minPassRate(minPassRate);
        }
        if (maxSkipped != null) {
            b.maxSkipped(maxSkipped);
        }
        if (noNewFailures) {
            b.noNewFailures(true);
        }
        if (requiredSuites != null) {
            b.requiredSuites(DraftText.names("requiredSuites", requiredSuites));
        }
        if (maxReportAge != null) {
            b.maxReportAge(DraftText.duration("maxReportAge", maxReportAge));
        }
        return b.build();
    }
}
