package io.jenkins.plugins.tiers.steps;

import hudson.model.Run;
import hudson.tasks.junit.CaseResult;
import hudson.tasks.junit.SuiteResult;
import hudson.tasks.junit.TestResult;
import hudson.tasks.junit.TestResultAction;
import io.jenkins.plugins.tiers.report.ReportFile;
import io.jenkins.plugins.tiers.report.SuiteSummary;
import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.report.TestFailure;
import io.jenkins.plugins.tiers.report.TestId;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Converts the junit plugin's recorded {@link TestResult} of a run into the engine's {@link
 * TestEvidence}. Only loaded when the junit plugin is installed (see {@link RecordedTestResults}).
 */
final class JUnitResultsEvidence {

    /** Detail kept per failure: the start of the stack trace is what explains it. */
    static final int MAX_DETAIL = 4_000;

    private JUnitResultsEvidence() {}

    static Optional<TestEvidence> read(Run<?, ?> run) {
        return read(run, suite -> true);
    }

    /**
     * What the run recorded inside the block {@code blockId} after {@link #recordedSoFar} returned
     * {@code before}: the suites of the {@code junit} calls made since (a canary step's checks),
     * told by the Pipeline node that recorded them. A suite recorded meanwhile by a parallel branch
     * outside the block, or outside Pipeline (no node), is never counted.
     */
    static Optional<TestEvidence> readNew(Run<?, ?> run, Set<String> before, FlowExecution execution, String blockId) {
        return read(
                        run,
                        suite -> suite.getNodeId() != null
                                && !before.contains(suite.getNodeId())
                                && within(execution, suite.getNodeId(), blockId))
                .filter(evidence -> !evidence.suites().isEmpty());
    }

    private static boolean within(FlowExecution execution, String nodeId, String blockId) {
        try {
            FlowNode node = execution.getNode(nodeId);
            return node != null
                    && node.getEnclosingBlocks().stream()
                            .anyMatch(b -> b.getId().equals(blockId));
        } catch (IOException e) {
            return false; // a node that cannot be read is not evidence
        }
    }

    /** The Pipeline nodes whose suites the run recorded so far. */
    static Set<String> recordedSoFar(Run<?, ?> run) {
        TestResultAction action = run.getAction(TestResultAction.class);
        Set<String> nodes = new HashSet<>();
        if (action != null) {
            for (SuiteResult suite : action.getResult().getSuites()) {
                if (suite.getNodeId() != null) {
                    nodes.add(suite.getNodeId());
                }
            }
        }
        return nodes;
    }

    private static Optional<TestEvidence> read(Run<?, ?> run, Predicate<SuiteResult> wanted) {
        TestResultAction action = run.getAction(TestResultAction.class);
        if (action == null) {
            return Optional.empty();
        }
        TestResult result = action.getResult();
        List<SuiteSummary> suites = new ArrayList<>();
        List<TestFailure> failures = new ArrayList<>();
        List<TestId> flaky = new ArrayList<>();
        TestTotals totals = TestTotals.EMPTY;
        for (SuiteResult suite : result.getSuites()) {
            if (!wanted.test(suite)) {
                continue;
            }
            int passed = 0;
            int failed = 0;
            int skipped = 0;
            int flakyCount = 0;
            for (CaseResult c : suite.getCases()) {
                TestId id = new TestId(c.getClassName(), c.getName());
                if (c.isSkipped()) {
                    skipped++;
                } else if (c.isFailed()) {
                    failed++;
                    failures.add(new TestFailure(
                            id, TestFailure.Kind.FAILURE, c.getErrorDetails(), truncate(c.getErrorStackTrace())));
                } else if (!c.getFlakyFailures().isEmpty()) {
                    flakyCount++;
                    flaky.add(id);
                } else {
                    passed++;
                }
            }
            TestTotals suiteTotals = new TestTotals(passed, failed, 0, skipped, flakyCount, suite.getDuration());
            suites.add(new SuiteSummary(suite.getName(), suiteTotals));
            totals = totals.plus(suiteTotals);
        }
        // The results were recorded by this run: their age is the run's.
        ReportFile source = new ReportFile(
                Messages.JUnitResultsEvidence_Source(run.getParent().getFullName(), String.valueOf(run.getNumber())),
                Instant.ofEpochMilli(run.getStartTimeInMillis()));
        return Optional.of(new TestEvidence(totals, suites, failures, flaky, List.of(source), List.of()));
    }

    private static String truncate(String text) {
        if (text == null || text.length() <= MAX_DETAIL) {
            return text;
        }
        return text.substring(0, MAX_DETAIL) + "…";
    }
}
