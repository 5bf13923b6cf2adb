package io.jenkins.plugins.tiers.ledger;

/** Where the latest deployment of a candidate into one tier ended. */
public enum DeploymentOutcome {
    /** Started, not finished (still running, or the deployer died). */
    STARTED,
    /** Live (or was, until something newer replaced it). */
    SUCCEEDED,
    /** The deployment failed. */
    FAILED,
    /** Made live again by a rollback. */
    ROLLED_BACK_TO,
    /** Was live and was rolled back to an earlier candidate. */
    ROLLED_BACK_FROM
}
