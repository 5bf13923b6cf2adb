package io.jenkins.plugins.tiers.bench;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.EvidenceSummary;
import io.jenkins.plugins.tiers.ledger.LedgerCodec;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.report.TestId;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a realistic ledger of a given size directly with the ledger's own serializer (no fsync
 * per line, so a million events take seconds): candidates passing dev, test and prod, waiting at
 * prod's gate first, with test evidence on every verdict.
 */
public final class LedgerGenerator {

    /**
     * The version of what {@link #write} writes: ledgers built by an older one and kept between runs
     * (see {@link SizedLedger}) are built again.
     */
    public static final int VERSION = 1;

    /** Events written per candidate. */
    public static final int EVENTS_PER_CANDIDATE = 7;

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private LedgerGenerator() {}

    /** Writes {@code events} events to {@code dir/events.jsonl}. */
    public static void write(Path dir, int events) throws IOException {
        Files.createDirectories(dir);
        LedgerCodec codec = new LedgerCodec();
        long seq = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("events.jsonl")), 1 << 20)) {
            for (int c = 0; seq < events; c++) {
                for (LedgerEvent e : candidateEvents(c)) {
                    if (seq == events) {
                        break;
                    }
                    out.write(codec.toLine(e.withSeq(++seq)));
                }
            }
        }
    }

    /** Deletes a ledger directory written by {@link #write}, with everything the ledger added to it. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The events of candidate number {@code c}, one minute apart. */
    public static List<LedgerEvent> candidateEvents(int c) {
        Instant t = START.plusSeconds(600L * c);
        Candidate candidate =
                new Candidate("1." + c, new BuildRef("shop/main", c + 1), String.format("%040x", 0xabc000000L + c), t);
        return List.of(
                verdict("dev", candidate, Finding.Outcome.PASS, t.plusSeconds(60)),
                LedgerEvent.deploymentSucceeded("shop", "dev", candidate, "shop/main #" + (c + 1), t.plusSeconds(120)),
                verdict("test", candidate, Finding.Outcome.PASS, t.plusSeconds(180)),
                LedgerEvent.deploymentSucceeded("shop", "test", candidate, "shop/main #" + (c + 1), t.plusSeconds(240)),
                verdict("prod", candidate, Finding.Outcome.WAIT, t.plusSeconds(300)),
                verdict("prod", candidate, Finding.Outcome.PASS, t.plusSeconds(360)),
                LedgerEvent.deploymentSucceeded("shop", "prod", candidate, "release-manager", t.plusSeconds(420)));
    }

    private static LedgerEvent verdict(String tier, Candidate candidate, Finding.Outcome outcome, Instant at) {
        Verdict v = new Verdict(
                "shop",
                tier,
                candidate,
                List.of(
                        new Finding("minTests", Finding.Outcome.PASS, "ENOUGH_TESTS", "1200 tests ran (at least 1000)"),
                        new Finding("approval", outcome, "APPROVAL", "approved by 1 of release-managers")),
                Map.of("minTests", "1000", "approval", "1 of release-managers"),
                at);
        return LedgerEvent.verdict(
                v,
                new EvidenceSummary(
                        new TestTotals(1198, 2, 0, 10, 0, 61.5),
                        List.of(new TestId("shop.CheckoutTest", "paysWithVoucher"), new TestId("shop.CartTest", "x"))),
                "shop/main #1");
    }
}
