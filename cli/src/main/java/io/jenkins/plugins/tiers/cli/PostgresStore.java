package io.jenkins.plugins.tiers.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.ledger.PostgresLedger;
import io.jenkins.plugins.tiers.ledger.PostgresLocation;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's way into a PostgreSQL ledger: one small connection pool per {@code tiers} process,
 * with short connect and socket timeouts, the user from the URL or the environment and the
 * password from {@code TIERS_DB_PASSWORD}, {@code PGPASSWORD} or a pgpass file — never from the
 * command line, and never printed.
 */
final class PostgresStore implements Closeable {

    /** How long a process waits for the database before saying it cannot be reached. */
    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final PostgresLocation location;
    private final HikariDataSource pool;

    private PostgresStore(PostgresLocation location, HikariDataSource pool) {
        this.location = location;
        this.pool = pool;
    }

    /** Connects lazily: a database that is down shows on the first read or append, naming it. */
    static PostgresStore connect(PostgresLocation location, Map<String, String> env) {
        String user = location.user()
                .or(() -> Optional.ofNullable(env.get("TIERS_DB_USER")))
                .or(() -> Optional.ofNullable(env.get("PGUSER")))
                .orElse(System.getProperty("user.name"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        config.setUsername(user);
        password(location, user, env).ifPresent(config::setPassword);
        config.setPoolName("tiers");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        config.setInitializationFailTimeout(-1); // fail on first use, as a LedgerException, not here
        config.addDataSourceProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("ApplicationName", "tiers");
        return new PostgresStore(location, new HikariDataSource(config));
    }

    /** The password: the environment first, then the pgpass file's first matching line. */
    static Optional<String> password(PostgresLocation location, String user, Map<String, String> env) {
        for (String name : List.of("TIERS_DB_PASSWORD", "PGPASSWORD")) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return Optional.of(value);
            }
        }
        Path file = env.get("PGPASSFILE") != null
                ? Path.of(env.get("PGPASSFILE"))
                : Path.of(System.getProperty("user.home"), ".pgpass");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> f = pgpassFields(line);
                if (f.size() == 5
                        && matches(f.get(0), location.host())
                        && matches(f.get(1), Integer.toString(location.port()))
                        && matches(f.get(2), location.database())
                        && matches(f.get(3), user)) {
                    return Optional.of(f.get(4));
                }
            }
        } catch (IOException e) {
            // an unreadable pgpass file is as good as none: the server then says the password is missing
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    /** The fields of a pgpass line: separated by {@code :}, with {@code \:} and {@code \\} escaped. */
    private static List<String> pgpassFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (ch == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** The ledger of {@code application}; with none, that of the only application in the schema. */
    PostgresLedger open(String application) {
        String app = application;
        if (app == null) {
            List<String> known = PostgresLedger.applications(pool, location);
            if (known.size() != 1) {
                throw new LedgerException(
                        location.toString(),
                        known.isEmpty()
                                ? "holds no ledger yet; name the application's ladder with --ladder FILE"
                                : "holds the ledgers of several applications (" + String.join(", ", known)
                                        + "); name the application's ladder with --ladder FILE");
            }
            app = known.get(0);
        }
        return PostgresLedger.open(pool, location, app);
    }

    PostgresLocation location() {
        return location;
    }

    @Override
    public void close() {
        pool.close();
    }
}
