package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Separate processes, each with its own connection pool as each controller or {@code tiers}
 * process has, appending to one application's PostgreSQL ledger: the sequence has no gap and no
 * duplicate, every acknowledged append is there, and the live state equals a replay. The scale
 * defaults to what CI's two cores run in seconds; {@code -Dtiers.test.processes=16
 * -Dtiers.test.events=1000} runs the 16,000-event case.
 */
public class PostgresLedgerProcessesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

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

    private Process spawn(long count, int threads, String name, Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        PostgresAppender.class.getName(),
                        schema,
                        Events.APP,
                        Long.toString(count),
                        Integer.toString(threads),
                        name)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(output.toFile())
                .start();
    }

    /** The acknowledged appends a child printed: id by sequence number; a half-printed last line is ignored. */
    private static Map<Long, String> acknowledged(Path output) throws IOException {
        Map<Long, String> acks = new HashMap<>();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return acks;
        }
        for (String line : text.substring(0, end).split("\n")) {
            String[] parts = line.split(" ");
            String before = acks.put(Long.parseLong(parts[0]), parts[1]);
            assertThat("seq " + parts[0] + " acknowledged twice", before == null, is(true));
        }
        return acks;
    }

    private PostgresLedger reader() {
        return PostgresLedger.open(db.direct(), db.location.withSchema(schema), Events.APP);
    }

    /** Checks the ledger holds seq 1..n once each, with each acknowledged id at its seq, and returns n. */
    private long checkLedger(Map<Long, String> acks) {
        PostgresLedger ledger = reader();
        Map<Long, String> stored = new TreeMap<>();
        ledger.scan(e -> stored.put(e.seq(), e.id()));
        long n = stored.size();
        assertThat(
                List.copyOf(stored.keySet()),
                is(LongStream.rangeClosed(1, n).boxed().toList()));
        acks.forEach((seq, id) -> assertThat("acknowledged seq " + seq, stored.get(seq), is(id)));
        assertThat(new java.util.HashSet<>(stored.values()).size(), is((int) n));
        assertThat(ledger.liveState(), is(LedgerContractTest.replay(ledger)));
        return n;
    }

    @Test
    public void processesWithTheirOwnPoolsAppendWithoutGapsOrDuplicates() throws Exception {
        int processes = Integer.getInteger("tiers.test.processes", 4);
        int each = Integer.getInteger("tiers.test.events", 150);
        int threads = 2;
        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        long start = System.nanoTime();
        for (int p = 0; p < processes; p++) {
            Path out = tmp.newFile("p" + p + ".txt").toPath();
            outputs.add(out);
            children.add(spawn(each, threads, "p" + p, out));
        }
        for (Process child : children) {
            assertThat(child.waitFor(600, TimeUnit.SECONDS), is(true));
            assertThat(child.exitValue(), is(0));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<Long, String> acks = new HashMap<>();
        for (Path out : outputs) {
            Map<Long, String> mine = acknowledged(out);
            mine.keySet().forEach(seq -> assertThat("seq " + seq + " given twice", acks.containsKey(seq), is(false)));
            acks.putAll(mine);
        }
        long total = (long) processes * threads * each;
        assertThat((long) acks.size(), is(total));
        assertThat(checkLedger(acks), is(total));
        System.out.println("PostgresLedgerProcessesTest: " + processes + " processes x " + threads
                + " threads appended " + total + " events in " + millis + " ms");
    }

    @Test
    public void aProcessKilledWhileAppendingLosesNoAcknowledgedEvent() throws Exception {
        Random random = new Random(42);
        Map<Long, String> acks = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            Path out = tmp.newFile("kill" + round + ".txt").toPath();
            Process child = spawn(-1, 2, "k" + round, out);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged(out).size() < 20 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
            Thread.sleep(random.nextInt(200));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, mid-transaction or not
            child.waitFor(30, TimeUnit.SECONDS);
            Map<Long, String> mine = acknowledged(out);
            assertThat(mine.size(), greaterThan(19));
            acks.putAll(mine);
            checkLedger(acks);
        }
        // and the ledger goes on: the next append follows the last one
        PostgresLedger ledger = reader();
        long last = ledger.liveState().seq();
        assertThat(ledger.append(Events.succeeded("dev", "after", 1)).seq(), is(last + 1));
    }
}
