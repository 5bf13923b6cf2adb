package io.jenkins.plugins.tiers.ledger;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for the PostgreSQL durability tests, as one controller or {@code tiers} process:
 * its own connection pool, {@code threads} threads each appending {@code count} events (forever
 * when negative) to the application's ledger, printing {@code seq id} once each append returned.
 * Arguments: schema, application ({@link Events#APP}), count, threads, name; the server from the
 * test environment.
 */
public final class PostgresAppender {
    private PostgresAppender() {}

    public static void main(String[] args) throws InterruptedException {
        String schema = args[0];
        String application = args[1];
        long count = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        String name = args[4];
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PostgresTestDatabase db = PostgresTestDatabase.require();
        try (HikariDataSource pool = db.pool(threads)) {
            PostgresLedger ledger = PostgresLedger.open(pool, db.location.withSchema(schema), application);
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = name + "-" + t;
                Thread thread = new Thread(() -> {
                    for (long i = 0; count < 0 || i < count; i++) {
                        String version = prefix + "." + (i / 2);
                        LedgerEvent e = i % 2 == 0
                                ? Events.passed("dev", version, (int) (i % 100_000))
                                : Events.succeeded("dev", version, (int) (i % 100_000));
                        String id = prefix + "-" + i;
                        LedgerEvent stored = ledger.append(e.withId(id));
                        synchronized (out) {
                            out.println(stored.seq() + " " + id);
                        }
                    }
                });
                all.add(thread);
                thread.start();
            }
            for (Thread thread : all) {
                thread.join();
            }
        }
    }
}
