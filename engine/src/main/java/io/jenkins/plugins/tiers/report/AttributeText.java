package io.jenkins.plugins.tiers.report;

import org.codehaus.stax2.typed.TypedValueDecoder;

/**
 * The characters of one attribute value, copied straight from the parser's buffer into a buffer
 * reused for every element, so reading the {@code name} of half a million passing test cases
 * creates no strings. Woodstox hands typed decoders the value without leading and trailing white
 * space, which is not significant in a test's name either. Its hash, computed when first asked
 * for, is {@link String#hashCode()} of the same characters, so it can be looked up against strings
 * without making one.
 */
final class AttributeText extends TypedValueDecoder {
    private char[] chars = new char[0];
    private int length;
    private int hash;
    /** Whether {@link #hash} is computed: only when asked, as a duration's text never needs one. */
    private boolean hashed = true;

    private boolean present;

    /** Forgets the value, before the next element's attributes are read. */
    void clear() {
        length = 0;
        hash = 0;
        hashed = true;
        present = false;
    }

    /** Takes a value that is already a string, such as a suite name standing in for a missing class. */
    void set(String value) {
        ensureRoom(value.length());
        value.getChars(0, value.length(), chars, 0);
        length = value.length();
        hash = value.hashCode();
        hashed = true;
        present = true;
    }

    @Override
    public void decode(String value) {
        set(value);
    }

    @Override
    public void decode(char[] buffer, int start, int end) {
        int n = end - start;
        ensureRoom(n);
        System.arraycopy(buffer, start, chars, 0, n);
        length = n;
        hashed = false;
        present = true;
    }

    /**
     * {@link String#hashCode()} of {@code chars[0, n)}, four characters a step: the same polynomial
     * regrouped, so that its multiplications do not wait for each other.
     */
    private static int hash(char[] chars, int n) {
        int h = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            h = h * (31 * 31 * 31 * 31)
                    + chars[i] * (31 * 31 * 31)
                    + chars[i + 1] * (31 * 31)
                    + chars[i + 2] * 31
                    + chars[i + 3];
        }
        for (; i < n; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    @Override
    public void handleEmptyValue() {
        length = 0;
        hash = 0;
        hashed = true;
        present = true;
    }

    private void ensureRoom(int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, Math.max(16, chars.length * 2))];
        }
    }

    /** Whether the attribute was there and not blank. */
    boolean isEmpty() {
        return !present || length == 0;
    }

    int capacity() {
        return chars.length;
    }

    int length() {
        return length;
    }

    /** Equal to {@code toString().hashCode()}. */
    int textHash() {
        if (!hashed) {
            hash = hash(chars, length);
            hashed = true;
        }
        return hash;
    }

    /**
     * A cheap summary of the value, its length and last four characters, equal to {@link
     * #tail(String)} of the same text: test names differ most at their ends, so this tells most
     * names apart without hashing them.
     */
    long tail() {
        return tail(length, charFromEnd(1), charFromEnd(2), charFromEnd(3), charFromEnd(4));
    }

    private char charFromEnd(int k) {
        return length >= k ? chars[length - k] : 0;
    }

    /** {@link #tail()} of a string. */
    static long tail(String text) {
        int n = text.length();
        return tail(
                n,
                n >= 1 ? text.charAt(n - 1) : 0,
                n >= 2 ? text.charAt(n - 2) : 0,
                n >= 3 ? text.charAt(n - 3) : 0,
                n >= 4 ? text.charAt(n - 4) : 0);
    }

    private static long tail(int length, char last, char second, char third, char fourth) {
        long chars = (long) last << 48 | (long) second << 32 | (long) third << 16 | fourth;
        return chars ^ (length * 0x9E3779B97F4A7C15L);
    }

    /** Whether the value is exactly these characters. */
    boolean contentEquals(String other) {
        if (other.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (chars[i] != other.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the value is the same as another's. */
    boolean contentEquals(AttributeText other) {
        return other.length == length
                && other.textHash() == textHash()
                && java.util.Arrays.equals(chars, 0, length, other.chars, 0, length);
    }

    /** Copies another's value into this one's buffer. */
    void copyOf(AttributeText other) {
        ensureRoom(other.length);
        System.arraycopy(other.chars, 0, chars, 0, other.length);
        length = other.length;
        hash = other.hash;
        hashed = other.hashed;
        present = other.present;
    }

    /** Seconds, when the value is a duration; negative otherwise (see {@link Durations}). */
    double seconds() {
        return present ? Durations.parse(chars, 0, length) : -1;
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
