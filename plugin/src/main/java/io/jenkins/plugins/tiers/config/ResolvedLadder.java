package io.jenkins.plugins.tiers.config;

import io.jenkins.plugins.tiers.model.Ladder;

/**
 * The ladder a job deploys through, and where it came from.
 *
 * @param application the application the ladder belongs to, which names its ledger
 * @param ladder the tiers, lowest first, already checked by the engine
 * @param administratorDefined true when the ladder is a named one from the global configuration,
 *     which only administrators change; false when the job defines its own tiers (which anyone who
 *     may configure the job, or its Jenkinsfile through {@code properties([...])}, can change)
 */
public record ResolvedLadder(String application, Ladder ladder, boolean administratorDefined) {}
