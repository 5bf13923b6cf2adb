package io.jenkins.plugins.tiers.steps;

import hudson.PluginWrapper;
import hudson.model.Run;
import io.jenkins.plugins.tiers.report.TestEvidence;
import java.util.Optional;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

/**
 * The test results a run already recorded with the junit plugin's {@code junit} step, used as gate
 * evidence when a step names no report files. The junit plugin is an optional dependency: its
 * classes are touched only through {@link JUnitResultsEvidence}, which is loaded only when the
 * plugin is installed.
 */
final class RecordedTestResults {

    private RecordedTestResults() {}

    /** Whether the junit plugin is installed and active (a disabled plugin's classes cannot be loaded). */
    static boolean available() {
        PluginWrapper junit = Jenkins.get().getPluginManager().getPlugin("junit");
        return junit != null && junit.isActive();
    }

    /** The run's recorded results, or empty when the plugin is absent or nothing was recorded. */
    static Optional<TestEvidence> of(Run<?, ?> run) {
        if (!available()) {
            return Optional.empty();
        }
        return JUnitResultsEvidence.read(run);
    }

    /** The Pipeline nodes whose results the run recorded so far; empty without the junit plugin. */
    static Set<String> recordedSoFar(Run<?, ?> run) {
        return available() ? JUnitResultsEvidence.recordedSoFar(run) : Set.of();
    }

    /**
     * The results recorded inside the block {@code blockId} since {@link #recordedSoFar} gave
     * {@code before}, or empty when none were.
     */
    static Optional<TestEvidence> recordedSince(
            Run<?, ?> run, Set<String> before, FlowExecution execution, String blockId) {
        return available() ? JUnitResultsEvidence.readNew(run, before, execution, blockId) : Optional.empty();
    }
}
