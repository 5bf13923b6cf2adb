package io.jenkins.plugins.tiers.model;

import java.util.Comparator;

/**
 * Which of two candidates is older, so a gate can refuse to replace a live candidate with an older
 * one. When both know the time of their newest change, the earlier change is older; otherwise (or
 * when those times are equal) versions compare in natural order: runs of digits as numbers, other
 * characters as text, so {@code 1.4.10} is newer than {@code 1.4.9} and {@code 1.10} newer than
 * {@code 1.9}; a version that extends another ({@code 1.4.2-rc1} of {@code 1.4.2}) sorts after it;
 * leading zeros never make a version newer (see {@link #compareVersions}).
 */
public final class CandidateOrder implements Comparator<Candidate> {

    /** The order described above. */
    public static final CandidateOrder OLDEST_FIRST = new CandidateOrder();

    private CandidateOrder() {}

    @Override
    public int compare(Candidate a, Candidate b) {
        if (a.changedAt() != null && b.changedAt() != null) {
            int byTime = a.changedAt().compareTo(b.changedAt());
            if (byTime != 0) {
                return byTime;
            }
        }
        return compareVersions(a.version(), b.version());
    }

    /**
     * Natural order of version labels, total and consistent: runs of the digits 0-9 compare as
     * numbers, every other character as text (UTF-16), and a label that extends another sorts
     * after it. Labels equal in that order differ only in leading zeros ({@code 1.02} and {@code
     * 1.2}); then, at the first number written differently, the one with more leading zeros is
     * older, so leading zeros never make a version newer. Zero only for equal labels.
     */
    public static int compareVersions(String a, String b) {
        int i = 0;
        int j = 0;
        int zerosTieBreak = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int c = compareNumbers(a, i, endA, b, j, endB);
                if (c != 0) {
                    return c;
                }
                if (zerosTieBreak == 0) {
                    // more digits for the same number: more leading zeros, older
                    zerosTieBreak = Integer.compare(endB - j, endA - i);
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : zerosTieBreak;
    }

    /** Only ASCII digits: other scripts' digits would compare as numbers here and as text there. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Compares two digit runs by value, of any length. */
    private static int compareNumbers(String a, int fromA, int endA, String b, int fromB, int endB) {
        int x = skipZeros(a, fromA, endA);
        int y = skipZeros(b, fromB, endB);
        if (endA - x != endB - y) {
            return Integer.compare(endA - x, endB - y);
        }
        for (; x < endA; x++, y++) {
            if (a.charAt(x) != b.charAt(y)) {
                return Character.compare(a.charAt(x), b.charAt(y));
            }
        }
        return 0;
    }

    private static int skipZeros(String s, int from, int end) {
        int k = from;
        while (k < end - 1 && s.charAt(k) == '0') {
            k++;
        }
        return k;
    }
}
