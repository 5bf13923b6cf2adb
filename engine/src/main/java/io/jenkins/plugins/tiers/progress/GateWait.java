package io.jenkins.plugins.tiers.progress;

/**
 * Time candidates spent waiting at one tier's gate: from their first WAITING verdict to their first
 * PASSED verdict after it.
 *
 * @param tier the tier id
 * @param stats measured over waits that ended (passed) within the window
 * @param stillWaiting candidates whose latest verdict there is WAITING at the window's end
 */
public record GateWait(String tier, DurationStats stats, int stillWaiting) {}
