package io.jenkins.plugins.tiers.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The credentials drop-down of a form outside any job (a named ladder, the ledger store): the
 * controller's credentials, listed only to administrators, with the current choice always kept so
 * that saving the form never changes a value its viewer could not see.
 */
public final class ControllerCredentials {

    private ControllerCredentials() {}

    /** The credentials of {@code type} on the controller, for an administrator; else the current id alone. */
    public static ListBoxModel choices(Class<? extends StandardCredentials> type, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        String kept = Util.fixNull(current);
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return result.includeCurrentValue(kept);
        }
        result.includeEmptyValue();
        result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type, List.of(), CredentialsMatchers.always());
        return result.includeCurrentValue(kept);
    }
}
