package io.jenkins.plugins.tiers.view;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.TierStep;
import io.jenkins.plugins.tiers.model.BuildRef;
import java.time.Instant;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One recent candidate and how far it got at each tier, for the REST API. Read from the ledger
 * only: the build that produced it is named, never loaded.
 */
@ExportedBean(defaultVisibility = 2)
public final class CandidateSummary {

    private final CandidatePath path;

    CandidateSummary(CandidatePath path) {
        this.path = path;
    }

    @Exported
    public String getVersion() {
        return path.version();
    }

    @CheckForNull
    @Exported
    public String getRevision() {
        return path.candidate().revision();
    }

    /** When its newest change was made (ISO-8601), or null if unknown. */
    @CheckForNull
    @Exported
    public String getChangedAt() {
        return text(path.candidate().changedAt());
    }

    /** The full name of the job whose build produced it, or null if unknown. */
    @CheckForNull
    @Exported
    public String getOriginJob() {
        return path.candidate().originBuild().map(BuildRef::job).orElse(null);
    }

    /** The number of that build, or 0 if unknown. */
    @Exported
    public int getOriginBuild() {
        return path.candidate().originBuild().map(BuildRef::number).orElse(0);
    }

    @Exported(inline = true)
    public List<StepSummary> getTiers() {
        return path.tiers().stream().map(StepSummary::new).toList();
    }

    @CheckForNull
    static String text(@CheckForNull Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** How the candidate did at one tier: its latest verdict and deployment, and when it went live. */
    @ExportedBean(defaultVisibility = 3)
    public static final class StepSummary {
        private final TierStep step;

        StepSummary(TierStep step) {
            this.step = step;
        }

        @Exported
        public String getTier() {
            return step.tier();
        }

        /** PASSED, BLOCKED or WAITING, or null when the gate never ran. */
        @CheckForNull
        @Exported
        public String getVerdict() {
            return step.verdict() == null ? null : step.verdict().name();
        }

        @CheckForNull
        @Exported
        public String getVerdictAt() {
            return text(step.verdictAt());
        }

        /** STARTED, SUCCEEDED, FAILED, ROLLED_BACK_TO or ROLLED_BACK_FROM, or null. */
        @CheckForNull
        @Exported
        public String getDeployment() {
            return step.deployment() == null ? null : step.deployment().name();
        }

        @CheckForNull
        @Exported
        public String getLiveAt() {
            return text(step.liveAt());
        }
    }
}
