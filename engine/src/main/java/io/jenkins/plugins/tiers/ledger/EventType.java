package io.jenkins.plugins.tiers.ledger;

/** What happened to a candidate at a tier; the {@code type} field of every ledger line. */
public enum EventType {
    /** A gate was evaluated; the event carries the verdict and, optionally, its test evidence. */
    GATE_VERDICT,
    /** A person gave or refused an approval. */
    APPROVAL,
    /** A deployment of the candidate into the tier began. */
    DEPLOYMENT_STARTED,
    /** The deployment finished: the candidate is now live in the tier. */
    DEPLOYMENT_SUCCEEDED,
    /** The deployment failed: whatever was live before stays live. */
    DEPLOYMENT_FAILED,
    /** The tier was rolled back: the event's candidate (an earlier one) is live again. */
    ROLLED_BACK,
    /** A person deployed through a freeze window, with a reason. */
    FREEZE_OVERRIDE
}
