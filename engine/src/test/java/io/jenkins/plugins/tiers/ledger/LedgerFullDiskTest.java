package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A disk that fills up under the ledger: the append that does not fit fails with an error that
 * says the ledger is unchanged, nothing half-written is left behind, every event that was
 * acknowledged is still there, and appending resumes once there is room. The disk is a {@link
 * FaultyDisk} that cuts writes short and then fails as a full one does, so this runs everywhere.
 */
public class LedgerFullDiskTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test(timeout = 60_000)
    public void anAppendThatDoesNotFitLeavesTheLedgerAsItWasAndAppendingResumesWithRoom() throws IOException {
        Path dir = folder.getRoot().toPath().resolve("ledger");
        Path log = dir.resolve(FileLedger.EVENTS);
        FaultyDisk disk = new FaultyDisk();
        int acknowledged = 0;
        LedgerException full = null;
        byte[] beforeTheFailure = null;
        try (FileLedger ledger = FileLedger.open(dir, 64, 1_000_000, disk)) {
            ledger.append(Events.passed("testing", "1.0.0", 0));
            acknowledged++;
            disk.free = 20_000; // a few dozen more lines, the last one cut in the middle
            while (full == null && acknowledged < 10_000) {
                beforeTheFailure = Files.readAllBytes(log);
                try {
                    ledger.append(Events.passed("testing", "1.0." + acknowledged, acknowledged));
                    acknowledged++;
                } catch (LedgerException e) {
                    full = e;
                }
            }
            assertThat("the disk filled up", full != null, is(true));
            assertThat(full.getMessage(), containsString("cannot append to the ledger; it is unchanged"));
            assertThat(full.getMessage(), containsString(FaultyDisk.NO_SPACE));
            assertThat(full.getMessage(), containsString(log.toString()));
            assertThat(acknowledged, greaterThan(10));
            assertThat("the part of the line that fit was removed", Files.readAllBytes(log), is(beforeTheFailure));
            assertThat(ledger.events().size(), is(acknowledged));
        }

        try (FileLedger reopened = FileLedger.open(dir, 64, 1_000_000, disk)) {
            List<LedgerEvent> events = reopened.events();
            assertThat(events.size(), is(acknowledged));
            assertThat(events.get(acknowledged - 1).seq(), is((long) acknowledged));
            // still full: the live-state snapshot (a cache) cannot be saved, and says so; nothing else is wrong
            List<String> warnings = reopened.warnings();
            assertThat(warnings, not(empty()));
            assertThat(
                    warnings,
                    hasItem(allOf(
                            containsString(dir.resolve(FileLedger.SNAPSHOT).toString()),
                            containsString("could not save the live-state snapshot: " + FaultyDisk.NO_SPACE))));
            assertThat(
                    warnings,
                    everyItem(containsString("could not save the live-state snapshot: " + FaultyDisk.NO_SPACE)));

            disk.free = Long.MAX_VALUE;
            LedgerEvent next = reopened.append(Events.passed("testing", "2.0.0", acknowledged + 1));
            assertThat(next.seq(), is((long) acknowledged + 1));
        }
        try (FileLedger again = FileLedger.open(dir, 64, 1_000_000, disk)) {
            assertThat(again.events().size(), is(acknowledged + 1));
            assertThat(again.warnings(), empty());
        }
    }

    @Test
    public void aDirectoryThatCannotBeSyncedIsLoggedNamingIt() throws IOException {
        Path dir = folder.getRoot().toPath().resolve("ledger");
        FaultyDisk disk = new FaultyDisk();
        disk.directorySyncFails = true;
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(FileLedger.class.getName());
        logger.addHandler(handler);
        try (FileLedger ledger = FileLedger.open(dir, 64, 1000, disk)) {
            ledger.append(Events.passed("testing", "1.0", 1)); // creates the log: its directory entry is synced
            assertThat(ledger.events().size(), is(1));
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(
                records.stream()
                        .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                        .map(LogRecord::getMessage)
                        .toList(),
                hasItem(allOf(containsString(dir.toString()), containsString("cannot sync the ledger directory"))));
    }
}
