package io.jenkins.plugins.tiers.ledger;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL ledger lives, as users write it: {@code
 * postgresql://[user@]host[:port]/database[?schema=tiers]}. It never holds a password, so it can be
 * printed, logged and put in an error message as it is; the password comes from the environment or
 * a pgpass file, never from a URL someone may paste into a ticket.
 *
 * @param host the server's host name or address
 * @param port its port, 5432 unless given
 * @param database the database
 * @param schema the schema holding the ledger tables (every application shares it)
 * @param user the role to log in as, when the URL names one
 */
public record PostgresLocation(String host, int port, String database, String schema, Optional<String> user) {

    /** The schema used when the URL names none. */
    public static final String DEFAULT_SCHEMA = "tiers";

    public static final int DEFAULT_PORT = 5432;

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresLocation {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the PostgreSQL URL names no host");
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("the PostgreSQL URL names no database (postgresql://host:5432/db)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        checkSchema(schema);
        user = user == null ? Optional.empty() : user;
    }

    /** Whether {@code ledger} is a PostgreSQL URL rather than a directory. */
    public static boolean isUrl(String ledger) {
        String lower = ledger.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://");
    }

    /**
     * Reads a URL.
     *
     * @throws IllegalArgumentException naming what is wrong; never repeating a password
     */
    public static PostgresLocation parse(String url) {
        if (!isUrl(url)) {
            throw new IllegalArgumentException("a PostgreSQL ledger URL starts with postgresql://");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + e.getReason());
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException("the PostgreSQL URL holds a password; give it in PGPASSWORD,"
                    + " TIERS_DB_PASSWORD or ~/.pgpass instead, never on the command line");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        String schema = DEFAULT_SCHEMA;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (key.equals("schema")) {
                    schema = value;
                } else if (key.equals("password")) {
                    throw new IllegalArgumentException("the PostgreSQL URL holds a password; give it in PGPASSWORD,"
                            + " TIERS_DB_PASSWORD or ~/.pgpass instead, never on the command line");
                } else {
                    throw new IllegalArgumentException(
                            "unknown PostgreSQL URL parameter \"" + key + "\" (only schema is read)");
                }
            }
        }
        return new PostgresLocation(
                uri.getHost(),
                uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                database,
                schema,
                Optional.ofNullable(userInfo).map(u -> URLDecoder.decode(u, StandardCharsets.UTF_8)));
    }

    /**
     * Checks that {@code schema} is a plain lower-case identifier, so that it can be put in SQL
     * quoted and means the same to psql users.
     */
    static String checkSchema(String schema) {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema \"" + schema
                    + "\" is not a plain identifier (lower-case letters, digits and _, not starting with a digit)");
        }
        return schema;
    }

    /** The JDBC URL of the database, without user, password or schema. */
    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + database;
    }

    /** The same location in another schema. */
    public PostgresLocation withSchema(String other) {
        return new PostgresLocation(host, port, database, other, user);
    }

    /** {@code postgresql://host:5432/db?schema=tiers}: what messages name; no user, no password. */
    @Override
    public String toString() {
        return "postgresql://" + host + ":" + port + "/" + database + "?schema=" + schema;
    }
}
