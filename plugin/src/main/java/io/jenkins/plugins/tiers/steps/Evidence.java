package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.report.TestEvidence;
import java.io.IOException;
import java.util.Optional;

/**
 * Gathers the test evidence a gate decides on: the report files named by the step, read on the
 * agent holding the workspace, or else the results the run recorded with the junit plugin.
 * Nothing to read is never "0 tests passed": it is unreadable evidence, which blocks.
 */
final class Evidence {

    /**
     * File-system timestamps may be rounded down to the second (or two, on FAT); a report written
     * in the first moments of the run must not be taken for a stale one.
     */
    static final long TIMESTAMP_SLACK_MILLIS = 2_000;

    private Evidence() {}

    static GateEvidence collect(
            Run<?, ?> run, @CheckForNull FilePath workspace, @CheckForNull String tests, TaskListener listener)
            throws IOException, InterruptedException {
        String glob = Util.fixEmptyAndTrim(tests);
        if (glob != null) {
            if (workspace == null) {
                return GateEvidence.unreadable(Messages.Evidence_NoWorkspace(glob));
            }
            long runStart = run.getStartTimeInMillis();
            long newerThan = (runStart / 1000) * 1000 - TIMESTAMP_SLACK_MILLIS;
            GateEvidence evidence = workspace.act(new ReportEvidenceCallable(glob, newerThan));
            evidence.read().ifPresent(e -> listener.getLogger()
                    .println(Messages.Evidence_Read(
                            e.files().size(), glob, e.totals().tests())));
            return evidence;
        }
        Optional<TestEvidence> recorded = RecordedTestResults.of(run);
        if (recorded.isPresent()) {
            listener.getLogger()
                    .println(Messages.Evidence_Recorded(recorded.get().totals().tests()));
            return GateEvidence.of(recorded.get());
        }
        return GateEvidence.unreadable(
                RecordedTestResults.available() ? Messages.Evidence_NoneRecorded() : Messages.Evidence_NoneGiven());
    }
}
