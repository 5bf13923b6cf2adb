package io.jenkins.plugins.tiers.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A ladder an administrator defines once, by name, for jobs to pick: what it demands is then a
 * floor that no Jenkinsfile can lower. It may own applications: those are deployed only by the
 * jobs it allows and only through its tiers.
 */
public final class NamedLadder implements Describable<NamedLadder> {

    private final String name;
    private List<TierConfig> tiers = new ArrayList<>();
    private String applications;
    private String allowedJobs;

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

    /**
     * The applications this ladder owns, separated by commas or new lines: only the allowed jobs
     * deploy them, only with these tiers, and only they write into and answer their ledgers.
     */
    @CheckForNull
    public String getApplications() {
        return applications;
    }

    @DataBoundSetter
    public void setApplications(String applications) {
        this.applications = Util.fixEmptyAndTrim(applications);
    }

    /**
     * Full names of the jobs that may deploy the applications this ladder owns, separated by commas
     * or new lines; {@code *} matches any run of characters ({@code shop/*} is every job in the
     * folder {@code shop}). Blank allows no job.
     */
    @CheckForNull
    public String getAllowedJobs() {
        return allowedJobs;
    }

    @DataBoundSetter
    public void setAllowedJobs(String allowedJobs) {
        this.allowedJobs = Util.fixEmptyAndTrim(allowedJobs);
    }

    /** The applications this ladder owns. */
    public List<String> applicationNames() {
        return split(applications);
    }

    /** Whether the job of this full name may deploy the applications this ladder owns. */
    public boolean allows(String jobFullName) {
        for (String pattern : split(allowedJobs)) {
            if (glob(pattern).matcher(jobFullName).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> split(@CheckForNull String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\n]"))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .toList();
    }

    /** {@code *} matches any run of characters, everything else itself. */
    private static Pattern glob(String pattern) {
        String[] literals = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(literals[0]));
        for (int i = 1; i < literals.length; i++) {
            regex.append(".*").append(Pattern.quote(literals[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
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
        return o instanceof NamedLadder other
                && Objects.equals(name, other.name)
                && tiers.equals(other.tiers)
                && Objects.equals(applications, other.applications)
                && Objects.equals(allowedJobs, other.allowedJobs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tiers, applications, allowedJobs);
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
