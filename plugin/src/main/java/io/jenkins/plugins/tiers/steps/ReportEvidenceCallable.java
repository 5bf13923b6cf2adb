package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.report.ReportException;
import io.jenkins.plugins.tiers.report.ReportGlob;
import io.jenkins.plugins.tiers.report.ReportSet;
import io.jenkins.plugins.tiers.report.TestReportReader;
import java.io.File;
import java.time.Instant;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads test reports where they are, on the agent that holds the workspace, with the engine's
 * streaming reader. Only the small {@link GateEvidence} travels back to the controller (its engine
 * classes are allowed through remoting by {@code META-INF/hudson.remoting.ClassFilter}). A report
 * that cannot be read becomes unreadable evidence, which blocks the gate and says why.
 */
final class ReportEvidenceCallable extends MasterToSlaveFileCallable<GateEvidence> {

    private static final long serialVersionUID = 1L;

    private final String glob;
    private final Long newerThan;

    /**
     * @param glob report patterns relative to the workspace, as in the {@code junit} step
     * @param newerThan when set, reports last written before this time (epoch millis) are stale and
     *     ignored with a warning; the steps pass the start of the run, so a report left by an
     *     earlier build never counts
     */
    ReportEvidenceCallable(String glob, @CheckForNull Long newerThan) {
        this.glob = glob;
        this.newerThan = newerThan;
    }

    @Override
    public GateEvidence invoke(File workspace, VirtualChannel channel) {
        try {
            ReportGlob patterns = ReportGlob.parse(glob);
            ReportSet reports =
                    patterns.collect(workspace.toPath(), newerThan == null ? null : Instant.ofEpochMilli(newerThan));
            return GateEvidence.of(new TestReportReader().read(reports));
        } catch (ReportException | IllegalArgumentException x) {
            return GateEvidence.unreadable(x.getMessage());
        }
    }
}
