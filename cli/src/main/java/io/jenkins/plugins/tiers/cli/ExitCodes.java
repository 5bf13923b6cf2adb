package io.jenkins.plugins.tiers.cli;

/**
 * The exit codes every {@code tiers} subcommand uses, so that a CI script can branch on a gate's
 * verdict without parsing its output.
 */
public final class ExitCodes {
    /** Success, or the gate passed. */
    public static final int OK = 0;
    /** The gate blocked the candidate. */
    public static final int BLOCKED = 1;
    /** The gate waits (approval, soak time, freeze window). */
    public static final int WAITING = 2;
    /** The command line was wrong (unknown option, missing argument). */
    public static final int USAGE = 64;
    /** An input file was wrong or unreadable (bad report, bad ladder, corrupt ledger). */
    public static final int INPUT = 65;
    /** Something failed that is not the input's fault (disk full, I/O error). */
    public static final int SOFTWARE = 70;
    /** Another run holds what this one needs (a tier another {@code tiers deploy} is deploying into): retry later. */
    public static final int BUSY = 75;

    private ExitCodes() {}
}
