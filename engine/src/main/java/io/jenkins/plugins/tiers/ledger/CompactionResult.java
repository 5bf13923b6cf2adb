package io.jenkins.plugins.tiers.ledger;

/**
 * What a compaction did.
 *
 * @param before events in the log before
 * @param kept events kept
 * @param droppedCorrupt unreadable lines dropped
 */
public record CompactionResult(long before, long kept, int droppedCorrupt) {}
