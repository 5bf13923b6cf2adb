package io.jenkins.plugins.tiers.report;

/**
 * The identity of the test case being read, kept as characters until a test needs remembering as
 * a {@link TestId} (a failure, a flaky test): most test cases pass, and for those no string is
 * ever made. {@link #hash()} equals {@link TestId#hashCode()} of the same identity.
 */
final class CaseName {
    /** The class, or the suite when the report names no class. */
    final AttributeText owner = new AttributeText();

    final AttributeText name = new AttributeText();

    void clear() {
        owner.clear();
        name.clear();
    }

    int hash() {
        return TestId.hash(owner.textHash(), name.textHash());
    }

    /** A cheap summary of the identity, equal to {@link #sketch(TestId)} of the same one. */
    long sketch() {
        return sketch(owner.tail(), name.tail());
    }

    static long sketch(TestId id) {
        return sketch(AttributeText.tail(id.className()), AttributeText.tail(id.name()));
    }

    private static long sketch(long ownerTail, long nameTail) {
        return ownerTail * 0xC2B2AE3D27D4EB4FL + nameTail;
    }

    int length() {
        return owner.length() + name.length();
    }

    /** The characters the buffers can hold without growing: the larger of the two. */
    int capacity() {
        return Math.max(owner.capacity(), name.capacity());
    }

    boolean matches(TestId id) {
        return owner.contentEquals(id.className()) && name.contentEquals(id.name());
    }

    boolean matches(CaseName other) {
        return owner.contentEquals(other.owner) && name.contentEquals(other.name);
    }

    void copyOf(CaseName other) {
        owner.copyOf(other.owner);
        name.copyOf(other.name);
    }

    TestId toTestId() {
        return new TestId(owner.toString(), name.toString());
    }

    @Override
    public String toString() {
        return owner + "." + name;
    }
}
