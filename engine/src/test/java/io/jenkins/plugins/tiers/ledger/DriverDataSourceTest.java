package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.postgresql.Driver;

/** The data source Jenkins uses: a driver object, the configured user, timeouts that hold. */
public class DriverDataSourceTest {

    @Test
    public void connectsAsTheConfiguredUserWithTheApplicationName() throws Exception {
        PostgresTestDatabase db = PostgresTestDatabase.require();
        DriverDataSource ds = new DriverDataSource(
                Driver::new,
                db.location.jdbcUrl(),
                () -> new DriverDataSource.Login(db.user, db.password),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                "deployment-tiers-test");
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_user, current_setting('application_name')")) {
            assertThat(rs.next(), is(true));
            assertThat(rs.getString(1), is(db.user));
            assertThat(rs.getString(2), is("deployment-tiers-test"));
        }
        assertThat(ds.toString(), not(containsString(db.password)));
    }

    @Test
    public void aWrongPasswordIsRefusedWithoutRepeatingIt() {
        PostgresTestDatabase db = PostgresTestDatabase.require();
        DriverDataSource ds = new DriverDataSource(
                Driver::new,
                db.location.jdbcUrl(),
                () -> new DriverDataSource.Login(db.user, "not-the-password-xyzzy"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                "t");
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertThat(String.valueOf(e.getMessage()), not(containsString("xyzzy")));
    }

    /** A server that accepts the connection and never answers: the connect timeout ends the wait. */
    @Test
    public void aServerThatNeverAnswersFailsWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            DriverDataSource ds = new DriverDataSource(
                    Driver::new,
                    "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/x",
                    () -> new DriverDataSource.Login("u", "p"),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2),
                    "t");
            long start = System.nanoTime();
            assertThrows(SQLException.class, ds::getConnection);
            assertThat(Duration.ofNanos(System.nanoTime() - start).toSeconds(), lessThan(15L));
        }
    }

    /** What a supplier throws (no driver installed, no such credential) reaches the ledger as it is. */
    @Test
    public void aSupplierThatCannotAnswerFailsTheConnectionWithItsOwnReason() {
        DriverDataSource ds = new DriverDataSource(
                () -> {
                    throw new LedgerException("db", "the PostgreSQL JDBC driver is not installed");
                },
                "jdbc:postgresql://db/x",
                () -> new DriverDataSource.Login("u", "p"),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                "t");
        LedgerException e = assertThrows(LedgerException.class, ds::getConnection);
        assertThat(e.getMessage(), containsString("not installed"));
        assertThat(new DriverDataSource.Login("u", "hunter2").toString(), not(containsString("hunter2")));
    }

    @Test
    public void aUrlTheDriverDoesNotTakeIsAConnectionError() {
        DriverDataSource ds = new DriverDataSource(
                Driver::new,
                "jdbc:mysql://db/x",
                () -> new DriverDataSource.Login("u", "p"),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                "t");
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertThat(e.getSQLState(), is("08001"));
    }
}
