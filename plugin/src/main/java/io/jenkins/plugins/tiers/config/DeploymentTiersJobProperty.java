package io.jenkins.plugins.tiers.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.JobProperty;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.tiers.JenkinsFacade;
import io.jenkins.plugins.tiers.model.DraftChecks;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.LadderDraft;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.OptionalJobProperty;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The tiers a job deploys through: either a ladder named in the global configuration or one
 * defined here, and optionally the application it belongs to (several jobs share one only through
 * a named ladder that owns it, see {@link LadderResolver}). One class gives the configuration checkbox, {@code properties([deploymentTiers(...)])}
 * and declarative {@code options { deploymentTiers(...) }}.
 */
public class DeploymentTiersJobProperty extends OptionalJobProperty<Job<?, ?>> {

    private String ladderName;
    private String application;
    private List<TierConfig> tiers = new ArrayList<>();

    @DataBoundConstructor
    public DeploymentTiersJobProperty() {}

    /** The named ladder this job uses, or null when it defines its own tiers. */
    @CheckForNull
    public String getLadderName() {
        return ladderName;
    }

    @DataBoundSetter
    public void setLadderName(String ladderName) {
        this.ladderName = Util.fixEmptyAndTrim(ladderName);
    }

    /** The application this job deploys, or null for the job's full name. */
    @CheckForNull
    public String getApplication() {
        return application;
    }

    @DataBoundSetter
    public void setApplication(String application) {
        this.application = Util.fixEmptyAndTrim(application);
    }

    /** The job's own tiers, lowest first; empty when it uses a named ladder. */
    public List<TierConfig> getTiers() {
        return List.copyOf(tiers);
    }

    @DataBoundSetter
    public void setTiers(List<TierConfig> tiers) {
        this.tiers = tiers == null ? new ArrayList<>() : new ArrayList<>(tiers);
    }

    /** The job's own tiers as the engine reads them. */
    public LadderDraft toDraft(String applicationName) {
        return new LadderDraft(
                applicationName, tiers.stream().map(TierConfig::toDraft).toList());
    }

    /** Reads stored configuration written before the tiers list existed. */
    protected Object readResolve() {
        if (tiers == null) {
            tiers = new ArrayList<>();
        }
        return this;
    }

    /** The configuration checkbox, its validation, and the {@code deploymentTiers} symbol. */
    @Extension
    @Symbol("deploymentTiers")
    public static class DescriptorImpl extends OptionalJobPropertyDescriptor {

        private static final String CHECKED_APPLICATION = "application";

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeploymentTiersJobProperty_DisplayName();
        }

        /** Refuses to save a ladder the engine would not accept, naming the field at fault. */
        @Override
        public JobProperty<?> newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            JobProperty<?> property = super.newInstance(req, formData);
            if (property instanceof DeploymentTiersJobProperty tiers) {
                try {
                    // The application name only labels the ladder; any non-blank one checks it.
                    LadderResolver.resolve(tiers, CHECKED_APPLICATION, NamedLaddersConfiguration.get());
                } catch (InvalidDefinitionException e) {
                    throw new FormException(e.getMessage(), e, "deploymentTiers");
                }
            }
            return property;
        }

        @POST
        public ListBoxModel doFillLadderNameItems(@AncestorInPath Item item, @QueryParameter String ladderName) {
            ListBoxModel items = new ListBoxModel();
            if (!JenkinsFacade.canConfigure(item)) {
                return items;
            }
            items.add(Messages.DeploymentTiersJobProperty_OwnTiers(), "");
            for (String name : NamedLaddersConfiguration.get().names()) {
                items.add(name, name);
            }
            String current = Util.fixEmptyAndTrim(ladderName);
            if (current != null && !NamedLaddersConfiguration.get().names().contains(current)) {
                items.add(Messages.DeploymentTiersJobProperty_MissingLadder(current), current);
            }
            return items;
        }

        @POST
        public FormValidation doCheckLadderName(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            String name = Util.fixEmptyAndTrim(value);
            if (name == null || NamedLaddersConfiguration.get().ladder(name).isPresent()) {
                return FormValidation.ok();
            }
            return FormValidation.error(Messages.DeploymentTiersJobProperty_NoSuchLadder(
                    name, String.join(", ", NamedLaddersConfiguration.get().names())));
        }

        @POST
        public FormValidation doCheckApplication(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.application(value));
        }
    }
}
