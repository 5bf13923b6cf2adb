package io.jenkins.plugins.tiers.ledger;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A child process for the durability tests: appends {@code count} events (forever when negative)
 * to the ledger in {@code dir}, printing each sequence number once its append has returned.
 */
public final class LedgerAppender {
    private LedgerAppender() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        String name = args[2];
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        FileLedger ledger = FileLedger.open(dir);
        for (long i = 0; count < 0 || i < count; i++) {
            LedgerEvent e = ledger.append(LedgerEvent.deploymentSucceeded(
                    "shop", "dev", Events.candidate(name + "-" + i), name, Instant.EPOCH.plusSeconds(i)));
            out.println(e.seq());
        }
        ledger.close();
    }
}
