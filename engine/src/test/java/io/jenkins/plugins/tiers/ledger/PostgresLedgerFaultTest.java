package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.succeeded;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The PostgreSQL ledger when the network or the server fails: it says which database, never hangs,
 * never half-writes, stores a retried append once and resumes when the database is back.
 */
public class PostgresLedgerFaultTest {

    private PostgresTestDatabase db;
    private String schema;
    private TcpProxy proxy;

    @Before
    public void start() throws IOException {
        db = PostgresTestDatabase.require();
        schema = PostgresTestDatabase.freshSchema();
        proxy = new TcpProxy(db.location.host(), db.location.port());
    }

    @After
    public void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (schema != null) {
            PostgresTestDatabase.dropSchema(db.direct(), schema);
        }
    }

    private PostgresLocation location() {
        return db.location.withSchema(schema);
    }

    private PostgresLedger throughProxy() {
        return PostgresLedger.open(db.direct("127.0.0.1", proxy.port()), location(), Events.APP);
    }

    private long rows(String table) throws SQLException {
        try (Connection c = db.direct().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + PostgresSchema.quote(schema) + "." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    public void anAppendWhoseAcknowledgementWasLostIsRetriedAndStoredOnce() throws SQLException {
        PostgresLedger ledger = throughProxy();
        ledger.append(succeeded("dev", "1.0", 1));
        proxy.cutNextCommitAcknowledgements(1);
        LedgerEvent stored = ledger.append(succeeded("dev", "1.1", 2));
        assertThat(proxy.cut(), is(1));
        assertThat(stored.seq(), is(2L));
        assertThat(rows("ledger_event"), is(2L));
        assertThat(ledger.events(), hasSize(2));
        assertThat(ledger.append(succeeded("dev", "1.2", 3)).seq(), is(3L));
        assertThat(ledger.liveState(), is(LedgerContractTest.replay(ledger)));
    }

    @Test
    public void aConnectionKilledBeforeCommitLeavesNothingHalfWritten() throws SQLException {
        DataSource admin = db.direct();
        AtomicInteger kills = new AtomicInteger();
        PostgresLedger.Probe killer = c -> {
            kills.incrementAndGet();
            terminate(admin, backendPid(c));
        };
        PostgresLedger ledger = PostgresLedger.open(db.direct(), location().toString(), schema, Events.APP, 10, killer);
        LedgerException e = assertThrows(LedgerException.class, () -> ledger.append(succeeded("dev", "1.0", 1)));
        assertThat(kills.get(), is(PostgresLedger.ATTEMPTS));
        assertThat(e.getMessage(), containsString(location().toString()));
        // the event, its candidate and the application's row went with the transaction
        assertThat(rows("ledger_event"), is(0L));
        assertThat(rows("ledger_candidate"), is(0L));
        assertThat(rows("ledger_application"), is(0L));
        PostgresLedger healthy = PostgresLedger.open(db.direct(), location(), Events.APP);
        assertThat(healthy.events(), is(empty()));
        assertThat(healthy.append(succeeded("dev", "1.0", 2)).seq(), is(1L));
    }

    @Test
    public void aConnectionKilledOnceIsRetriedOnAFreshOne() throws SQLException {
        DataSource admin = db.direct();
        AtomicInteger kills = new AtomicInteger();
        PostgresLedger.Probe killOnce = c -> {
            if (kills.getAndIncrement() == 0) {
                terminate(admin, backendPid(c));
            }
        };
        PostgresLedger ledger =
                PostgresLedger.open(db.direct(), location().toString(), schema, Events.APP, 10, killOnce);
        assertThat(ledger.append(succeeded("dev", "1.0", 1)).seq(), is(1L));
        assertThat(kills.get(), is(2));
        assertThat(rows("ledger_event"), is(1L));
    }

    @Test
    public void anUnreachableDatabaseFailsPromptlyNamingItButNeverThePassword() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        PostgresLocation nowhere =
                new PostgresLocation("127.0.0.1", closed, db.location.database(), schema, java.util.Optional.empty());
        long start = System.nanoTime();
        LedgerException e = assertThrows(
                LedgerException.class, () -> PostgresLedger.open(db.direct("127.0.0.1", closed), nowhere, Events.APP));
        assertThat((System.nanoTime() - start) / 1_000_000_000L, lessThan(10L));
        assertThat(e.getMessage(), containsString("postgresql://127.0.0.1:" + closed + "/"));
        assertThat(e.getMessage(), containsString("cannot be reached"));
        assertThat(e.getMessage(), not(containsString(db.password.isEmpty() ? "\u0000" : db.password)));
    }

    @Test
    public void aDatabaseThatGoesDownFailsAppendsAndReadsAndTheSameLedgerResumesWhenItIsBack() {
        PostgresLedger ledger = throughProxy();
        ledger.append(succeeded("dev", "1.0", 1));
        proxy.down();
        long start = System.nanoTime();
        LedgerException append = assertThrows(LedgerException.class, () -> ledger.append(succeeded("dev", "1.1", 2)));
        assertThat(append.getMessage(), containsString(location().toString()));
        assertThrows(LedgerException.class, ledger::liveState);
        // a gate reading the ledger through its history fails closed: it cannot read, it does not pass
        assertThrows(
                LedgerException.class, () -> LedgerPromotionHistory.of(ledger).unaccountedLines());
        assertThat((System.nanoTime() - start) / 1_000_000_000L, lessThan(20L));
        proxy.up();
        assertThat(ledger.append(succeeded("dev", "1.1", 3)).seq(), is(2L));
        assertThat(ledger.liveState().live("dev").orElseThrow().candidate().version(), is("1.1"));
    }

    @Test
    public void anEventOfATypeThisVersionDoesNotKnowBlocksGatesAndIsSkippedNamingItsSequenceNumber()
            throws SQLException {
        PostgresLedger ledger = PostgresLedger.open(db.direct(), location(), Events.APP);
        ledger.append(succeeded("dev", "1.0", 1));
        assertThat(ledger.unaccounted(), is(empty()));
        // what a newer version would write: a new type, and the type added to the application's list
        String s = PostgresSchema.quote(schema);
        try (Connection c = db.direct().getConnection();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + s + ".ledger_event (application, seq, event_id, type, version, body) VALUES"
                    + " ('shop', 2, 'future-1', 'TRAFFIC_MIRRORED', '1.0', '{\"schema\":2,\"seq\":2,\"type\":"
                    + "\"TRAFFIC_MIRRORED\",\"time\":\"2026-03-01T08:05:00Z\",\"application\":\"shop\",\"tier\":"
                    + "\"dev\",\"candidate\":{\"version\":\"1.0\"}}')");
            st.execute("UPDATE " + s + ".ledger_application SET last_seq = 2, event_types = event_types ||"
                    + " '{TRAFFIC_MIRRORED}' WHERE application = 'shop'");
        }
        List<String> unaccounted = ledger.unaccounted();
        assertThat(unaccounted, hasSize(1));
        assertThat(unaccounted.get(0), containsString(location() + " application \"shop\" seq 2: not a ledger event"));
        assertThat(unaccounted.get(0), containsString("TRAFFIC_MIRRORED"));
        assertThat(LedgerPromotionHistory.of(ledger).unaccountedLines(), is(unaccounted));
        ScanResult scan = ledger.scan(e -> {});
        assertThat(scan.events(), is(1L));
        assertThat(scan.skipped(), hasSize(1));
        assertThat(ledger.append(succeeded("dev", "1.1", 3)).seq(), is(3L));
    }

    @Test
    public void anUnreadableSavedLiveStateIsFoldedAfreshFromTheEvents() throws SQLException {
        PostgresLedger ledger = PostgresLedger.open(db.direct(), location(), Events.APP);
        ledger.append(succeeded("dev", "1.0", 1));
        ledger.append(succeeded("prod", "1.0", 2));
        try (Connection c = db.direct().getConnection();
                Statement st = c.createStatement()) {
            st.execute("UPDATE " + PostgresSchema.quote(schema) + ".ledger_application SET state = '{\"tiers\": 7'");
        }
        PostgresLedger other = PostgresLedger.open(db.direct(), location(), Events.APP);
        assertThat(other.liveState(), is(LedgerContractTest.replay(other)));
        assertThat(other.liveState().live("prod").orElseThrow().candidate().version(), is("1.0"));
        assertThat(other.append(succeeded("dev", "1.1", 3)).seq(), is(3L));
        assertThat(ledger.liveState(), is(LedgerContractTest.replay(ledger)));
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void terminate(DataSource admin, int pid) throws SQLException {
        try (Connection c = admin.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT pg_terminate_backend(?, 5000)")) {
            st.setInt(1, pid);
            st.execute();
        }
    }
}
