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
import io.jenkins.plugins.tiers.gate.FreezeDraft;
import io.jenkins.plugins.tiers.model.DraftChecks;
import java.util.Objects;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A period in which a tier accepts no promotion, as a form: either weekly (days and hours) or
 * between two dates, in the local time of a zone.
 */
public final class FreezeConfig implements Describable<FreezeConfig> {

    private final String zone;
    private String name;
    private String days;
    private String from;
    private String to;
    private String start;
    private String end;

    @DataBoundConstructor
    public FreezeConfig(String zone) {
        this.zone = Util.fixEmptyAndTrim(zone);
    }

    /** The time zone the window is written in ({@code Europe/Paris}). */
    @CheckForNull
    public String getZone() {
        return zone;
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    /** For a weekly window, the days ({@code sat, sun} or {@code fri-mon}). */
    @CheckForNull
    public String getDays() {
        return days;
    }

    @DataBoundSetter
    public void setDays(String days) {
        this.days = Util.fixEmptyAndTrim(days);
    }

    /** For a weekly window, the local time it starts each day ({@code 18:00}). */
    @CheckForNull
    public String getFrom() {
        return from;
    }

    @DataBoundSetter
    public void setFrom(String from) {
        this.from = Util.fixEmptyAndTrim(from);
    }

    /** For a weekly window, the local time it ends each day ({@code 08:00}). */
    @CheckForNull
    public String getTo() {
        return to;
    }

    @DataBoundSetter
    public void setTo(String to) {
        this.to = Util.fixEmptyAndTrim(to);
    }

    /** For a dated window, its local start ({@code 2026-12-24T00:00}). */
    @CheckForNull
    public String getStart() {
        return start;
    }

    @DataBoundSetter
    public void setStart(String start) {
        this.start = Util.fixEmptyAndTrim(start);
    }

    /** For a dated window, its local end. */
    @CheckForNull
    public String getEnd() {
        return end;
    }

    @DataBoundSetter
    public void setEnd(String end) {
        this.end = Util.fixEmptyAndTrim(end);
    }

    /** The window as the engine reads it. */
    public FreezeDraft toDraft() {
        return new FreezeDraft(name, zone, days, from, to, start, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FreezeConfig other && toDraft().equals(other.toDraft());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toDraft());
    }

    /** Form validation of a freeze window, delegated to the engine. */
    @Extension
    @Symbol("freeze")
    public static final class DescriptorImpl extends Descriptor<FreezeConfig> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FreezeConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckZone(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.zone(value));
        }

        @POST
        public FormValidation doCheckDays(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.days(value));
        }

        @POST
        public FormValidation doCheckFrom(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.timeOfDay(value));
        }

        @POST
        public FormValidation doCheckTo(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.timeOfDay(value));
        }

        @POST
        public FormValidation doCheckStart(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.localDateTime(value));
        }

        @POST
        public FormValidation doCheckEnd(@AncestorInPath Item item, @QueryParameter String value) {
            JenkinsFacade.checkConfigure(item);
            return FormChecks.toValidation(DraftChecks.localDateTime(value));
        }
    }
}
