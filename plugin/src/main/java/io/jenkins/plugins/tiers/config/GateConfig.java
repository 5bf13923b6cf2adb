package io.jenkins.plugins.tiers.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.tiers.JenkinsFacade;
import io.jenkins.plugins.tiers.gate.GateDraft;
import io.jenkins.plugins.tiers.model.DraftChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A tier's gate as a form: every rule optional, blank meaning the engine's default. Numbers,
 * percentages and durations stay text here so that the engine reads and checks them the same way
 * as in {@code tiers.yaml}.
 */
public final class GateConfig implements Describable<GateConfig> {

    private String minTests;
    private String maxFailures;
    private String minPassRate;
    private String maxSkipped;
    private String maxSkippedPercent;
    private boolean noNewFailures;
    private String baseline;
    private String quarantine;
    private String requiredSuites;
    private String flaky;
    private String maxReportAge;
    private String soak;
    private ApprovalConfig approval;
    private List<FreezeConfig> freeze = new ArrayList<>();

    @DataBoundConstructor
    public GateConfig() {}

    @CheckForNull
    public String getMinTests() {
        return minTests;
    }

    @DataBoundSetter
    public void setMinTests(String minTests) {
        this.minTests = Util.fixEmptyAndTrim(minTests);
    }

    @CheckForNull
    public String getMaxFailures() {
        return maxFailures;
    }

    @DataBoundSetter
    public void setMaxFailures(String maxFailures) {
        this.maxFailures = Util.fixEmptyAndTrim(maxFailures);
    }

    @CheckForNull
    public String getMinPassRate() {
        return minPassRate;
    }

    @DataBoundSetter
    public void setMinPassRate(String minPassRate) {
        this.minPassRate = Util.fixEmptyAndTrim(minPassRate);
    }

    @CheckForNull
    public String getMaxSkipped() {
        return maxSkipped;
    }

    @DataBoundSetter
    public void setMaxSkipped(String maxSkipped) {
        this.maxSkipped = Util.fixEmptyAndTrim(maxSkipped);
    }

    @CheckForNull
    public String getMaxSkippedPercent() {
        return maxSkippedPercent;
    }

    @DataBoundSetter
    public void setMaxSkippedPercent(String maxSkippedPercent) {
        this.maxSkippedPercent = Util.fixEmptyAndTrim(maxSkippedPercent);
    }

    public boolean isNoNewFailures() {
        return noNewFailures;
    }

    @DataBoundSetter
    public void setNoNewFailures(boolean noNewFailures) {
        this.noNewFailures = noNewFailures;
    }

    /** The tier whose live candidate is compared with; blank for the target tier. */
    @CheckForNull
    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = Util.fixEmptyAndTrim(baseline);
    }

    /** Patterns of known-flaky tests, one a line. */
    @CheckForNull
    public String getQuarantine() {
        return quarantine;
    }

    @DataBoundSetter
    public void setQuarantine(String quarantine) {
        this.quarantine = Util.fixEmptyAndTrim(quarantine);
    }

    /** Patterns of suites that must have run, one a line. */
    @CheckForNull
    public String getRequiredSuites() {
        return requiredSuites;
    }

    @DataBoundSetter
    public void setRequiredSuites(String requiredSuites) {
        this.requiredSuites = Util.fixEmptyAndTrim(requiredSuites);
    }

    /** {@code ignore}, {@code fail} or {@code allow N}; blank means ignore. */
    @CheckForNull
    public String getFlaky() {
        return flaky;
    }

    @DataBoundSetter
    public void setFlaky(String flaky) {
        this.flaky = Util.fixEmptyAndTrim(flaky);
    }

    @CheckForNull
    public String getMaxReportAge() {
        return maxReportAge;
    }

    @DataBoundSetter
    public void setMaxReportAge(String maxReportAge) {
        this.maxReportAge = Util.fixEmptyAndTrim(maxReportAge);
    }

    @CheckForNull
    public String getSoak() {
        return soak;
    }

    @DataBoundSetter
    public void setSoak(String soak) {
        this.soak = Util.fixEmptyAndTrim(soak);
    }

    /** Who must approve, or null when no approval is needed. */
    @CheckForNull
    public ApprovalConfig getApproval() {
        return approval;
    }

    @DataBoundSetter
    public void setApproval(ApprovalConfig approval) {
        this.approval = approval;
    }

    public List<FreezeConfig> getFreeze() {
        return List.copyOf(freeze);
    }

    @DataBoundSetter
    public void setFreeze(List<FreezeConfig> freeze) {
        this.freeze = freeze == null ? new ArrayList<>() : new ArrayList<>(freeze);
    }

    /** Reads stored configuration that has no freeze windows element. */
    protected Object readResolve() {
        if (freeze == null) {
            freeze = new ArrayList<>();
        }
        return this;
    }

    /** The gate as the engine reads it; {@code toPolicy()} on the result checks every rule. */
    public GateDraft toDraft() {
        return new GateDraft(
                minTests,
                maxFailures,
                minPassRate,
                maxSkipped,
                maxSkippedPercent,
                noNewFailures,
                baseline,
                quarantine,
                requiredSuites,
                flaky,
                maxReportAge,
                soak,
                approval == null ? null : approval.toDraft(),
                freeze.stream().map(FreezeConfig::toDraft).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GateConfig other && toDraft().equals(other.toDraft());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toDraft());
    }

    /** Form validation of a gate's rules, delegated to the engine. */
    @Extension
    @Symbol("gate")
    public static final class DescriptorImpl extends Descriptor<GateConfig> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GateConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckMinTests(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.count(value));
        }

        @POST
        public FormValidation doCheckMaxFailures(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.count(value));
        }

        @POST
        public FormValidation doCheckMinPassRate(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.percent(value));
        }

        @POST
        public FormValidation doCheckMaxSkipped(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.count(value));
        }

        @POST
        public FormValidation doCheckMaxSkippedPercent(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.percent(value));
        }

        @POST
        public FormValidation doCheckBaseline(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.optionalTierId(value));
        }

        @POST
        public FormValidation doCheckQuarantine(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.patterns(value));
        }

        @POST
        public FormValidation doCheckRequiredSuites(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.patterns(value));
        }

        @POST
        public FormValidation doCheckFlaky(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.flaky(value));
        }

        @POST
        public FormValidation doCheckMaxReportAge(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.duration(value));
        }

        @POST
        public FormValidation doCheckSoak(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.duration(value));
        }
    }
}
