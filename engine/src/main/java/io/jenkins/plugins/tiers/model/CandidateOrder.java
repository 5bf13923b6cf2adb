package io.jenkins.plugins.tiers.model;

import java.util.Comparator;

/**
 * Which of two candidates is older, so a gate can refuse to replace a live candidate with an older
 * one. When both know the time of their newest change, the earlier change is older; otherwise (or
 * when those times are equal) versions compare in natural order: runs of digits as numbers, other
 * characters as text, so {@code 1.4.10} is newer than {@code 1.4.9} and {@code 1.10} newer than
 * {@code 1.9}; a version that extends another ({@code 1.4.2-rc1} of {@code 1.4.2}) sorts after it.
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

    /** Natural order of version labels: digit runs as numbers, the rest as text. */
    public static int compareVersions(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int c = compareNumbers(a.substring(i, endA), b.substring(j, endB));
                if (c != 0) {
                    return c;
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
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int compareNumbers(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        int c = x.compareTo(y);
        return c != 0 ? c : Integer.compare(a.length(), b.length());
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
