package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.ledger.PostgresLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PostgresStoreTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final PostgresLocation db = PostgresLocation.parse("postgresql://db.example:5433/ledgers");

    private Path pgpass(String text) throws IOException {
        Path file = tmp.newFile("pgpass").toPath();
        Files.writeString(file, text);
        return file;
    }

    @Test
    public void theEnvironmentComesFirstTiersDbPasswordBeforePgpassword() throws IOException {
        String file = pgpass("*:*:*:*:from-file\n").toString();
        assertThat(
                PostgresStore.password(
                        db, "ci", Map.of("TIERS_DB_PASSWORD", "tiers", "PGPASSWORD", "pg", "PGPASSFILE", file)),
                is(Optional.of("tiers")));
        assertThat(
                PostgresStore.password(db, "ci", Map.of("PGPASSWORD", "pg", "PGPASSFILE", file)),
                is(Optional.of("pg")));
        assertThat(PostgresStore.password(db, "ci", Map.of("PGPASSFILE", file)), is(Optional.of("from-file")));
    }

    @Test
    public void thePgpassFileGivesTheFirstLineMatchingHostPortDatabaseAndUser() throws IOException {
        String file = pgpass("# comment\n"
                        + "db.example:5432:ledgers:ci:wrong-port\n"
                        + "db.example:5433:ledgers:other:wrong-user\n"
                        + "db.example:5433:*:ci:pa\\:ss\\\\word\n"
                        + "*:*:*:*:fallback\n")
                .toString();
        assertThat(PostgresStore.password(db, "ci", Map.of("PGPASSFILE", file)), is(Optional.of("pa:ss\\word")));
        assertThat(PostgresStore.password(db, "nobody", Map.of("PGPASSFILE", file)), is(Optional.of("fallback")));
    }

    @Test
    public void noPasswordAnywhereIsNone() {
        assertThat(
                PostgresStore.password(
                        db,
                        "ci",
                        Map.of(
                                "PGPASSFILE",
                                tmp.getRoot().toPath().resolve("none").toString())),
                is(Optional.empty()));
    }
}
