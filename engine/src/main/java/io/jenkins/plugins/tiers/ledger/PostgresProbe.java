package io.jenkins.plugins.tiers.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * What an administrator needs to know before pointing controllers at a database: that it answers,
 * as whom, and whether the ledger schema is there or may be created. Read without changing
 * anything, so that testing a connection never creates tables in the wrong database.
 *
 * @param serverVersion the server's {@code server_version}
 * @param user the role the connection logged in as
 * @param schemaExists whether the ledger schema is already there
 * @param schemaUsable whether the role may use and create tables in it (false when it does not exist)
 * @param mayCreateSchema whether the role may create the schema in this database
 * @param applications the applications with a ledger in the schema, in name order
 */
public record PostgresProbe(
        String serverVersion,
        String user,
        boolean schemaExists,
        boolean schemaUsable,
        boolean mayCreateSchema,
        List<String> applications) {

    public PostgresProbe {
        applications = List.copyOf(applications);
    }

    /** Whether the ledger can be opened here: its schema is usable, or it may be created. */
    public boolean ready() {
        return schemaExists ? schemaUsable : mayCreateSchema;
    }

    /**
     * Connects once and reads what the role may do.
     *
     * @throws LedgerException naming {@code location} when the database cannot be reached or refuses
     */
    public static PostgresProbe of(DataSource dataSource, PostgresLocation location) {
        String query = "SELECT current_setting('server_version'), current_user,"
                + " has_database_privilege(current_database(), 'CREATE'),"
                + " EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?),"
                + " CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)"
                + " THEN has_schema_privilege(?, 'USAGE') AND has_schema_privilege(?, 'CREATE') ELSE false END";
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(query)) {
            st.setQueryTimeout(10);
            for (int i = 1; i <= 4; i++) {
                st.setString(i, location.schema());
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                boolean exists = rs.getBoolean(4);
                boolean usable = rs.getBoolean(5);
                return new PostgresProbe(
                        rs.getString(1),
                        rs.getString(2),
                        exists,
                        usable,
                        rs.getBoolean(3),
                        usable ? PostgresLedger.applications(dataSource, location) : List.of());
            }
        } catch (SQLException e) {
            throw new LedgerException(location.toString(), "cannot connect to the database", e);
        }
    }
}
