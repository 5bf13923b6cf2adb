package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.at;
import static io.jenkins.plugins.tiers.ledger.Events.candidate;
import static io.jenkins.plugins.tiers.ledger.Events.succeeded;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A ledger holds one application: it refuses to append another's events and ignores, with a
 * warning naming the file and line, those it finds in its log (as in a directory two ladders
 * shared before ledgers were kept per application).
 */
public class LedgerOneApplicationTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final LedgerCodec codec = new LedgerCodec();

    private Path dir() {
        return tmp.getRoot().toPath().resolve("ledger");
    }

    private Path log() {
        return dir().resolve(FileLedger.EVENTS);
    }

    private static LedgerEvent billingDeployed(String version, int minute) {
        return LedgerEvent.deploymentSucceeded("billing", "prod", candidate(version), "ci", at(minute));
    }

    /** Writes a log as two applications sharing one directory left it: shop 1.0, billing 99.0, shop 1.1. */
    private void sharedLog() throws IOException {
        Files.createDirectories(dir());
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        lines.write(codec.toLine(succeeded("prod", "1.0", 0).withSeq(1)));
        lines.write(codec.toLine(billingDeployed("99.0", 1).withSeq(2)));
        lines.write(codec.toLine(succeeded("staging", "1.1", 2).withSeq(3)));
        Files.write(log(), lines.toByteArray());
    }

    @Test
    public void refusesToAppendAnEventOfAnotherApplicationAndStaysUnchanged() throws IOException {
        try (FileLedger ledger = FileLedger.open(dir(), "shop")) {
            ledger.append(succeeded("prod", "1.0", 0));
            byte[] before = Files.readAllBytes(log());
            LedgerException refused =
                    assertThrows(LedgerException.class, () -> ledger.append(billingDeployed("99.0", 1)));
            assertThat(refused.getMessage(), containsString(log().toString()));
            assertThat(refused.getMessage(), containsString("\"billing\""));
            assertThat(refused.getMessage(), containsString("holds \"shop\" only"));
            assertThat(Files.readAllBytes(log()), is(before));
            assertThat(ledger.liveState().live("prod").orElseThrow().candidate().version(), is("1.0"));
            assertThat(ledger.append(succeeded("prod", "1.1", 2)).seq(), is(2L));
        }
    }

    @Test
    public void refusesAnotherApplicationBeforeItsFirstEventWhenOpenedForOne() {
        try (FileLedger ledger = FileLedger.open(dir(), "shop")) {
            assertThrows(LedgerException.class, () -> ledger.append(billingDeployed("99.0", 1)));
            assertThat(Files.exists(log()), is(false));
            assertThat(ledger.application(), is(Optional.of("shop")));
        }
    }

    @Test
    public void aLedgerOpenedWithoutAnApplicationBelongsToThatOfItsFirstEvent() {
        try (FileLedger ledger = FileLedger.open(dir())) {
            assertThat(ledger.application(), is(Optional.empty()));
            ledger.append(succeeded("prod", "1.0", 0));
            assertThat(ledger.application(), is(Optional.of("shop")));
            assertThrows(LedgerException.class, () -> ledger.append(billingDeployed("99.0", 1)));
        }
        try (FileLedger reopened = FileLedger.open(dir())) {
            assertThat(reopened.application(), is(Optional.of("shop")));
            assertThrows(LedgerException.class, () -> reopened.append(billingDeployed("99.0", 1)));
        }
    }

    @Test
    public void ignoresAnEventOfAnotherApplicationInTheLogWithAWarningNamingTheFileAndLine() throws IOException {
        sharedLog();
        try (FileLedger ledger = FileLedger.open(dir(), "shop")) {
            assertThat(ledger.liveState().live("prod").orElseThrow().candidate().version(), is("1.0"));
            assertThat(
                    ledger.liveState().live("staging").orElseThrow().candidate().version(), is("1.1"));
            assertThat(
                    ledger.warnings(), hasItem(containsString(log() + " line 2: an event of application \"billing\"")));
            assertThat(ledger.events().stream().map(LedgerEvent::version).toList(), is(List.of("1.0", "1.1")));
            assertThat(ledger.candidate("99.0").isPresent(), is(false));
            assertThat(ledger.lastCandidates(10).size(), is(2));
            // not a line it cannot account for: no gate blocks on it, and its seq is never reused
            assertThat(ledger.unaccounted(), is(empty()));
            assertThat(ledger.append(succeeded("prod", "1.1", 3)).seq(), is(4L));
        }
        try (FileLedger billing = FileLedger.open(dir(), "billing")) {
            assertThat(
                    billing.liveState().live("prod").orElseThrow().candidate().version(), is("99.0"));
            assertThat(billing.liveState().live("staging").isPresent(), is(false));
        }
    }

    @Test
    public void warnsAgainAboutTheIgnoredEventsWhenTheSnapshotIsUsed() throws IOException {
        sharedLog();
        try (FileLedger ledger = FileLedger.open(dir(), "shop")) {
            ledger.append(succeeded("prod", "1.1", 3));
        }
        try (FileLedger ledger = FileLedger.open(dir(), "shop")) {
            assertThat(
                    ledger.warnings(), hasItem(containsString(log() + " line 2: an event of application \"billing\"")));
            assertThat(ledger.warnings(), not(hasItem(containsString("rebuilding"))));
        }
    }

    @Test
    public void theSnapshotRecordsItsApplicationAndIsRebuiltWhenOpenedForAnother() throws IOException {
        sharedLog();
        try (FileLedger ledger = FileLedger.open(dir(), "shop")) {
            ledger.append(succeeded("prod", "1.1", 3));
        }
        String snapshot = Files.readString(dir().resolve(FileLedger.SNAPSHOT), StandardCharsets.UTF_8);
        assertThat(snapshot, containsString("\"application\":\"shop\""));
        try (FileLedger billing = FileLedger.open(dir(), "billing")) {
            assertThat(billing.warnings(), hasItem(containsString("built for application \"shop\", not \"billing\"")));
            assertThat(
                    billing.liveState().live("prod").orElseThrow().candidate().version(), is("99.0"));
        }
    }

    @Test
    public void compactionNeverDropsTheEventsOfAnotherApplication() throws IOException {
        sharedLog();
        try (FileLedger ledger = FileLedger.open(dir(), "shop")) {
            ledger.compact(0);
        }
        try (FileLedger billing = FileLedger.open(dir(), "billing")) {
            assertThat(
                    billing.liveState().live("prod").orElseThrow().candidate().version(), is("99.0"));
        }
    }

    @Test
    public void aRenamedApplicationKeepsItsHistoryAndTakesAppendsUnderItsNewName() throws IOException {
        sharedLog();
        try (FileLedger ledger = FileLedger.open(dir(), "shop")) {
            ledger.append(Events.passed("prod", "1.1", 3));
        }
        assertThat(Files.exists(dir().resolve(FileLedger.SNAPSHOT)), is(true));

        assertThat(FileLedger.renameApplication(dir(), "shop", "store"), is(3L));

        assertThat(Files.exists(dir().resolve(FileLedger.SNAPSHOT)), is(false));
        try (FileLedger store = FileLedger.open(dir(), "store")) {
            assertThat(store.liveState().live("prod").orElseThrow().candidate().version(), is("1.0"));
            assertThat(
                    store.liveState().live("staging").orElseThrow().candidate().version(), is("1.1"));
            List<LedgerEvent> events = store.events();
            assertThat(events.stream().map(LedgerEvent::seq).toList(), is(List.of(1L, 3L, 4L)));
            assertThat(events.get(2).verdict().application(), is("store"));
            // the old name is gone; the next event comes after every seq, billing's included
            assertThat(
                    store.append(LedgerEvent.deploymentSucceeded("store", "prod", candidate("1.1"), "ci", at(4)))
                            .seq(),
                    is(5L));
            assertThrows(LedgerException.class, () -> store.append(succeeded("prod", "1.2", 5)));
        }
        try (FileLedger billing = FileLedger.open(dir(), "billing")) {
            assertThat(
                    billing.liveState().live("prod").orElseThrow().candidate().version(), is("99.0"));
        }
    }
}
