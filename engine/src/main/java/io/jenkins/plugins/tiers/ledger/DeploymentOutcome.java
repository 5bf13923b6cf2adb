package io.jenkins.plugins.tiers.ledger;

/** Where the latest deployment of a candidate into one tier ended. */
public enum DeploymentOutcome {
    /** Started, not finished (still running, or the deployer died). */
    STARTED,
    /** Live (or was, until something newer replaced it). */
    SUCCEEDED,
    /** The deployment failed. */
    FAILED,
    /** Made live again by a rollback or a switch back. */
    ROLLED_BACK_TO,
    /** Was live and was rolled back to an earlier candidate (or switched back from). */
    ROLLED_BACK_FROM,
    /** Blue-green: deployed into the idle slot, not live until the switch. */
    AWAITING_SWITCH,
    /** Canary: receiving part of the traffic, not live until the last step. */
    CANARY_IN_PROGRESS,
    /** Canary: withdrawn, the candidate it started over stayed live. */
    CANARY_ABORTED
}
