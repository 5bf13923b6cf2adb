package io.jenkins.plugins.tiers.report;

import java.util.Arrays;

/**
 * The last few passing test cases of a read, so that a failure written after its passing retry is
 * still recognised as flaky. A fixed ring of reused buffers: once it is full, remembering a pass
 * makes no object and copies nothing. Identities longer than {@link #MAX_CHARS} characters are
 * not remembered and big buffers never enter the ring, so it stays small whatever the report holds.
 */
final class RecentPasses {
    /** Longest identity (class and name) remembered. */
    static final int MAX_CHARS = 1024;

    private final int size;
    private CaseName[] tests = new CaseName[8];
    /** {@link CaseName#sketch()} of each pass: a failure compares these before any hash or character. */
    private long[] sketches = new long[8];

    private SuiteTally[] suites = new SuiteTally[8];
    private int next;
    private boolean remembered;

    /** A ring of {@code size} passes; its arrays grow to that size as passes come, as most reports are small. */
    RecentPasses(int size) {
        this.size = size;
    }

    /**
     * Remembers a passing test. The ring keeps {@code test} itself when its buffers are small and
     * hands back the one it drops, so a pass costs no copy: the caller reads its next test case into
     * the returned object.
     */
    CaseName remember(CaseName test, SuiteTally suite) {
        if (test.length() > MAX_CHARS) {
            return test;
        }
        if (next == tests.length && tests.length < size) {
            int bigger = Math.min(size, tests.length * 2);
            tests = Arrays.copyOf(tests, bigger);
            sketches = Arrays.copyOf(sketches, bigger);
            suites = Arrays.copyOf(suites, bigger);
        }
        CaseName dropped = tests[next];
        CaseName spare;
        if (test.capacity() <= MAX_CHARS) {
            tests[next] = test;
            spare = dropped == null ? new CaseName() : dropped;
        } else { // buffers grown by a long name once: copy, so the ring never holds big ones
            if (dropped == null) {
                dropped = new CaseName();
                tests[next] = dropped;
            }
            dropped.copyOf(test);
            spare = test;
        }
        sketches[next] = test.sketch();
        suites[next] = suite;
        remembered = true;
        next = next + 1 == size ? 0 : next + 1;
        return spare;
    }

    /** Forgets every pass (the buffers stay for reuse). */
    void clear() {
        if (remembered) {
            Arrays.fill(suites, null);
            remembered = false;
        }
    }

    /**
     * The suite this test recently passed in, forgetting that pass; null when it did not. Passes
     * are told apart by their sketches first, so they are hashed only when a failure looks like
     * them: most passes are never hashed.
     */
    SuiteTally forget(CaseName test) {
        long sketch = test.sketch();
        for (int i = 0; i < tests.length; i++) {
            if (sketches[i] == sketch
                    && suites[i] != null
                    && tests[i].hash() == test.hash()
                    && tests[i].matches(test)) {
                SuiteTally suite = suites[i];
                suites[i] = null;
                return suite;
            }
        }
        return null;
    }
}
