package io.jenkins.plugins.tiers.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.PostgresLedger;
import io.jenkins.plugins.tiers.ledger.PostgresLocation;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * A generated ledger of a given size in one store, built once and kept between runs (a directory
 * under {@code TIERS_BENCH_LEDGERS}, by default the temporary directory, or a schema of the test
 * database), keyed by its size and {@link LedgerGenerator#VERSION}; {@link #reset} brings it back to
 * exactly that size, cheaply, after a benchmark appended to it. Two instances are open on it: the
 * one appenders use, and another, as a second controller (or a {@code tiers} process) would see it.
 */
abstract class SizedLedger implements AutoCloseable {

    /** The application of the generated events. */
    static final String APPLICATION = "shop";

    final int events;
    Ledger ledger;
    Ledger other;

    SizedLedger(int events) {
        this.events = events;
    }

    /** The store named {@code store} ({@code file} or {@code postgresql}), reset to {@code events} events. */
    static SizedLedger open(String store, int events) throws IOException {
        SizedLedger s =
                switch (store) {
                    case "file" -> new FileStore(events);
                    case "postgresql" -> new PostgresStore(events);
                    default -> throw new IllegalArgumentException("no such store: " + store);
                };
        s.reset();
        return s;
    }

    /** Closes both instances and what they use. */
    @Override
    public abstract void close();

    /** Closes both instances, brings the store back to the generated events, and opens them again. */
    abstract void reset() throws IOException;

    static Path cache() throws IOException {
        String dir = System.getenv("TIERS_BENCH_LEDGERS");
        Path cache = dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "tiers-bench-ledgers");
        return Files.createDirectories(cache);
    }

    void closeInstances() {
        if (ledger != null) {
            ledger.close();
            ledger = null;
        }
        if (other != null) {
            other.close();
            other = null;
        }
    }

    /**
     * A file ledger. Built by {@link LedgerGenerator#write} and opened once (which saves its
     * snapshot); the log's length and the snapshot are then kept aside, and a reset cuts the log
     * back to that length (appends only ever add to its end) and puts the snapshot back.
     */
    static final class FileStore extends SizedLedger {
        private final Path root;
        private final Path dir;

        FileStore(int events) throws IOException {
            super(events);
            root = cache().resolve("file-" + events + "-g" + LedgerGenerator.VERSION);
            dir = root.resolve("ledger");
            if (!Files.exists(root.resolve("length"))) {
                build();
            }
        }

        private void build() throws IOException {
            if (Files.exists(root)) {
                LedgerGenerator.delete(root);
            }
            LedgerGenerator.write(dir, events);
            FileLedger.open(dir, APPLICATION).close(); // builds and saves the snapshot
            Files.copy(dir.resolve("live-state.json"), root.resolve("live-state.json"));
            long length = Files.size(dir.resolve("events.jsonl"));
            // written last: a build cut short is done again
            Files.writeString(root.resolve("length"), Long.toString(length));
        }

        @Override
        void reset() throws IOException {
            closeInstances();
            long length = Long.parseLong(Files.readString(root.resolve("length"), StandardCharsets.US_ASCII)
                    .trim());
            try (FileChannel log = FileChannel.open(dir.resolve("events.jsonl"), StandardOpenOption.WRITE)) {
                log.truncate(length);
            }
            Files.copy(
                    root.resolve("live-state.json"),
                    dir.resolve("live-state.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    String name = String.valueOf(p.getFileName());
                    if (!List.of("events.jsonl", "live-state.json", FileLedger.LOCK)
                            .contains(name)) {
                        Files.delete(p);
                    }
                }
            }
            ledger = FileLedger.open(dir, APPLICATION);
            other = FileLedger.open(dir, APPLICATION);
        }

        @Override
        public void close() {
            closeInstances();
        }
    }

    /**
     * A ledger in a schema of the test database ({@code TIERS_TEST_POSTGRES_URL}, {@code …_USER},
     * {@code …_PASSWORD}), filled once by {@link Ledger#copyFrom} the file ledger of the same size; a
     * reset deletes the events and candidates after the generated ones and puts the application's
     * row (last sequence number, live state) back as it was.
     */
    static final class PostgresStore extends SizedLedger {
        private final String schema;
        private final PostgresLocation location;
        private final HikariDataSource pool;
        private final HikariDataSource otherPool;

        PostgresStore(int events) throws IOException {
            super(events);
            String url = System.getenv("TIERS_TEST_POSTGRES_URL");
            if (url == null) {
                throw new IllegalStateException(
                        "TIERS_TEST_POSTGRES_URL names no server (see README, \"The tests\"); run with -p store=file");
            }
            schema = "bench_" + events + "_g" + LedgerGenerator.VERSION;
            location = PostgresLocation.parse(url).withSchema(schema);
            pool = pool(location, 16);
            otherPool = pool(location, 2);
            try {
                if (!built()) {
                    build();
                }
            } catch (SQLException e) {
                throw new IOException("cannot prepare " + location, e);
            }
        }

        private static HikariDataSource pool(PostgresLocation location, int size) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(location.jdbcUrl());
            config.setUsername(
                    System.getenv().getOrDefault("TIERS_TEST_POSTGRES_USER", System.getProperty("user.name")));
            config.setPassword(System.getenv().getOrDefault("TIERS_TEST_POSTGRES_PASSWORD", ""));
            config.setMaximumPoolSize(size);
            return new HikariDataSource(config);
        }

        private String table(String name) {
            return "\"" + schema + "\"." + name;
        }

        private boolean built() throws SQLException {
            try (Connection c = pool.getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT to_regclass('" + table("bench_generated") + "')")) {
                return rs.next() && rs.getString(1) != null;
            }
        }

        private void build() throws IOException, SQLException {
            try (Connection c = pool.getConnection();
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
            try (FileStore source = new FileStore(events)) {
                source.reset();
                PostgresLedger target = PostgresLedger.open(pool, location, APPLICATION);
                target.copyFrom(source.ledger, false);
                target.close();
            }
            try (Connection c = pool.getConnection();
                    Statement st = c.createStatement()) {
                // written last: a build cut short is done again
                st.execute("CREATE TABLE " + table("bench_generated") + " AS SELECT * FROM "
                        + table("ledger_application") + " WHERE application = '" + APPLICATION + "'");
                st.execute("VACUUM ANALYZE " + table("ledger_event"));
                st.execute("VACUUM ANALYZE " + table("ledger_candidate"));
            }
        }

        @Override
        void reset() throws IOException {
            closeInstances();
            try (Connection c = pool.getConnection();
                    Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                String app = "'" + APPLICATION + "'";
                int extra = st.executeUpdate("DELETE FROM " + table("ledger_event") + " WHERE application = " + app
                        + " AND seq > " + events);
                st.executeUpdate("DELETE FROM " + table("ledger_candidate") + " WHERE application = " + app
                        + " AND first_seq > " + events);
                st.executeUpdate("UPDATE " + table("ledger_application") + " a SET last_seq = g.last_seq,"
                        + " state = g.state, event_types = g.event_types FROM " + table("bench_generated")
                        + " g WHERE a.application = g.application");
                c.commit();
                c.setAutoCommit(true);
                if (extra > 0) {
                    st.execute("VACUUM " + table("ledger_event"));
                    st.execute("VACUUM " + table("ledger_candidate"));
                }
            } catch (SQLException e) {
                throw new IOException("cannot reset " + location, e);
            }
            ledger = PostgresLedger.open(pool, location, APPLICATION);
            other = PostgresLedger.open(otherPool, location, APPLICATION);
        }

        @Override
        public void close() {
            closeInstances();
            pool.close();
            otherPool.close();
        }
    }
}
