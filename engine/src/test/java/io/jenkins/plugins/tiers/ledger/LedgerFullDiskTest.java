package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A disk that fills up under the ledger: the append that does not fit fails with an error that
 * says the ledger is unchanged, nothing half-written is left behind, every event that was
 * acknowledged is still there, and appending resumes once there is room. The disk is a real,
 * tiny tmpfs; where this machine may not mount one (not root, no privilege), the test is skipped.
 */
public class LedgerFullDiskTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path disk;
    private boolean mounted;

    @Before
    public void mountATinyDisk() throws IOException, InterruptedException {
        disk = folder.newFolder("disk").toPath();
        mounted = run("mount", "-t", "tmpfs", "-o", "size=96k", "tiers-full-disk-test", disk.toString());
        Assume.assumeTrue("this machine cannot mount a tmpfs (needs root)", mounted);
    }

    @After
    public void unmount() throws IOException, InterruptedException {
        if (mounted) {
            run("umount", disk.toString());
        }
    }

    @Test(timeout = 60_000)
    public void anAppendThatDoesNotFitLeavesTheLedgerAsItWasAndAppendingResumesWithRoom() throws IOException {
        Path dir = disk.resolve("ledger");
        Path filler = disk.resolve("filler");
        int acknowledged = 0;
        LedgerException full;
        try (FileLedger ledger = FileLedger.open(dir, 64, 1_000_000)) {
            Files.write(filler, new byte[48 * 1024]); // the ledger gets what is left
            full = null;
            while (full == null && acknowledged < 10_000) {
                try {
                    ledger.append(Events.passed("testing", "1.0." + acknowledged, acknowledged));
                    acknowledged++;
                } catch (LedgerException e) {
                    full = e;
                }
            }
            assertThat("the disk filled up", full != null, is(true));
            assertThat(full.getMessage(), containsString("cannot append to the ledger; it is unchanged"));
            assertThat(acknowledged, greaterThan(10));
            assertThat(ledger.events().size(), is(acknowledged));
        }

        try (FileLedger reopened = FileLedger.open(dir)) {
            List<LedgerEvent> events = reopened.events();
            assertThat(events.size(), is(acknowledged));
            assertThat(events.get(acknowledged - 1).seq(), is((long) acknowledged));
            // still full: the live-state snapshot (a cache) cannot be saved, and says so; nothing else is wrong
            assertThat(
                    reopened.warnings(),
                    everyItem(containsString("could not save the live-state snapshot: No space left on device")));

            Files.delete(filler);
            LedgerEvent next = reopened.append(Events.passed("testing", "2.0.0", acknowledged + 1));
            assertThat(next.seq(), is((long) acknowledged + 1));
        }
        try (FileLedger again = FileLedger.open(dir)) {
            assertThat(again.events().size(), is(acknowledged + 1));
            assertThat(again.warnings(), empty());
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false; // no mount command here
        }
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
