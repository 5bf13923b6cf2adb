package io.jenkins.plugins.tiers.report;

/**
 * The failing tests of one read by identity, looked up with the characters of the test case being
 * read: once a report has one failure, every later test case is checked against it (a retry that
 * passes makes it flaky), and a {@code HashMap} would need a {@link TestId} made for each. Open
 * addressing over a hash array, so a test that never failed (nearly all of them) is told apart by
 * reading one or two array slots, without touching any record.
 */
final class FailureIndex {
    private int[] hashes = new int[16];
    private FailureRecord[] records = new FailureRecord[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The failing attempt recorded for this test, or null. */
    FailureRecord find(CaseName test) {
        int hash = test.hash();
        int mask = records.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            FailureRecord record = records[slot];
            if (record == null || hashes[slot] == hash && test.matches(record.id)) {
                return record;
            }
        }
    }

    /** Adds a record for a test that has none yet. */
    void add(FailureRecord record) {
        if (size >= records.length >> 1) {
            grow();
        }
        insert(record.id.hashCode(), record);
        size++;
    }

    private void grow() {
        int[] oldHashes = hashes;
        FailureRecord[] oldRecords = records;
        hashes = new int[oldRecords.length * 2];
        records = new FailureRecord[oldRecords.length * 2];
        for (int i = 0; i < oldRecords.length; i++) {
            if (oldRecords[i] != null) {
                insert(oldHashes[i], oldRecords[i]);
            }
        }
    }

    private void insert(int hash, FailureRecord record) {
        int mask = records.length - 1;
        int slot = spread(hash) & mask;
        while (records[slot] != null) {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        records[slot] = record;
    }

    /** Mixes the bits, as test names often differ only in their last characters. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
