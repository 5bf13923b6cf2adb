package io.jenkins.plugins.tiers.config;

import hudson.model.Job;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Ladder;
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
        return Optional.of(resolve(property, job.getFullName(), NamedLaddersConfiguration.get()));
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
