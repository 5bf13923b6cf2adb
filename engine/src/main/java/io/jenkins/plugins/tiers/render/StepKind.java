package io.jenkins.plugins.tiers.render;

import java.util.Locale;

/**
 * What happened to a candidate at one tier: a gate verdict (passed, blocked, waiting), a
 * deployment outcome (deployed, failed, rolled back), or a step of a blue-green or canary tier
 * (switched, switched back, canary step, canary aborted). Each kind has its own marker shape and
 * colour, and a word, so that it is never told by colour alone.
 */
public enum StepKind {
    PASSED("passed", "\u2713"),
    BLOCKED("blocked", "\u2715"),
    WAITING("waiting", "\u25C7"),
    DEPLOYED("deployed", "\u25CF"),
    FAILED("failed", "\u25BC"),
    ROLLED_BACK("rolled back", "\u25A0"),
    /** Blue-green: the candidate's slot became active; it is live. */
    SWITCHED("switched", "\u21C4"),
    /** Blue-green: traffic went back to the previous slot, away from this candidate. */
    SWITCHED_BACK("switched back", "\u21B6"),
    /** Canary: the candidate receives a step's weight; not live yet. */
    CANARY_STEP("canary step", "\u25D4"),
    /** Canary: withdrawn before taking all traffic; the candidate it started over stays live. */
    CANARY_ABORTED("canary aborted", "\u2298");

    private final String word;
    private final String symbol;

    StepKind(String word, String symbol) {
        this.word = word;
        this.symbol = symbol;
    }

    /** The word shown to people ({@code rolled back}). */
    public String word() {
        return word;
    }

    /** A one-character symbol shown before the word in text. */
    public String symbol() {
        return symbol;
    }

    /** The CSS class suffix ({@code rolled-back}). */
    public String cssName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the kinds a release manager must act on or read first. */
    public boolean isTrouble() {
        return this == BLOCKED
                || this == FAILED
                || this == ROLLED_BACK
                || this == SWITCHED_BACK
                || this == CANARY_ABORTED;
    }

    /** True for the kinds that make the candidate live in the tier: the flow chart's line climbs there. */
    public boolean makesLive() {
        return this == DEPLOYED || this == SWITCHED;
    }

    /** True for the kinds that take traffic away from the candidate to an earlier one. */
    public boolean takesBack() {
        return this == ROLLED_BACK || this == SWITCHED_BACK;
    }

    /** True for the kinds only a blue-green or canary tier records. */
    public boolean isStrategy() {
        return this == SWITCHED || this == SWITCHED_BACK || this == CANARY_STEP || this == CANARY_ABORTED;
    }
}
