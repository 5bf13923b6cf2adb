package io.jenkins.plugins.tiers.store;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The controller's choice of ledger store, in Manage Jenkins → System and in Configuration as Code
 * ({@code unclassified: deploymentTiersLedger: store: postgresql: ...}). Changing it closes the
 * open ledgers: the next step, button or page opens them in the new store.
 */
@Extension
@Symbol("deploymentTiersLedger")
public class LedgerStoreConfiguration extends GlobalConfiguration {

    private LedgerStore store = new DiskLedgerStore();

    public LedgerStoreConfiguration() {
        load();
    }

    /** The one instance Jenkins holds. */
    public static LedgerStoreConfiguration get() {
        return ExtensionList.lookupSingleton(LedgerStoreConfiguration.class);
    }

    @NonNull
    public LedgerStore getStore() {
        return store == null ? new DiskLedgerStore() : store;
    }

    @DataBoundSetter
    public synchronized void setStore(LedgerStore store) {
        LedgerStore chosen = store == null ? new DiskLedgerStore() : store;
        boolean changed = !chosen.equals(getStore());
        this.store = chosen;
        save();
        if (changed) {
            ExtensionList.lookupSingleton(ApplicationLedgers.class).closeAll();
        }
    }

    /** A store the form describes wrongly (a URL holding a password) is refused, the field named. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try {
            req.bindJSON(this, json);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException refused) {
                    throw new FormException(refused.getMessage(), refused, "store");
                }
            }
            throw e;
        }
        return true;
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.LedgerStoreConfiguration_DisplayName();
    }
}
