package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of the log's complete lines read so far, so a snapshot proves which prefix of the
 * log it was built from, and a log changed under it (a flipped byte in an old line) is noticed.
 */
final class PrefixDigest {

    private final MessageDigest digest;

    private PrefixDigest(MessageDigest digest) {
        this.digest = digest;
    }

    /** The digest of no line. */
    static PrefixDigest empty() {
        return new PrefixDigest(sha256());
    }

    /** The digest of the lines of {@code log} up to byte {@code size}. */
    static PrefixDigest of(Path log, long size) throws IOException {
        PrefixDigest prefix = empty();
        LogLines.read(log, 0, size, prefix::line);
        return prefix;
    }

    /** Adds one complete line, given without its newline. */
    void line(long offset, byte[] buffer, int start, int length) {
        digest.update(buffer, start, length);
        digest.update((byte) '\n');
    }

    /** Adds lines as written, each with its newline. */
    void written(byte[] lines) {
        digest.update(lines);
    }

    /** The digest so far, in hexadecimal; more lines may follow. */
    String hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
        }
    }

    /** The SHA-256 of {@code bytes}, in hexadecimal. */
    static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
