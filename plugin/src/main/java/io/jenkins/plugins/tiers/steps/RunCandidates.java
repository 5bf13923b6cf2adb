package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.Util;
import hudson.model.Run;
import hudson.scm.ChangeLogSet;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import java.time.Instant;
import jenkins.scm.RunWithSCM;

/**
 * Turns a run into the candidate it promotes: the version given to the step, else {@code
 * env.VERSION}, else the build's display name; the run as its origin; and the newest change of its
 * change sets as the start of its lead time.
 */
final class RunCandidates {

    private RunCandidates() {}

    static Candidate of(Run<?, ?> run, @CheckForNull String version, @CheckForNull EnvVars env) {
        String label = Util.fixEmptyAndTrim(version);
        if (label == null && env != null) {
            label = Util.fixEmptyAndTrim(env.get("VERSION"));
        }
        if (label == null) {
            label = run.getDisplayName();
        }
        String revision = null;
        Instant changedAt = null;
        long newest = Long.MIN_VALUE;
        if (run instanceof RunWithSCM<?, ?> withScm) {
            for (ChangeLogSet<? extends ChangeLogSet.Entry> set : withScm.getChangeSets()) {
                for (ChangeLogSet.Entry entry : set) {
                    long at = entry.getTimestamp();
                    if (at >= 0 && at > newest) {
                        newest = at;
                        changedAt = Instant.ofEpochMilli(at);
                        revision = entry.getCommitId();
                    }
                }
            }
        }
        return new Candidate(label, new BuildRef(run.getParent().getFullName(), run.getNumber()), revision, changedAt);
    }
}
