package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Concurrent appends through one PostgreSQL ledger share transactions: while one batch commits,
 * the others queue and go together in the next, so many appenders cost a few commits, not one
 * each, and still get gapless sequence numbers.
 */
public class PostgresLedgerGroupCommitTest {

    private PostgresTestDatabase db;
    private String schema;

    @Before
    public void server() {
        db = PostgresTestDatabase.require();
        schema = PostgresTestDatabase.freshSchema();
    }

    @After
    public void drop() {
        if (schema != null) {
            PostgresTestDatabase.dropSchema(db.direct(), schema);
        }
    }

    @Test
    public void eightThreadsAppendingAtOnceShareCommitsAndGetGaplessSequenceNumbers() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        PostgresLedger.Probe slowCommit = c -> {
            commits.incrementAndGet();
            try {
                Thread.sleep(20); // a slow disk: the others queue meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (var pool = db.pool(4)) {
            PostgresLedger ledger = PostgresLedger.open(
                    pool, db.location.withSchema(schema).toString(), schema, Events.APP, 30, slowCommit);
            int threads = 8;
            int each = 20;
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "g" + t;
                results.add(executor.submit(() -> {
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        seqs.add(ledger.append(Events.succeeded("dev", name + "." + i, i))
                                .seq());
                    }
                    return seqs;
                }));
            }
            Set<Long> all = new TreeSet<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            executor.shutdownNow();
            int appends = threads * each;
            assertThat(
                    List.copyOf(all),
                    is(LongStream.rangeClosed(1, appends).boxed().toList()));
            assertThat(commits.get(), lessThanOrEqualTo(appends / 2));
            assertThat(ledger.liveState(), is(LedgerContractTest.replay(ledger)));
            System.out.println(
                    "PostgresLedgerGroupCommitTest: " + appends + " appends in " + commits.get() + " commits");
        }
    }
}
