package io.jenkins.plugins.tiers.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The ledger's tables in one schema, and the migrations that bring an older schema up to date. A
 * small versioned table rather than Flyway: two tables' worth of SQL does not justify a library
 * that would sit on the plugin's class path next to whatever Flyway another plugin ships, and the
 * one thing a migration tool must get right here — two controllers starting at once — is one
 * advisory lock around one transaction (see docs/ledger-postgresql.md).
 */
final class PostgresSchema {

    /** One step of the schema, applied once, in order, in a transaction. */
    record Migration(int version, String description, String sql) {}

    /** Every migration this code knows; the schema's version is that of the last one applied. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(
                    1,
                    "ledger tables",
                    """
            CREATE TABLE {s}.ledger_application (
                application text PRIMARY KEY,
                last_seq bigint NOT NULL DEFAULT 0,
                state text,
                event_types text[] NOT NULL DEFAULT '{}'
            );
            CREATE TABLE {s}.ledger_event (
                application text NOT NULL REFERENCES {s}.ledger_application ON DELETE CASCADE,
                seq bigint NOT NULL,
                event_id text NOT NULL,
                type text NOT NULL,
                version text NOT NULL,
                revision text,
                rolled_back_from text,
                recorded_at timestamptz NOT NULL DEFAULT now(),
                body text NOT NULL,
                PRIMARY KEY (application, seq),
                UNIQUE (application, event_id)
            );
            CREATE INDEX ledger_event_version ON {s}.ledger_event (application, version, seq);
            CREATE INDEX ledger_event_rolled_back_from ON {s}.ledger_event (application, rolled_back_from)
                WHERE rolled_back_from IS NOT NULL;
            CREATE TABLE {s}.ledger_candidate (
                application text NOT NULL REFERENCES {s}.ledger_application ON DELETE CASCADE,
                version text NOT NULL,
                revision text,
                first_seq bigint NOT NULL,
                last_seq bigint NOT NULL,
                PRIMARY KEY (application, version)
            );
            CREATE INDEX ledger_candidate_recent ON {s}.ledger_candidate (application, last_seq DESC);
            CREATE INDEX ledger_candidate_revision ON {s}.ledger_candidate
                (application, lower(revision) text_pattern_ops);
            """));

    private PostgresSchema() {}

    /** The version this code writes and reads. */
    static int current() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /**
     * Creates the schema's tables or brings them up to date, holding a transaction-scoped advisory
     * lock so that two processes starting at once apply each migration once.
     *
     * @return the schema version found before
     * @throws SQLException when the schema is newer than this code (it would misread it) or the
     *     database refuses
     */
    static int migrate(Connection c, String schema) throws SQLException {
        String s = quote(schema);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "deployment-tiers ledger schema " + schema);
                lock.execute();
            }
            if (!exists(c, schema)) {
                st.execute("CREATE SCHEMA " + s);
            }
            st.execute("CREATE TABLE IF NOT EXISTS " + s + ".ledger_schema_version (version int PRIMARY KEY,"
                    + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            int found;
            try (ResultSet rs =
                    st.executeQuery("SELECT coalesce(max(version), 0) FROM " + s + ".ledger_schema_version")) {
                rs.next();
                found = rs.getInt(1);
            }
            if (found > current()) {
                throw new SQLException("the ledger schema is at version " + found + ", newer than this version of"
                        + " Deployment Tiers knows (" + current() + "); upgrade it");
            }
            for (Migration m : MIGRATIONS) {
                if (m.version() > found) {
                    st.execute(m.sql().replace("{s}", s));
                    try (PreparedStatement done = c.prepareStatement(
                            "INSERT INTO " + s + ".ledger_schema_version (version, description) VALUES (?, ?)")) {
                        done.setInt(1, m.version());
                        done.setString(2, m.description());
                        done.executeUpdate();
                    }
                }
            }
            c.commit();
            return found;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Connection c, String schema) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The schema as a quoted SQL identifier; safe because {@link PostgresLocation#checkSchema} allows no quote. */
    static String quote(String schema) {
        return '"' + PostgresLocation.checkSchema(schema) + '"';
    }
}
