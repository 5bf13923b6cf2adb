package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.succeeded;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The snapshot is a cache, never a source of truth: one that was edited, that was taken of a log
 * since changed, or that misses parts is rebuilt from the log, with a warning, never an exception.
 */
public class LedgerSnapshotTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir() {
        return tmp.getRoot().toPath().resolve("ledger");
    }

    private Path snapshot() {
        return dir().resolve(FileLedger.SNAPSHOT);
    }

    private void deployed(String... versions) {
        try (FileLedger ledger = FileLedger.open(dir())) {
            for (int i = 0; i < versions.length; i++) {
                ledger.append(succeeded("prod", versions[i], i));
            }
        }
    }

    private static String live(FileLedger ledger) {
        return ledger.liveState().live("prod").orElseThrow().candidate().version();
    }

    @Test
    public void aCleanSnapshotIsUsedWithoutAWarning() {
        deployed("1.0", "1.1");
        assertThat(Files.exists(snapshot()), is(true));
        try (FileLedger ledger = FileLedger.open(dir())) {
            assertThat(live(ledger), is("1.1"));
            assertThat(ledger.warnings(), is(empty()));
        }
    }

    @Test
    public void aSnapshotEditedToPutAVersionLiveThatTheLogNeverPutThereIsRebuilt() throws IOException {
        deployed("1.0", "1.1");
        String text = Files.readString(snapshot(), StandardCharsets.UTF_8);
        Files.writeString(snapshot(), text.replace("\"version\":\"1.1\"", "\"version\":\"6.6.6\""));
        try (FileLedger ledger = FileLedger.open(dir())) {
            assertThat(live(ledger), is("1.1"));
            assertThat(
                    ledger.warnings(), hasItem(containsString(snapshot() + ": the snapshot does not match its seal")));
        }
    }

    @Test
    public void aSnapshotOfALogThatChangedBeforeItsEndIsRebuilt() throws IOException {
        deployed("1.0", "1.1", "1.2");
        Path log = dir().resolve(FileLedger.EVENTS);
        byte[] bytes = Files.readAllBytes(log);
        // the second line's version 1.1 becomes 1.7: same length, same last line, same seq
        String text = new String(bytes, StandardCharsets.UTF_8);
        int second = text.indexOf('\n') + 1;
        String changed = text.substring(0, second) + text.substring(second).replaceFirst("\"1\\.1\"", "\"1.7\"");
        assertThat(changed.length(), is(text.length()));
        Files.writeString(log, changed, StandardCharsets.UTF_8);
        try (FileLedger ledger = FileLedger.open(dir())) {
            assertThat(ledger.candidate("1.7").isPresent(), is(true));
            assertThat(
                    ledger.warnings(),
                    hasItem(containsString(snapshot() + ": the log changed before byte " + bytes.length)));
            assertThat(ledger.lastCandidates(3).get(1).version(), is("1.7"));
        }
    }

    @Test
    public void aSnapshotWithNullOrMissingFieldsIsRebuiltNeverAnException() throws IOException {
        deployed("1.0", "1.1");
        long size = Files.size(dir().resolve(FileLedger.EVENTS));
        for (String broken : List.of(
                "{}",
                "null",
                "{\"schema\":1,\"seq\":2,\"logSize\":" + size + ",\"tiers\":[{\"tier\":null}],\"index\":[null]}",
                "{\"schema\":3,\"seq\":2,\"logSize\":" + size + ",\"tiers\":[null],\"index\":[]}",
                "{\"schema\":3,\"seq\":2,\"tiers\":[{\"tier\":\"prod\",\"live\":{\"candidate\":null}}]}")) {
            Files.writeString(snapshot(), broken, StandardCharsets.UTF_8);
            try (FileLedger ledger = FileLedger.open(dir())) {
                assertThat(broken, live(ledger), is("1.1"));
                assertThat(broken, ledger.liveState().tiers().size(), is(1));
            }
        }
    }

    @Test
    public void restoringASnapshotWithAMissingPartFailsAsIncompleteNotWithANullPointer() {
        Projection.Snapshot missingTier = new Projection.Snapshot(
                Projection.SNAPSHOT_SCHEMA,
                "shop",
                1,
                10,
                "key",
                1,
                0,
                true,
                Arrays.asList((Projection.SavedTier) null),
                List.of(),
                null,
                0,
                null,
                0,
                null,
                "digest",
                null,
                null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Projection.restore(missingTier, 10));
        assertThat(e.getMessage(), is("a tier is missing"));
    }
}
