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
    FREEZE_OVERRIDE,
    /**
     * Blue-green: the candidate was deployed into the idle slot named by the event; it is not live
     * until a {@link #SWITCHED}.
     */
    SLOT_DEPLOYED,
    /** Blue-green: the slot named by the event became active; its candidate is live. */
    SWITCHED,
    /**
     * Blue-green: the previous slot, named by the event, became active again without a redeploy; a
     * rollback from {@code rolledBackFrom} to the event's candidate.
     */
    SWITCHED_BACK,
    /** Canary: the candidate receives the event's weight at the event's step; not live yet. */
    CANARY_STEP_REACHED,
    /**
     * Canary: withdrawn (weight back to 0) at the event's step, with the failing step check's
     * verdict or a person's reason; the candidate it started over stays live.
     */
    CANARY_ABORTED,
    /** Canary: the last step (100%) was reached; the candidate takes all traffic and is live. */
    CANARY_COMPLETED,
    /**
     * Blue-green: the automatic switch check of the candidate in the idle slot named by the event
     * failed, with the check's verdict; nothing switched, the candidate still awaits a switch. Not
     * a gate verdict: the gate that let the candidate into the tier keeps its meaning.
     */
    SWITCH_CHECK_FAILED
}
