package io.jenkins.plugins.tiers.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.DriverDataSource;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.ledger.PostgresLedger;
import io.jenkins.plugins.tiers.ledger.PostgresLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.Driver;

/**
 * What the Jenkins controller's PostgreSQL store pays for opening a connection per ledger call (its
 * {@link DriverDataSource}, no pool) against the same reads through a HikariCP pool, the baseline,
 * in the same run: the live state (what every gate and page asks first) and the last 100
 * candidates (the promotion view), on a ledger of 1,000 events. Needs the server the tests use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class PostgresConnectionBenchmark {

    private static final int EVENTS = 1000;

    private Path dir;
    private String schema;
    private HikariDataSource pool;
    private PostgresLedger pooled;
    private PostgresLedger perCall;

    @Setup
    public void fill() throws IOException {
        String url = System.getenv("TIERS_TEST_POSTGRES_URL");
        if (url == null) {
            throw new IllegalStateException("TIERS_TEST_POSTGRES_URL names no server (see README, \"The tests\")");
        }
        String user = System.getenv().getOrDefault("TIERS_TEST_POSTGRES_USER", System.getProperty("user.name"));
        String password = System.getenv().getOrDefault("TIERS_TEST_POSTGRES_PASSWORD", "");
        schema = "bench_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        PostgresLocation location = PostgresLocation.parse(url).withSchema(schema);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        dir = Files.createTempDirectory("tiers-bench-pgconn-");
        LedgerGenerator.write(dir, EVENTS);
        pooled = PostgresLedger.open(pool, location, "shop");
        try (FileLedger files = FileLedger.open(dir, "shop")) {
            pooled.copyFrom(files, false);
        }
        DriverDataSource direct = new DriverDataSource(
                Driver::new,
                location.jdbcUrl(),
                () -> new DriverDataSource.Login(user, password),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                "tiers-bench");
        perCall = PostgresLedger.open(direct, location, "shop");
    }

    @TearDown
    public void drop() throws IOException, SQLException {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
        }
        pool.close();
        LedgerGenerator.delete(dir);
    }

    @Benchmark
    public LiveState liveStatePooled() {
        return pooled.liveState();
    }

    @Benchmark
    public LiveState liveStateConnectionPerCall() {
        return perCall.liveState();
    }

    @Benchmark
    public List<CandidatePath> last100Pooled() {
        return pooled.lastCandidates(100);
    }

    @Benchmark
    public List<CandidatePath> last100ConnectionPerCall() {
        return perCall.lastCandidates(100);
    }
}
