package io.jenkins.plugins.tiers.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.tiers.JenkinsFacade;
import io.jenkins.plugins.tiers.model.DraftChecks;
import io.jenkins.plugins.tiers.model.LadderDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A ladder an administrator defines once, by name, for jobs to pick: what it demands is then a
 * floor that no Jenkinsfile can lower.
 */
public final class NamedLadder implements Describable<NamedLadder> {

    private final String name;
    private List<TierConfig> tiers = new ArrayList<>();

    @DataBoundConstructor
    public NamedLadder(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    public String getName() {
        return name;
    }

    public List<TierConfig> getTiers() {
        return List.copyOf(tiers);
    }

    @DataBoundSetter
    public void setTiers(List<TierConfig> tiers) {
        this.tiers = tiers == null ? new ArrayList<>() : new ArrayList<>(tiers);
    }

    /** Reads stored configuration that has no tiers element. */
    protected Object readResolve() {
        if (tiers == null) {
            tiers = new ArrayList<>();
        }
        return this;
    }

    /** The ladder as the engine reads it, for the given application. */
    public LadderDraft toDraft(String application) {
        return new LadderDraft(
                application, tiers.stream().map(TierConfig::toDraft).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedLadder other && Objects.equals(name, other.name) && tiers.equals(other.tiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tiers);
    }

    /** Form validation of a named ladder. */
    @Extension
    @Symbol("ladder")
    public static final class DescriptorImpl extends Descriptor<NamedLadder> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.NamedLadder_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            JenkinsFacade.checkConfigure(null);
            return FormChecks.toValidation(DraftChecks.ladderName(value));
        }
    }
}
