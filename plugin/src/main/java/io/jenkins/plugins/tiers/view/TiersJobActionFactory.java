package io.jenkins.plugins.tiers.view;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import java.util.Collection;
import java.util.Collections;
import jenkins.model.TransientActionFactory;

/**
 * Gives every job with deployment tiers its {@link TiersJobAction}. It looks only at the job's
 * configuration, never at its builds, so a job with a long history costs nothing extra.
 */
@Extension
@SuppressWarnings({"rawtypes", "unchecked"}) // TransientActionFactory<Job> is how core declares job factories
public class TiersJobActionFactory extends TransientActionFactory<Job> {

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return TiersJobAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        if (target.getProperty(DeploymentTiersJobProperty.class) == null) {
            return Collections.emptySet();
        }
        return Collections.singleton(new TiersJobAction(target));
    }
}
