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
import io.jenkins.plugins.tiers.gate.ApprovalDraft;
import io.jenkins.plugins.tiers.model.DraftChecks;
import java.util.Objects;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Who must approve a candidate before it enters a tier, as a form: how many distinct people,
 * which users or groups, whether the person who started the run counts, and how long to wait.
 */
public final class ApprovalConfig implements Describable<ApprovalConfig> {

    private final String required;
    private String users;
    private String groups;
    private boolean allowSelfApproval;
    private String timeout;

    @DataBoundConstructor
    public ApprovalConfig(String required) {
        this.required = Util.fixEmptyAndTrim(required);
    }

    /** How many distinct people must approve; blank means one. */
    @CheckForNull
    public String getRequired() {
        return required;
    }

    /** User ids allowed to approve, separated by commas or spaces. */
    @CheckForNull
    public String getUsers() {
        return users;
    }

    @DataBoundSetter
    public void setUsers(String users) {
        this.users = Util.fixEmptyAndTrim(users);
    }

    /** Groups whose members may approve, separated by commas or spaces. */
    @CheckForNull
    public String getGroups() {
        return groups;
    }

    @DataBoundSetter
    public void setGroups(String groups) {
        this.groups = Util.fixEmptyAndTrim(groups);
    }

    public boolean isAllowSelfApproval() {
        return allowSelfApproval;
    }

    @DataBoundSetter
    public void setAllowSelfApproval(boolean allowSelfApproval) {
        this.allowSelfApproval = allowSelfApproval;
    }

    /** How long the gate waits for the quorum ({@code 2d}); blank for no limit. */
    @CheckForNull
    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Util.fixEmptyAndTrim(timeout);
    }

    /** The approval rule as the engine reads it. */
    public ApprovalDraft toDraft() {
        return new ApprovalDraft(required, users, groups, allowSelfApproval, timeout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApprovalConfig other && toDraft().equals(other.toDraft());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toDraft());
    }

    /** Form validation of the approval rule, delegated to the engine. */
    @Extension
    @Symbol("approval")
    public static final class DescriptorImpl extends Descriptor<ApprovalConfig> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ApprovalConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckRequired(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.quorum(value));
        }

        @POST
        public FormValidation doCheckUsers(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.names(value));
        }

        @POST
        public FormValidation doCheckGroups(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.names(value));
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.duration(value));
        }
    }
}
