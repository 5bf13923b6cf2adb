package io.jenkins.plugins.tiers.report;

import java.io.Serializable;
import java.util.Objects;

/**
 * The identity of one test case across runs: its class (or, when a tool writes none, its suite)
 * and its name. Gates compare these to find failures that are new against a baseline.
 *
 * @param className the class name, or the suite name when the report has no class
 * @param name the test case name
 */
public record TestId(String className, String name) implements Serializable, Comparable<TestId> {
    private static final long serialVersionUID = 1L;

    public TestId {
        className = className == null ? "" : className;
        Objects.requireNonNull(name, "name");
    }

    /** {@code className.name}, or just the name when there is no class. */
    public String displayName() {
        return className.isEmpty() ? name : className + "." + name;
    }

    /** Spelled out so that the reader can find a test by its characters without making a TestId. */
    @Override
    public int hashCode() {
        return hash(className.hashCode(), name.hashCode());
    }

    static int hash(int classNameHash, int nameHash) {
        return 31 * classNameHash + nameHash;
    }

    @Override
    public int compareTo(TestId other) {
        int c = className.compareTo(other.className);
        return c != 0 ? c : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
