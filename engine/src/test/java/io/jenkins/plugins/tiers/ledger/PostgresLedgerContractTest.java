package io.jenkins.plugins.tiers.ledger;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;

/**
 * The ledger contract on PostgreSQL: every application of a test in one fresh schema, each
 * instance with its own connection pool, as each controller or {@code tiers} process has.
 */
public class PostgresLedgerContractTest extends LedgerContractTest {

    private PostgresTestDatabase db;
    private String schema;
    private final List<HikariDataSource> pools = new ArrayList<>();

    @Before
    public void freshSchema() {
        db = PostgresTestDatabase.require();
        schema = PostgresTestDatabase.freshSchema();
    }

    @Override
    protected Ledger openStore(String application) {
        HikariDataSource pool = db.pool(4);
        pools.add(pool);
        return PostgresLedger.open(pool, db.location.withSchema(schema), application);
    }

    @After
    public void dropSchema() {
        if (schema != null && !pools.isEmpty()) {
            PostgresTestDatabase.dropSchema(pools.get(0), schema);
        }
        pools.forEach(HikariDataSource::close);
    }
}
