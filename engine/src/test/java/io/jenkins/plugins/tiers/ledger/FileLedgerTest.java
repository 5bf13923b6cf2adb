package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.at;
import static io.jenkins.plugins.tiers.ledger.Events.blocked;
import static io.jenkins.plugins.tiers.ledger.Events.failed;
import static io.jenkins.plugins.tiers.ledger.Events.passed;
import static io.jenkins.plugins.tiers.ledger.Events.rolledBack;
import static io.jenkins.plugins.tiers.ledger.Events.started;
import static io.jenkins.plugins.tiers.ledger.Events.succeeded;
import static io.jenkins.plugins.tiers.ledger.Events.waiting;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.report.TestId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileLedgerTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir() throws IOException {
        return tmp.getRoot().toPath().resolve("ledger");
    }

    private FileLedger ledgerWith(LedgerEvent... events) throws IOException {
        FileLedger ledger = FileLedger.open(dir());
        for (LedgerEvent e : events) {
            ledger.append(e);
        }
        return ledger;
    }

    @Test
    public void assignsGaplessSequenceNumbersAndReadsEventsBack() throws IOException {
        try (FileLedger ledger = ledgerWith(passed("dev", "1.0", 1), started("dev", "1.0", 2))) {
            LedgerEvent third = ledger.append(succeeded("dev", "1.0", 3));
            assertThat(third.seq(), is(3L));
            List<LedgerEvent> events = ledger.events();
            assertThat(events.stream().map(LedgerEvent::seq).toList(), contains(1L, 2L, 3L));
            assertThat(events.get(0).verdict().status(), is(VerdictStatus.PASSED));
            assertThat(events.get(0).evidence().totals().passed(), is(120));
            assertThat(events.get(2).candidate(), is(Events.candidate("1.0")));
        }
    }

    @Test
    public void writesOneJsonObjectPerLineWithTheSchemaVersion() throws IOException {
        try (FileLedger ledger = ledgerWith(passed("dev", "1.0\nevil", 1))) {
            List<String> lines = Files.readAllLines(ledger.logFile());
            assertThat(lines, hasSize(1));
            assertThat(lines.get(0), containsString("\"schema\":1,\"seq\":1,\"type\":\"GATE_VERDICT\""));
            assertThat(lines.get(0), containsString("\"status\":\"PASSED\""));
            assertThat(lines.get(0), containsString("\"time\":\"2026-03-01T08:01:00Z\""));
        } catch (IllegalArgumentException expected) {
            // a version with a control character is refused by Candidate; nothing reaches the file
            assertThat(Files.exists(dir().resolve(FileLedger.EVENTS)), is(false));
        }
    }

    @Test
    public void aSucceededDeploymentMakesTheCandidateLiveWithTheEvidenceThatLetItIn() throws IOException {
        try (FileLedger ledger =
                ledgerWith(passed("staging", "1.0", 1, "flakyCheckout"), started("staging", "1.0", 2))) {
            assertThat(ledger.liveState().live("staging").isPresent(), is(false));
            ledger.append(succeeded("staging", "1.0", 3));
            LiveCandidate live = ledger.liveState().live("staging").orElseThrow();
            assertThat(live.candidate().version(), is("1.0"));
            assertThat(live.since(), is(at(3)));
            assertThat(live.deployedBy(), is("alice"));
            assertThat(live.admittedWith().failed(), contains(new TestId("ShopTest", "flakyCheckout")));
        }
    }

    @Test
    public void aFailedDeploymentLeavesThePreviousCandidateLive() throws IOException {
        try (FileLedger ledger = ledgerWith(
                passed("prod", "1.0", 1),
                succeeded("prod", "1.0", 2),
                passed("prod", "1.1", 3),
                started("prod", "1.1", 4),
                failed("prod", "1.1", 5))) {
            assertThat(ledger.liveState().live("prod").orElseThrow().candidate().version(), is("1.0"));
        }
    }

    @Test
    public void aRollbackMakesItsTargetLiveAgain() throws IOException {
        try (FileLedger ledger = ledgerWith(
                passed("prod", "1.0", 1),
                succeeded("prod", "1.0", 2),
                passed("prod", "1.1", 3),
                succeeded("prod", "1.1", 4),
                rolledBack("prod", "1.0", "1.1", 9))) {
            LiveCandidate live = ledger.liveState().live("prod").orElseThrow();
            assertThat(live.candidate().version(), is("1.0"));
            assertThat(live.rollback(), is(true));
            assertThat(live.since(), is(at(9)));
            CandidatePath bad = ledger.candidate("1.1").orElseThrow();
            assertThat(bad.tier("prod").orElseThrow().deployment(), is(DeploymentOutcome.ROLLED_BACK_FROM));
        }
    }

    @Test
    public void listsCandidatesWaitingAtAGateUntilTheyPassOrAreBlocked() throws IOException {
        try (FileLedger ledger = ledgerWith(waiting("prod", "1.0", 1), waiting("prod", "1.1", 2))) {
            assertThat(
                    ledger.liveState().tier("prod").waiting().stream()
                            .map(w -> w.candidate().version())
                            .toList(),
                    contains("1.0", "1.1"));
            ledger.append(waiting("prod", "1.0", 5));
            WaitingCandidate first = ledger.liveState().tier("prod").waiting().get(0);
            assertThat(first.since(), is(at(1)));
            assertThat(first.reasons(), contains("needs 1 of release-managers"));
            ledger.append(passed("prod", "1.0", 6));
            ledger.append(blocked("prod", "1.1", 7));
            assertThat(ledger.liveState().tier("prod").waiting(), is(empty()));
        }
    }

    @Test
    public void reopeningUsesTheSnapshotAndAgreesWithARebuild() throws IOException {
        try (FileLedger ledger =
                ledgerWith(passed("dev", "1.0", 1), succeeded("dev", "1.0", 2), waiting("prod", "1.0", 3))) {
            ledger.close();
        }
        assertThat(Files.exists(dir().resolve(FileLedger.SNAPSHOT)), is(true));
        LiveState fromSnapshot;
        try (FileLedger reopened = FileLedger.open(dir())) {
            fromSnapshot = reopened.liveState();
        }
        Files.delete(dir().resolve(FileLedger.SNAPSHOT));
        try (FileLedger rebuilt = FileLedger.open(dir())) {
            assertThat(rebuilt.liveState(), is(fromSnapshot));
            assertThat(fromSnapshot.seq(), is(3L));
        }
    }

    @Test
    public void aStaleSnapshotIsCaughtUpWithTheLog() throws IOException {
        try (FileLedger ledger = ledgerWith(passed("dev", "1.0", 1), succeeded("dev", "1.0", 2))) {
            ledger.close();
        }
        // another writer appends without updating the snapshot
        try (FileLedger other = FileLedger.open(dir(), 100, 1_000_000)) {
            other.append(succeeded("dev", "2.0", 3));
        }
        Files.writeString(dir().resolve(FileLedger.SNAPSHOT), "{\"schema\":1,\"seq\":99}");
        try (FileLedger reopened = FileLedger.open(dir())) {
            assertThat(reopened.liveState().seq(), is(3L));
            assertThat(
                    reopened.liveState().live("dev").orElseThrow().candidate().version(), is("2.0"));
        }
    }

    @Test
    public void seesWhatAnotherInstanceAppended() throws IOException {
        try (FileLedger reader = ledgerWith(succeeded("dev", "1.0", 1));
                FileLedger writer = FileLedger.open(dir())) {
            assertThat(reader.liveState().seq(), is(1L));
            writer.append(succeeded("dev", "1.1", 2));
            assertThat(reader.liveState().live("dev").orElseThrow().candidate().version(), is("1.1"));
            assertThat(reader.append(succeeded("dev", "1.2", 3)).seq(), is(3L));
        }
    }

    @Test
    public void ignoresATornLastLineAndRepairsItOnTheNextAppend() throws IOException {
        try (FileLedger ledger = ledgerWith(succeeded("dev", "1.0", 1))) {
            ledger.close();
        }
        Path log = dir().resolve(FileLedger.EVENTS);
        Files.writeString(log, "{\"schema\":1,\"seq\":2,\"type\":\"DEPLOY", StandardOpenOption.APPEND);
        try (FileLedger ledger = FileLedger.open(dir())) {
            ScanResult scan = ledger.scan(e -> {});
            assertThat(scan.events(), is(1L));
            assertThat(scan.tornTail(), is(true));
            assertThat(ledger.liveState().seq(), is(1L));
            assertThat(ledger.append(succeeded("dev", "1.1", 2)).seq(), is(2L));
            assertThat(ledger.warnings(), hasItem(containsString("repaired a torn last line")));
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines, hasSize(2));
        try (FileLedger ledger = FileLedger.open(dir())) {
            ScanResult scan = ledger.scan(e -> {});
            assertThat(scan.events(), is(2L));
            assertThat(scan.tornTail(), is(false));
            assertThat(scan.skipped(), is(empty()));
        }
    }

    @Test
    public void skipsACorruptMiddleLineNamingItsLineAndCountsIt() throws IOException {
        try (FileLedger ledger = ledgerWith(succeeded("dev", "1.0", 1))) {
            ledger.close();
        }
        Path log = dir().resolve(FileLedger.EVENTS);
        Files.writeString(log, "this is not json\n", StandardOpenOption.APPEND);
        Files.delete(dir().resolve(FileLedger.SNAPSHOT));
        try (FileLedger ledger = FileLedger.open(dir())) {
            ledger.append(succeeded("dev", "1.1", 2));
            assertThat(ledger.warnings(), hasItem(containsString("events.jsonl line 2: not a ledger event")));
            assertThat(ledger.liveState().skippedLines(), is(1));
            ScanResult scan = ledger.scan(e -> {});
            assertThat(scan.events(), is(2L));
            assertThat(scan.skipped(), contains(containsString("line 2: not a ledger event")));
            assertThat(ledger.events().get(1).seq(), is(2L));
            assertThat(ledger.liveState().live("dev").orElseThrow().candidate().version(), is("1.1"));
        }
    }

    @Test
    public void toleratesUnknownFieldsAndTypesFromANewerSchema() throws IOException {
        Files.createDirectories(dir());
        String future = "{\"schema\":2,\"seq\":1,\"type\":\"DEPLOYMENT_SUCCEEDED\",\"time\":\"2026-03-01T08:00:00Z\","
                + "\"application\":\"shop\",\"tier\":\"dev\",\"candidate\":{\"version\":\"1.0\",\"colour\":\"blue\"},"
                + "\"actor\":\"alice\",\"canary\":{\"percent\":5}}\n"
                + "{\"schema\":2,\"seq\":2,\"type\":\"CANARY_SHIFTED\",\"time\":\"2026-03-01T08:00:00Z\","
                + "\"application\":\"shop\",\"tier\":\"dev\",\"candidate\":{\"version\":\"1.0\"}}\n";
        Files.writeString(dir().resolve(FileLedger.EVENTS), future, StandardCharsets.UTF_8);
        try (FileLedger ledger = FileLedger.open(dir())) {
            assertThat(ledger.liveState().live("dev").orElseThrow().candidate().version(), is("1.0"));
            // an unknown type is an unreadable line: set aside and counted, not fatal; its seq is not reused
            assertThat(ledger.liveState().skippedLines(), is(1));
            assertThat(ledger.append(succeeded("dev", "1.1", 2)).seq(), is(3L));
        }
    }

    @Test
    public void aReadOnlyDirectoryGivesAClearErrorAndLeavesTheLedgerAsItWas() throws IOException {
        try (FileLedger ledger = ledgerWith(succeeded("dev", "1.0", 1))) {
            ledger.close();
        }
        Path log = dir().resolve(FileLedger.EVENTS);
        byte[] before = Files.readAllBytes(log);
        // not file permissions, which root ignores: the disk denies every opening for writing
        FaultyDisk disk = new FaultyDisk();
        disk.readOnly = true;
        try (FileLedger ledger = FileLedger.open(dir(), 10, 1000, disk)) {
            LedgerException e = assertThrows(LedgerException.class, () -> ledger.append(succeeded("dev", "1.1", 2)));
            assertThat(e.getMessage(), containsString(dir().toString()));
            assertThat(e.getMessage(), containsString("not writable"));
            assertThat(ledger.liveState().seq(), is(1L));
        }
        assertThat(Files.readAllBytes(log), is(before));
    }

    @Test
    public void aDirectoryThatCannotBeCreatedGivesAnErrorNamingIt() throws IOException {
        Path file = tmp.newFile("not-a-directory").toPath();
        try (FileLedger ledger = FileLedger.open(file.resolve("ledger"))) {
            LedgerException e = assertThrows(LedgerException.class, () -> ledger.append(succeeded("dev", "1.0", 1)));
            assertThat(e.getMessage(), containsString(file.resolve("ledger").toString()));
            assertThat(ledger.liveState().seq(), is(0L));
        }
    }

    @Test
    public void answersTheLastCandidatesWithTheirPathNewestFirst() throws IOException {
        try (FileLedger ledger = FileLedger.open(dir(), 3, 1000)) {
            for (int i = 1; i <= 6; i++) {
                String v = "1." + i;
                ledger.append(passed("dev", v, i * 10));
                ledger.append(succeeded("dev", v, i * 10 + 1));
            }
            ledger.append(passed("prod", "1.2", 100));
            ledger.append(succeeded("prod", "1.2", 101));
            // most recently active first: 1.2 reached production last
            List<CandidatePath> last = ledger.lastCandidates(2);
            assertThat(last.stream().map(CandidatePath::version).toList(), contains("1.2", "1.6"));
            assertThat(last.get(1).reached("dev").orElseThrow(), is(at(61)));
            assertThat(last.get(1).passed("dev"), is(true));
            // 1.2 had left the index (capacity 3) before it came back: its whole path comes from a scan
            assertThat(last.get(0).reached("dev").orElseThrow(), is(at(21)));
            assertThat(last.get(0).reached("prod").orElseThrow(), is(at(101)));
            List<CandidatePath> five = ledger.lastCandidates(5);
            assertThat(five.stream().map(CandidatePath::version).toList(), contains("1.2", "1.6", "1.5", "1.4", "1.3"));
            assertThat(ledger.candidate("1.1").orElseThrow().tiers(), hasSize(1));
            assertThat(ledger.candidate("9.9").isPresent(), is(false));
        }
    }
}
