package io.jenkins.plugins.tiers;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Job;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.Permission;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.springframework.security.core.Authentication;

/**
 * The one place of the UI code that reaches {@link Jenkins#get()}, so that every other class
 * takes what it needs as arguments and the permission rules read in one file.
 */
public final class JenkinsFacade {

    private JenkinsFacade() {}

    /**
     * Checks the permission to configure: {@link Item#CONFIGURE} on the item whose form is being
     * filled, or {@link Jenkins#ADMINISTER} for the global configuration (no item).
     *
     * @throws org.springframework.security.access.AccessDeniedException when the user lacks it
     */
    public static void checkConfigure(@CheckForNull Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    /** Whether the current user may configure the item, or Jenkins itself when there is none. */
    public static boolean canConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** Whether the current user holds this permission on Jenkins itself. */
    public static boolean hasGlobalPermission(Permission permission) {
        return Jenkins.get().hasPermission(permission);
    }

    /** Every job the current user may read, in no particular order. */
    @SuppressWarnings("rawtypes")
    public static List<Job<?, ?>> readableJobs() {
        List<Job<?, ?>> jobs = new ArrayList<>();
        for (Job job : Jenkins.get().allItems(Job.class)) {
            jobs.add(job);
        }
        return jobs;
    }

    /** The servlet context path of the current request ({@code /jenkins}), or empty outside one. */
    public static String contextPath() {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        return request == null ? "" : request.getContextPath();
    }

    /**
     * Who makes the current request, with the groups the security realm granted at login; the
     * anonymous authentication outside a login.
     */
    public static Authentication currentAuthentication() {
        return Jenkins.getAuthentication2();
    }

    /**
     * Every job of this Jenkins, whoever asks (as the system): who owns an application must not
     * depend on what the person or run asking can see.
     */
    @SuppressWarnings("rawtypes")
    public static List<Job<?, ?>> allJobs() {
        List<Job<?, ?>> jobs = new ArrayList<>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job job : Jenkins.get().allItems(Job.class)) {
                jobs.add(job);
            }
        }
        return jobs;
    }
}
