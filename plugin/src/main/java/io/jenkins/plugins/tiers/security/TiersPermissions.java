package io.jenkins.plugins.tiers.security;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Item;
import hudson.security.Permission;
import hudson.security.PermissionScope;

/**
 * The plugin's own permission to approve or refuse a promotion. It lives in the Item group, so
 * matrix authorization shows it beside Build and Configure, and it is implied by Configure until
 * an administrator grants it separately; the tier's approver list still applies on top of it.
 */
public final class TiersPermissions {

    /** Approve or refuse a candidate waiting at a tier's gate. */
    public static final Permission PROMOTE = new Permission(
            Item.PERMISSIONS,
            "Promote",
            Messages._TiersPermissions_Promote_Description(),
            Item.CONFIGURE,
            PermissionScope.ITEM);

    private TiersPermissions() {}

    /**
     * Loads this class before authorization strategies read their configuration: a permission id
     * resolves through its group's owner ({@link Item}), which knows nothing of this class.
     */
    @SuppressFBWarnings(value = "RV_RETURN_VALUE_IGNORED_NO_SIDE_EFFECT", justification = "class initialisation")
    @Initializer(after = InitMilestone.PLUGINS_STARTED, before = InitMilestone.EXTENSIONS_AUGMENTED)
    public static void ensureRegistered() {
        PROMOTE.getEnabled();
    }
}
