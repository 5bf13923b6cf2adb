package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A Jenkins build being aborted interrupts the thread that records its last events: the append is
 * still written (a file channel used by an interrupted thread would be closed under the batch), and
 * the caller gets its interrupt back.
 */
public class FileLedgerInterruptTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void anInterruptedCallersAppendIsWrittenAndItsInterruptKept() throws Exception {
        try (FileLedger ledger = FileLedger.open(tmp.newFolder().toPath(), Events.APP)) {
            LedgerEvent stored;
            boolean interrupted;
            Thread.currentThread().interrupt();
            try {
                stored = ledger.append(Events.passed("test", "1.0", 1));
            } finally {
                interrupted = Thread.interrupted();
            }
            assertThat(interrupted, is(true));
            assertThat(stored.seq(), is(1L));
            assertThat(ledger.append(Events.passed("test", "1.1", 2)).seq(), is(2L));
        }
        try (FileLedger reopened = FileLedger.open(tmp.getRoot().listFiles()[0].toPath(), Events.APP)) {
            assertThat(reopened.events().size(), is(2));
        }
    }
}
