package io.jenkins.plugins.tiers.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The directory name under which an application's ledger is stored, when many ledgers share a
 * parent directory (as in JENKINS_HOME). Application names are user text of any length and
 * character ({@code shop/checkout}, {@code ..}, {@code Shop} and {@code shop}); the name is a
 * readable, lower-case slug of at most 48 characters followed by a hash of the exact name, so it
 * is safe on every file system, including case-insensitive ones, and two applications never share
 * a directory.
 */
public final class LedgerDirectoryName {

    /** Longest readable part kept before the hash. */
    public static final int MAX_SLUG = 48;

    private LedgerDirectoryName() {}

    /** The directory name for {@code application}, for example {@code shop-checkout-1a2b3c4d5e6f}. */
    public static String of(String application) {
        Objects.requireNonNull(application, "application");
        if (application.isBlank()) {
            throw new IllegalArgumentException("application name must not be blank");
        }
        StringBuilder slug = new StringBuilder();
        boolean dash = false;
        for (int i = 0; i < application.length() && slug.length() < MAX_SLUG; i++) {
            char c = Character.toLowerCase(application.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                slug.append(c);
                dash = false;
            } else if (!dash && slug.length() > 0) {
                slug.append('-');
                dash = true;
            }
        }
        if (slug.length() == 0 || slug.charAt(slug.length() - 1) != '-') {
            slug.append('-');
        }
        return slug.append(hash(application)).toString().toLowerCase(Locale.ROOT);
    }

    private static String hash(String application) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(application.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
