package io.jenkins.plugins.tiers.config;

import hudson.model.Job;
import io.jenkins.plugins.tiers.JenkinsFacade;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Ladder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the ladder of a job from its {@link DeploymentTiersJobProperty}: a named ladder from the
 * global configuration, or the job's own tiers. Steps and views ask here, never the property.
 */
public final class LadderResolver {

    private LadderResolver() {}

    /**
     * The job's ladder, or empty when the job has no deployment tiers configured.
     *
     * @throws InvalidDefinitionException when the configuration names a missing ladder or holds
     *     tiers the engine refuses; the message names the field, so callers fail closed with it
     */
    public static Optional<ResolvedLadder> forJob(Job<?, ?> job) {
        DeploymentTiersJobProperty property = job.getProperty(DeploymentTiersJobProperty.class);
        if (property == null) {
            return Optional.empty();
        }
        ResolvedLadder resolved = resolve(property, job.getFullName(), NamedLaddersConfiguration.get());
        if (NamedLaddersConfiguration.get().owning(resolved.application()).isEmpty()) {
            checkAdHocOwner(job, resolved.application());
        }
        return Optional.of(resolved);
    }

    /**
     * An application a named ladder owns is deployed only by the jobs it allows and only through
     * its tiers: a job (or its Jenkinsfile, through {@code properties}) cannot replace them.
     */
    private static ResolvedLadder owned(
            DeploymentTiersJobProperty property, String jobFullName, String application, NamedLadder owner) {
        if (!owner.allows(jobFullName)) {
            throw new InvalidDefinitionException(
                    "deploymentTiers.application",
                    Messages.LadderResolver_NotAllowed(application, owner.getName(), jobFullName));
        }
        if (!property.getTiers().isEmpty()
                || (property.getLadderName() != null
                        && !property.getLadderName().equals(owner.getName()))) {
            throw new InvalidDefinitionException(
                    "deploymentTiers", Messages.LadderResolver_Replaced(application, owner.getName()));
        }
        Ladder resolved = owner.toDraft(application).toLadder();
        return new ResolvedLadder(resolved.application(), resolved, true);
    }

    /**
     * An application no named ladder owns belongs to one job: the job of its name when that job
     * deploys it, otherwise the only job naming it. Any other job naming it is refused, so that
     * nobody records a fake release into, or answers the approvals of, another job's application.
     */
    private static void checkAdHocOwner(Job<?, ?> job, String application) {
        if (application.equals(job.getFullName())) {
            return;
        }
        List<String> claimants = new ArrayList<>();
        for (Job<?, ?> other : JenkinsFacade.allJobs()) {
            if (applicationOf(other).map(application::equals).orElse(false)) {
                if (other.getFullName().equals(application)) {
                    throw new InvalidDefinitionException(
                            "deploymentTiers.application", Messages.LadderResolver_OwnedByJob(application));
                }
                claimants.add(other.getFullName());
            }
        }
        if (claimants.size() > 1) {
            throw new InvalidDefinitionException(
                    "deploymentTiers.application",
                    Messages.LadderResolver_Shared(application, String.join(", ", claimants)));
        }
    }

    /**
     * The application {@code job} deploys, or empty when it has no deployment tiers configured.
     * It needs only the property, not the ladder, so a job whose ladder is broken (a named ladder
     * removed, a tier the engine refuses) still answers: that job's own steps fail closed, while
     * listeners and lookups across jobs go on.
     */
    public static Optional<String> applicationOf(Job<?, ?> job) {
        DeploymentTiersJobProperty property = job.getProperty(DeploymentTiersJobProperty.class);
        if (property == null) {
            return Optional.empty();
        }
        return Optional.of(property.getApplication() == null ? job.getFullName() : property.getApplication());
    }

    /** The ladder the property describes, its application defaulting to the given job name. */
    static ResolvedLadder resolve(
            DeploymentTiersJobProperty property, String jobFullName, NamedLaddersConfiguration named) {
        String application = property.getApplication() == null ? jobFullName : property.getApplication();
        String ladderName = property.getLadderName();
        Optional<NamedLadder> owner = named.owning(application);
        if (owner.isPresent()) {
            return owned(property, jobFullName, application, owner.get());
        }
        if (ladderName != null) {
            if (!property.getTiers().isEmpty()) {
                throw new InvalidDefinitionException(
                        "deploymentTiers.tiers",
                        "the job uses the named ladder \"" + ladderName + "\" and cannot define tiers as well");
            }
            NamedLadder ladder = named.ladder(ladderName)
                    .orElseThrow(() -> new InvalidDefinitionException(
                            "deploymentTiers.ladderName",
                            "no named ladder \"" + ladderName + "\"; defined: "
                                    + (named.names().isEmpty() ? "none" : String.join(", ", named.names()))));
            Ladder resolved = ladder.toDraft(application).toLadder();
            return new ResolvedLadder(resolved.application(), resolved, true);
        }
        try {
            Ladder resolved = property.toDraft(application).toLadder();
            return new ResolvedLadder(resolved.application(), resolved, false);
        } catch (InvalidDefinitionException e) {
            throw e.within("deploymentTiers");
        }
    }
}
