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

    private static final String JDBC_PREFIX = "jdbc:postgresql://";

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
     * Reads a JDBC URL as Jenkins administrators write it, {@code
     * jdbc:postgresql://host[:port]/database[?driver parameters]}, with the schema given apart. The
     * driver's parameters ({@code sslmode} and the like) are the driver's and are not kept here; a
     * user or password in the URL is refused, since they come from a credential.
     *
     * @throws IllegalArgumentException naming what is wrong; never repeating a password
     */
    public static PostgresLocation ofJdbcUrl(String jdbcUrl, String schema) {
        String url = jdbcUrl == null ? "" : jdbcUrl.trim();
        if (!url.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())) {
            throw new IllegalArgumentException(
                    "a PostgreSQL JDBC URL starts with " + JDBC_PREFIX + " (jdbc:postgresql://host:5432/database)");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + url.substring(JDBC_PREFIX.length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a JDBC URL: " + e.getReason());
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "the JDBC URL names a user; give the user and password as a credential instead");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "the JDBC URL names no host (one host: jdbc:postgresql://host:5432/database)");
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                if (key.equals("password") || key.equals("user")) {
                    throw new IllegalArgumentException(
                            "the JDBC URL holds a " + key + "; give the user and password as a credential instead");
                }
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new PostgresLocation(
                uri.getHost(),
                uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                path.startsWith("/") ? path.substring(1) : path,
                schema == null || schema.isBlank() ? DEFAULT_SCHEMA : schema.trim(),
                Optional.empty());
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
