package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.blocked;
import static io.jenkins.plugins.tiers.ledger.Events.passed;
import static io.jenkins.plugins.tiers.ledger.Events.succeeded;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * One line of the log can never poison the rest: an unreadable line, or a readable one with an
 * impossible or out-of-order sequence number, is set aside and named; the lines after it still
 * count, appends still work, and the ledger reports it (so a gate blocks) until a repair moves it
 * into the quarantine file with why.
 */
public class LedgerUnaccountedLinesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir() {
        return tmp.getRoot().toPath().resolve("ledger");
    }

    private Path log() {
        return dir().resolve(FileLedger.EVENTS);
    }

    /** dev: 1.0 … 1.4 succeeded, seq 1 … 5; no snapshot left behind. */
    private void fiveDeployments() throws IOException {
        try (FileLedger ledger = FileLedger.open(dir())) {
            for (int i = 0; i < 5; i++) {
                ledger.append(succeeded("dev", "1." + i, i));
            }
        }
        Files.delete(dir().resolve(FileLedger.SNAPSHOT));
    }

    /** Replaces the text of one line (1-based) of the log. */
    private void rewriteLine(int number, String from, String to) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log(), StandardCharsets.UTF_8));
        String line = lines.get(number - 1);
        assertThat(line, containsString(from));
        lines.set(number - 1, line.replace(from, to));
        Files.writeString(log(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    public void aFlippedDigitUpInOneSequenceNumberHidesNoLaterEvent() throws IOException {
        fiveDeployments();
        rewriteLine(2, "\"seq\":2,", "\"seq\":92,");
        try (FileLedger ledger = FileLedger.open(dir())) {
            assertThat(ledger.liveState().live("dev").orElseThrow().candidate().version(), is("1.4"));
            assertThat(ledger.events().stream().map(LedgerEvent::seq).toList(), contains(1L, 3L, 4L, 5L));
            assertThat(
                    ledger.unaccounted(),
                    contains(is(log() + " line 2: sequence number 92 is ahead of line 3's 3, which follows 1")));
            // its number is never reused: the next append goes after it
            assertThat(ledger.append(succeeded("dev", "1.5", 9)).seq(), is(93L));
        }
        try (FileLedger reopened = FileLedger.open(dir())) {
            assertThat(
                    reopened.liveState().live("dev").orElseThrow().candidate().version(), is("1.5"));
            assertThat(reopened.unaccounted(), hasSize(1));
        }
    }

    @Test
    public void aFlippedDigitDownIsSetAsideAndTheRestCount() throws IOException {
        fiveDeployments();
        rewriteLine(4, "\"seq\":4,", "\"seq\":1,");
        try (FileLedger ledger = FileLedger.open(dir())) {
            assertThat(ledger.events().stream().map(LedgerEvent::seq).toList(), contains(1L, 2L, 3L, 5L));
            assertThat(ledger.unaccounted(), contains(is(log() + " line 4: sequence number 1 is not after 3")));
            assertThat(ledger.liveState().live("dev").orElseThrow().candidate().version(), is("1.4"));
        }
    }

    @Test
    public void aSequenceNumberBeyondAnyLedgerNeitherHidesLaterEventsNorStopsAppends() throws IOException {
        fiveDeployments();
        rewriteLine(5, "\"seq\":5,", "\"seq\":" + Long.MAX_VALUE + ",");
        rewriteLine(2, "\"seq\":2,", "\"seq\":" + Long.MAX_VALUE + ",");
        try (FileLedger ledger = FileLedger.open(dir())) {
            assertThat(ledger.events().stream().map(LedgerEvent::seq).toList(), contains(1L, 3L, 4L));
            assertThat(ledger.unaccounted(), hasSize(2));
            assertThat(ledger.unaccounted().get(1), containsString("line 5: sequence number " + Long.MAX_VALUE));
            assertThat(ledger.unaccounted().get(1), containsString("is impossible"));
            LedgerEvent next = ledger.append(succeeded("dev", "1.5", 9));
            assertThat(next.seq(), is(5L));
            assertThat(ledger.liveState().live("dev").orElseThrow().candidate().version(), is("1.5"));
        }
    }

    @Test
    public void anUnreadableLineWithAHugeSequenceNumberDoesNotStopAppends() throws IOException {
        fiveDeployments();
        Files.writeString(
                log(),
                "{\"seq\":" + Long.MAX_VALUE + ",\"type\":\"FROM_THE_FUTURE\"}\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        try (FileLedger ledger = FileLedger.open(dir())) {
            assertThat(ledger.append(succeeded("dev", "1.5", 9)).seq(), is(6L));
            assertThat(ledger.unaccounted(), contains(containsString("line 6: not a ledger event")));
        }
    }

    @Test
    public void aCorruptedRefusalIsReportedAsUnaccountedSoTheGateCanBlock() throws IOException {
        try (FileLedger ledger = FileLedger.open(dir())) {
            ledger.append(passed("staging", "1.0", 1));
            ledger.append(blocked("staging", "1.0", 2));
            ledger.append(succeeded("dev", "1.1", 3));
        }
        Files.delete(dir().resolve(FileLedger.SNAPSHOT));
        rewriteLine(2, "\"type\":\"GATE_VERDICT\"", "\"type\":\"GATE_VERDICS\""); // one byte
        try (FileLedger ledger = FileLedger.open(dir())) {
            List<String> lines = LedgerPromotionHistory.of(ledger).unaccountedLines();
            assertThat(lines, contains(containsString(log() + " line 2: not a ledger event")));
        }
    }

    @Test
    public void aCorruptionAfterTheSnapshotIsFoundByAFreshCheck() throws IOException {
        try (FileLedger ledger = FileLedger.open(dir())) {
            for (int i = 0; i < 5; i++) {
                ledger.append(succeeded("dev", "1." + i, i));
            }
        }
        rewriteLine(3, "\"seq\":3,", "\"seq\":7,");
        try (FileLedger ledger = FileLedger.open(dir())) {
            LedgerCheck check = ledger.check();
            assertThat(check.lines(), is(5L));
            assertThat(check.events(), is(4L));
            assertThat(
                    check.messages(),
                    contains(is(log() + " line 3: sequence number 7 is ahead of line 4's 4, which follows 2")));
        }
    }

    @Test
    public void aRepairQuarantinesTheLinesWithTheirReasonAndTheLedgerIsCleanAgain() throws IOException {
        fiveDeployments();
        rewriteLine(2, "\"seq\":2,", "\"seq\":92,");
        Files.writeString(log(), "not json at all\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        byte[] secondLine = Files.readAllLines(log()).get(1).getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse("2026-03-02T09:00:00Z");
        try (FileLedger ledger = FileLedger.open(dir())) {
            LedgerCheck repaired = ledger.repair(now);
            assertThat(repaired.unaccounted(), hasSize(2));
            assertThat(ledger.unaccounted(), is(empty()));
            assertThat(ledger.check().clean(), is(true));
            assertThat(ledger.events().stream().map(LedgerEvent::seq).toList(), contains(1L, 3L, 4L, 5L));
            assertThat(ledger.append(succeeded("dev", "1.5", 9)).seq(), is(6L));
        }
        List<String> quarantined = Files.readAllLines(dir().resolve(FileLedger.QUARANTINE));
        assertThat(quarantined, hasSize(2));
        JsonNode first = new ObjectMapper().readTree(quarantined.get(0));
        assertThat(first.path("line").asLong(), is(2L));
        assertThat(first.path("reason").asText(), containsString("sequence number 92 is ahead"));
        assertThat(first.path("quarantinedAt").asText(), is("2026-03-02T09:00:00Z"));
        assertThat(first.path("file").asText(), is(log().toString()));
        assertThat(Base64.getDecoder().decode(first.path("base64").asText()), is(secondLine));
        JsonNode second = new ObjectMapper().readTree(quarantined.get(1));
        assertThat(second.path("line").asLong(), is(6L));
        assertThat(second.path("text").asText(), is("not json at all"));
        assertThat(second.path("reason").asText(), containsString("not a ledger event"));
    }

    @Test
    public void compactionRefusesToDropLinesItCannotAccountFor() throws IOException {
        fiveDeployments();
        rewriteLine(2, "\"seq\":2,", "\"seq\":92,");
        try (FileLedger ledger = FileLedger.open(dir())) {
            byte[] before = Files.readAllBytes(log());
            LedgerException e = assertThrows(LedgerException.class, () -> ledger.compact(1));
            assertThat(e.getMessage(), containsString("line 2"));
            assertThat(e.getMessage(), containsString("tiers ledger repair"));
            assertThat(Files.readAllBytes(log()), is(before));
        }
    }
}
