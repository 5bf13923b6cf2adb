package io.jenkins.plugins.tiers.steps;

import jenkins.model.CauseOfInterruption;

/**
 * Why a deployment was given up: a newer run holds or awaits the same tier, so this older one
 * would only be overwritten (as with {@code milestone}, the run ends as not built).
 */
public final class SupersededCause extends CauseOfInterruption {

    private static final long serialVersionUID = 1L;

    private final String tier;
    private final String newerRun;

    SupersededCause(String tier, String newerRun) {
        this.tier = tier;
        this.newerRun = newerRun;
    }

    public String getTier() {
        return tier;
    }

    /** The externalizable id of the newer run. */
    public String getNewerRun() {
        return newerRun;
    }

    @Override
    public String getShortDescription() {
        return Messages.SupersededCause_ShortDescription(tier, newerRun);
    }
}
