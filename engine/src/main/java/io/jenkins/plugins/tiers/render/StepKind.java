package io.jenkins.plugins.tiers.render;

import java.util.Locale;

/**
 * What happened to a candidate at one tier: a gate verdict (passed, blocked, waiting) or a
 * deployment outcome (deployed, failed, rolled back). Each kind has its own marker shape and
 * colour, and a word, so that it is never told by colour alone.
 */
public enum StepKind {
    PASSED("passed", "\u2713"),
    BLOCKED("blocked", "\u2715"),
    WAITING("waiting", "\u25C7"),
    DEPLOYED("deployed", "\u25CF"),
    FAILED("failed", "\u25BC"),
    ROLLED_BACK("rolled back", "\u25A0");

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
        return this == BLOCKED || this == FAILED || this == ROLLED_BACK;
    }
}
