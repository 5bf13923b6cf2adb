package io.jenkins.plugins.tiers.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.tiers.JenkinsFacade;
import io.jenkins.plugins.tiers.model.DraftChecks;
import io.jenkins.plugins.tiers.model.TierDraft;
import io.jenkins.plugins.tiers.model.TierKind;
import java.util.Collections;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One tier as a form, Pipeline map and Configuration as Code entry: text fields only, converted
 * to the engine's {@code Tier} (and checked there) by {@link #toDraft()}. The credentials are kept
 * as an id, never as a secret.
 */
public final class TierConfig implements Describable<TierConfig> {

    private final String id;
    private String displayName;
    private String kind;
    private String url;
    private String credentialsId;
    private String strategy;
    private String canarySteps;
    private String switchMode;
    private String previewUrl;
    private String canaryPause;
    private String canaryApproveAt;
    private boolean skippable;
    private GateConfig gate;

    @DataBoundConstructor
    public TierConfig(String id) {
        this.id = Util.fixEmptyAndTrim(id);
    }

    public String getId() {
        return id;
    }

    @CheckForNull
    public String getDisplayName() {
        return displayName;
    }

    @DataBoundSetter
    public void setDisplayName(String displayName) {
        this.displayName = Util.fixEmptyAndTrim(displayName);
    }

    /** The kind's label ({@code production}); blank means {@code other}. */
    @CheckForNull
    public String getKind() {
        return kind;
    }

    @DataBoundSetter
    public void setKind(String kind) {
        this.kind = Util.fixEmptyAndTrim(kind);
    }

    @CheckForNull
    public String getUrl() {
        return url;
    }

    @DataBoundSetter
    public void setUrl(String url) {
        this.url = Util.fixEmptyAndTrim(url);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** {@code direct}, {@code blue-green} or {@code canary}; blank means direct. */
    @CheckForNull
    public String getStrategy() {
        return strategy;
    }

    @DataBoundSetter
    public void setStrategy(String strategy) {
        this.strategy = Util.fixEmptyAndTrim(strategy);
    }

    /** For a canary, the traffic percentages in order ({@code 10, 50, 100}). */
    @CheckForNull
    public String getCanarySteps() {
        return canarySteps;
    }

    @DataBoundSetter
    public void setCanarySteps(String canarySteps) {
        this.canarySteps = Util.fixEmptyAndTrim(canarySteps);
    }

    /** For blue-green, {@code auto} or {@code manual}; blank means manual. */
    @CheckForNull
    public String getSwitchMode() {
        return switchMode;
    }

    @DataBoundSetter
    public void setSwitchMode(String switchMode) {
        this.switchMode = Util.fixEmptyAndTrim(switchMode);
    }

    /** For blue-green, where the idle slot can be seen before the switch. */
    @CheckForNull
    public String getPreviewUrl() {
        return previewUrl;
    }

    @DataBoundSetter
    public void setPreviewUrl(String previewUrl) {
        this.previewUrl = Util.fixEmptyAndTrim(previewUrl);
    }

    /** For a canary, how long each step holds its weight before its check ({@code 10m} or {@code 10m, 30m}). */
    @CheckForNull
    public String getCanaryPause() {
        return canaryPause;
    }

    @DataBoundSetter
    public void setCanaryPause(String canaryPause) {
        this.canaryPause = Util.fixEmptyAndTrim(canaryPause);
    }

    /** For a canary, the weight of the step past which it goes on only once approved ({@code 50}). */
    @CheckForNull
    public String getCanaryApproveAt() {
        return canaryApproveAt;
    }

    @DataBoundSetter
    public void setCanaryApproveAt(String canaryApproveAt) {
        this.canaryApproveAt = Util.fixEmptyAndTrim(canaryApproveAt);
    }

    public boolean isSkippable() {
        return skippable;
    }

    @DataBoundSetter
    public void setSkippable(boolean skippable) {
        this.skippable = skippable;
    }

    /** The gate, or null for the default one (at least one test, no failure). */
    @CheckForNull
    public GateConfig getGate() {
        return gate;
    }

    @DataBoundSetter
    public void setGate(GateConfig gate) {
        this.gate = gate;
    }

    /** The tier as the engine reads it; {@code toTier()} on the result checks every field. */
    public TierDraft toDraft() {
        return new TierDraft(
                id,
                displayName,
                kind,
                url,
                credentialsId,
                strategy,
                canarySteps,
                skippable,
                gate == null ? null : gate.toDraft(),
                switchMode,
                previewUrl,
                canaryPause,
                canaryApproveAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TierConfig other && toDraft().equals(other.toDraft());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toDraft());
    }

    /** Form validation and drop-down lists of a tier's fields. */
    @Extension
    @Symbol("tier")
    public static final class DescriptorImpl extends Descriptor<TierConfig> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TierConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckId(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.tierId(value));
        }

        @POST
        public FormValidation doCheckDisplayName(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.text(value));
        }

        @POST
        public FormValidation doCheckUrl(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.url(value));
        }

        @POST
        public FormValidation doCheckCanarySteps(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String strategy) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.strategy(strategy, value));
        }

        @POST
        public FormValidation doCheckSwitchMode(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String strategy) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.strategyOptions(strategy, null, value, null, null));
        }

        @POST
        public FormValidation doCheckPreviewUrl(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String strategy) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.strategyOptions(strategy, null, null, value, null));
        }

        @POST
        public FormValidation doCheckCanaryPause(
                @AncestorInPath Item item,
                @QueryParameter String value,
                @QueryParameter String strategy,
                @QueryParameter String canarySteps) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.strategyOptions(strategy, canarySteps, null, null, value));
        }

        @POST
        public FormValidation doCheckCanaryApproveAt(
                @AncestorInPath Item item,
                @QueryParameter String value,
                @QueryParameter String strategy,
                @QueryParameter String canarySteps) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.strategyOptions(strategy, canarySteps, null, null, null, value));
        }

        /** Manual (the default) or automatic switching, the current one selected. */
        @POST
        public ListBoxModel doFillSwitchModeItems(@AncestorInPath Item item, @QueryParameter String switchMode) {
            return choices(
                    item,
                    switchMode,
                    Messages.TierConfig_Switch_Unset(),
                    "",
                    Messages.TierConfig_Switch_Manual(),
                    "manual",
                    Messages.TierConfig_Switch_Auto(),
                    "auto");
        }

        /**
         * The kinds, after an empty choice that keeps the kind unset (read as {@code other}), with
         * the current value selected: saving a form must never change a value nobody touched.
         */
        @POST
        public ListBoxModel doFillKindItems(@AncestorInPath Item item, @QueryParameter String kind) {
            return choices(
                    item,
                    kind,
                    Messages.TierConfig_Kind_Unset(),
                    "",
                    Messages.TierConfig_Kind_Development(),
                    TierKind.DEVELOPMENT.label(),
                    Messages.TierConfig_Kind_Testing(),
                    TierKind.TESTING.label(),
                    Messages.TierConfig_Kind_Staging(),
                    TierKind.STAGING.label(),
                    Messages.TierConfig_Kind_Production(),
                    TierKind.PRODUCTION.label(),
                    Messages.TierConfig_Kind_Other(),
                    TierKind.OTHER.label());
        }

        /** The strategies, after an empty choice that keeps it unset (read as direct), current one selected. */
        @POST
        public ListBoxModel doFillStrategyItems(@AncestorInPath Item item, @QueryParameter String strategy) {
            return choices(
                    item,
                    strategy,
                    Messages.TierConfig_Strategy_Unset(),
                    "",
                    Messages.TierConfig_Strategy_Direct(),
                    "direct",
                    Messages.TierConfig_Strategy_BlueGreen(),
                    "blue-green",
                    Messages.TierConfig_Strategy_Canary(),
                    "canary");
        }

        /**
         * A drop-down for those who may configure the job (empty for others): the options, given as
         * name then value, in order, with {@code current} selected.
         */
        private static ListBoxModel choices(Item item, String current, String... namesAndValues) {
            ListBoxModel items = new ListBoxModel();
            if (!JenkinsFacade.canConfigure(item)) {
                return items;
            }
            String selected = Util.fixNull(Util.fixEmptyAndTrim(current));
            for (int i = 0; i < namesAndValues.length; i += 2) {
                String value = namesAndValues[i + 1];
                items.add(new ListBoxModel.Option(namesAndValues[i], value, value.equalsIgnoreCase(selected)));
            }
            return items;
        }

        /** The credentials consumer pattern: list only for those who may choose, keep the current id. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            if (item == null) {
                return ControllerCredentials.choices(StandardCredentials.class, credentialsId);
            }
            StandardListBoxModel result = new StandardListBoxModel();
            String current = Util.fixNull(credentialsId);
            if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                return result.includeCurrentValue(current);
            }
            result.includeEmptyValue();
            result.includeMatchingAs(
                    item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                    item,
                    StandardCredentials.class,
                    Collections.emptyList(),
                    CredentialsMatchers.always());
            return result.includeCurrentValue(current);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                    return FormValidation.ok();
                }
            } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                return FormValidation.ok();
            }
            String id = Util.fixEmptyAndTrim(value);
            if (id == null) {
                return FormValidation.ok();
            }
            boolean missing = item == null
                    ? CredentialsProvider.listCredentialsInItemGroup(
                                    StandardCredentials.class,
                                    Jenkins.get(),
                                    ACL.SYSTEM2,
                                    Collections.emptyList(),
                                    CredentialsMatchers.withId(id))
                            .isEmpty()
                    : CredentialsProvider.listCredentialsInItem(
                                    StandardCredentials.class,
                                    item,
                                    item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                                    Collections.emptyList(),
                                    CredentialsMatchers.withId(id))
                            .isEmpty();
            return missing ? FormValidation.error(Messages.TierConfig_CredentialsNotFound()) : FormValidation.ok();
        }
    }
}
