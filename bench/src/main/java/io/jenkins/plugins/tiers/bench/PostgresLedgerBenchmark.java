package io.jenkins.plugins.tiers.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.ledger.PostgresLedger;
import io.jenkins.plugins.tiers.ledger.PostgresLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The PostgreSQL ledger: appends per second with 1, 4 and 16 concurrent appenders, each append an
 * event of a new or advancing candidate (so the candidate table grows as in real use); the live
 * state read by another instance right after an append (the uncached path, as another controller
 * sees it); the last 100 candidates. Needs the server the tests use ({@code
 * TIERS_TEST_POSTGRES_URL}, {@code …_USER}, {@code …_PASSWORD}); each trial fills a schema of its
 * own by {@code copyFrom} a generated file ledger, and drops it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class PostgresLedgerBenchmark {

    @Param({"1000", "100000"})
    public int events;

    private Path dir;
    private String schema;
    private HikariDataSource pool;
    private HikariDataSource otherPool;
    private PostgresLedger ledger;
    private PostgresLedger other;
    private final AtomicInteger candidates = new AtomicInteger();

    /** One appender's next events: those of a candidate of its own, then of the next. */
    @State(Scope.Thread)
    public static class Appender {
        private List<LedgerEvent> next = List.of();
        private int i;

        LedgerEvent next(AtomicInteger candidates) {
            if (i == next.size()) {
                next = LedgerGenerator.candidateEvents(candidates.getAndIncrement());
                i = 0;
            }
            return next.get(i++);
        }
    }

    @Setup(Level.Trial)
    public void fill() throws IOException {
        String url = System.getenv("TIERS_TEST_POSTGRES_URL");
        if (url == null) {
            throw new IllegalStateException("TIERS_TEST_POSTGRES_URL names no server (see README, \"The tests\")");
        }
        schema = "bench_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        PostgresLocation location = PostgresLocation.parse(url).withSchema(schema);
        pool = pool(location, 16);
        otherPool = pool(location, 2);
        dir = Files.createTempDirectory("tiers-bench-pg-");
        LedgerGenerator.write(dir, events);
        ledger = PostgresLedger.open(pool, location, "shop");
        try (FileLedger files = FileLedger.open(dir, "shop")) {
            ledger.copyFrom(files, false);
        }
        other = PostgresLedger.open(otherPool, location, "shop");
        candidates.set(events / LedgerGenerator.EVENTS_PER_CANDIDATE + 1);
    }

    private static HikariDataSource pool(PostgresLocation location, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        config.setUsername(System.getenv().getOrDefault("TIERS_TEST_POSTGRES_USER", System.getProperty("user.name")));
        config.setPassword(System.getenv().getOrDefault("TIERS_TEST_POSTGRES_PASSWORD", ""));
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    @TearDown(Level.Trial)
    public void drop() throws IOException, SQLException {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
        }
        pool.close();
        otherPool.close();
        LedgerGenerator.delete(dir);
    }

    @Benchmark
    @Threads(1)
    public LedgerEvent appendOneAppender(Appender appender) {
        return ledger.append(appender.next(candidates));
    }

    @Benchmark
    @Threads(4)
    public LedgerEvent appendFourAppenders(Appender appender) {
        return ledger.append(appender.next(candidates));
    }

    @Benchmark
    @Threads(16)
    public LedgerEvent appendSixteenAppenders(Appender appender) {
        return ledger.append(appender.next(candidates));
    }

    /** An append, then the live state as another instance (another controller) reads it. */
    @Benchmark
    public LiveState liveStateAfterAnotherAppended(Appender appender) {
        ledger.append(appender.next(candidates));
        return other.liveState();
    }

    @Benchmark
    public List<CandidatePath> lastHundredCandidates() {
        return other.lastCandidates(100);
    }
}
