package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Testing a connection reads what the role may do and changes nothing. */
public class PostgresProbeTest {

    @Test
    public void aNewSchemaIsReportedAsMissingAndCreatableAndIsNotCreated() throws Exception {
        PostgresTestDatabase db = PostgresTestDatabase.require();
        PostgresLocation location = db.location.withSchema(PostgresTestDatabase.freshSchema());
        PostgresProbe probe = PostgresProbe.of(db.direct(), location);
        assertThat(probe.serverVersion(), startsWith("1"));
        assertThat(probe.user(), is(db.user));
        assertThat(probe.schemaExists(), is(false));
        assertThat(probe.mayCreateSchema(), is(true)); // the test role owns its database
        assertThat(probe.ready(), is(true));
        assertThat(PostgresProbe.of(db.direct(), location).schemaExists(), is(false));
    }

    @Test
    public void anExistingLedgerSchemaListsItsApplications() {
        PostgresTestDatabase db = PostgresTestDatabase.require();
        String schema = PostgresTestDatabase.freshSchema();
        PostgresLocation location = db.location.withSchema(schema);
        try {
            try (PostgresLedger ledger = PostgresLedger.open(db.direct(), location, Events.APP)) {
                ledger.append(Events.passed("test", "1.0", 1));
            }
            PostgresProbe probe = PostgresProbe.of(db.direct(), location);
            assertThat(probe.schemaExists(), is(true));
            assertThat(probe.schemaUsable(), is(true));
            assertThat(probe.applications(), is(List.of(Events.APP)));
        } finally {
            PostgresTestDatabase.dropSchema(db.direct(), schema);
        }
    }

    @Test
    public void readyOnlyWhereTheLedgerSchemaIsUsableOrMayBeCreated() {
        assertThat(new PostgresProbe("15", "u", true, true, false, List.of()).ready(), is(true));
        assertThat(new PostgresProbe("15", "u", true, false, true, List.of()).ready(), is(false));
        assertThat(new PostgresProbe("15", "u", false, false, true, List.of()).ready(), is(true));
        assertThat(new PostgresProbe("15", "u", false, false, false, List.of()).ready(), is(false));
    }

    @Test
    public void anUnreachableDatabaseIsALedgerExceptionNamingItAndNotThePassword() {
        PostgresTestDatabase db = PostgresTestDatabase.require();
        PGSimpleDataSource closed = db.direct("127.0.0.1", 1);
        LedgerException e = assertThrows(LedgerException.class, () -> PostgresProbe.of(closed, db.location));
        assertThat(e.getMessage(), containsString(db.location.toString()));
        if (!db.password.isEmpty()) {
            assertThat(e.getMessage(), not(containsString(db.password)));
        }
    }
}
