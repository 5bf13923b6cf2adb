package io.jenkins.plugins.tiers.report;

import java.util.Arrays;

/**
 * The failing tests of one read by identity, looked up with the characters of the test case being
 * read: once a report has one failure, every later test case is checked against it (a retry that
 * passes makes it flaky), and a {@code HashMap} would need a {@link TestId} made for each. Open
 * addressing over a hash array, so a test that never failed (nearly all of them) is told apart by
 * reading one or two array slots, without touching any record; before that, a bit set of cheap
 * sketches (length and last characters) tells most of them apart without even hashing them.
 */
final class FailureIndex {
    /** Sketch bits per failure: about one lookup in 32 of a test that never failed hashes it. */
    private static final int SKETCH_BITS_PER_FAILURE = 32;

    private int[] hashes = new int[16];
    private FailureRecord[] records = new FailureRecord[16];
    private int size;
    /** A bit for the {@link CaseName#sketch()} of each failure: no bit, no such failure. */
    private long[] sketches = new long[16];

    boolean isEmpty() {
        return size == 0;
    }

    /** Forgets every failure, keeping the arrays when they are small. */
    void clear() {
        if (size == 0) {
            return;
        }
        size = 0;
        if (records.length > 1024) {
            hashes = new int[16];
            records = new FailureRecord[16];
            sketches = new long[16];
        } else {
            Arrays.fill(hashes, 0);
            Arrays.fill(records, null);
            Arrays.fill(sketches, 0L);
        }
    }

    /** The failing attempt recorded for this test, or null. */
    FailureRecord find(CaseName test) {
        if (!mayHold(test.sketch())) {
            return null; // most tests: told apart by their length and last characters, without a hash
        }
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
        if ((long) size * SKETCH_BITS_PER_FAILURE > (long) sketches.length * Long.SIZE) {
            sketches = new long[sketches.length * 2];
            for (FailureRecord each : records) {
                if (each != null) {
                    mark(CaseName.sketch(each.id));
                }
            }
        } else {
            mark(CaseName.sketch(record.id));
        }
    }

    private void mark(long sketch) {
        int bit = sketchBit(sketch);
        sketches[bit >>> 6] |= 1L << bit;
    }

    private boolean mayHold(long sketch) {
        int bit = sketchBit(sketch);
        return (sketches[bit >>> 6] & (1L << bit)) != 0;
    }

    private int sketchBit(long sketch) {
        long h = sketch * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & (sketches.length * Long.SIZE - 1);
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
