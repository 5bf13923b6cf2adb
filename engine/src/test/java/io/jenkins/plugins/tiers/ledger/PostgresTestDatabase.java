package io.jenkins.plugins.tiers.ledger;

import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the tests use, named by the environment ({@code .ci/run} starts one and
 * sets these): {@value #URL} ({@code postgresql://127.0.0.1:5432/tiers_test}), {@value #USER} and
 * {@value #PASSWORD}. Without them a test is skipped locally and fails in CI ({@code CI=true}),
 * so CI can never pass without exercising PostgreSQL.
 */
final class PostgresTestDatabase {

    static final String URL = "TIERS_TEST_POSTGRES_URL";
    static final String USER = "TIERS_TEST_POSTGRES_USER";
    static final String PASSWORD = "TIERS_TEST_POSTGRES_PASSWORD";

    final PostgresLocation location;
    final String user;
    final String password;

    private PostgresTestDatabase(PostgresLocation location, String user, String password) {
        this.location = location;
        this.user = user;
        this.password = password;
    }

    /** The configured server; skips the calling test (fails it in CI) when there is none. */
    static PostgresTestDatabase require() {
        String url = System.getenv(URL);
        if (url == null || url.isBlank()) {
            String why = URL + " is not set: the PostgreSQL ledger tests need a server (see README, \"The tests\")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + "; in CI they must run, .ci/run starts one");
            }
            assumeTrue(why, false);
        }
        PostgresLocation location = PostgresLocation.parse(url);
        String user = System.getenv(USER) != null
                ? System.getenv(USER)
                : location.user().orElse(System.getProperty("user.name"));
        String password = System.getenv(PASSWORD) != null ? System.getenv(PASSWORD) : "";
        return new PostgresTestDatabase(location, user, password);
    }

    /** A schema name no other test uses. */
    static String freshSchema() {
        return "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** A data source without a pool, reaching the server at {@code host:port} (a proxy, a closed port). */
    PGSimpleDataSource direct(String host, int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {host});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(location.database());
        ds.setUser(user);
        ds.setPassword(password);
        ds.setConnectTimeout(3);
        ds.setSocketTimeout(20);
        ds.setApplicationName("tiers-test");
        return ds;
    }

    /** A data source straight to the server. */
    PGSimpleDataSource direct() {
        return direct(location.host(), location.port());
    }

    /** A pool of its own, as each controller or {@code tiers} process has. */
    HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(5000);
        config.setPoolName("tiers-test-" + UUID.randomUUID().toString().substring(0, 8));
        config.addDataSourceProperty("socketTimeout", "30");
        return new HikariDataSource(config);
    }

    static void dropSchema(DataSource ds, String schema) {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + PostgresSchema.quote(schema) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }
}
