package io.jenkins.plugins.tiers.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a copy is checked against: how many events a ledger holds and the SHA-256 of their lines
 * as this code writes them (sequence numbers and ids included), in order. Two ledgers in different
 * stores with the same digest hold the same events.
 *
 * @param events how many events were read
 * @param sha256 the digest of their lines, in hexadecimal
 */
public record LedgerDigest(long events, String sha256) {

    /** Reads every event of {@code ledger} once. */
    public static LedgerDigest of(Ledger ledger) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        LedgerCodec codec = new LedgerCodec();
        long[] count = {0};
        ledger.scan(e -> {
            digest.update(codec.toLine(e));
            count[0]++;
        });
        return new LedgerDigest(count[0], HexFormat.of().formatHex(digest.digest()));
    }
}
