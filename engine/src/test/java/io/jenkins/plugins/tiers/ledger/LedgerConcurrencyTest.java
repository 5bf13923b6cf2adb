package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LedgerConcurrencyTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Process spawn(Path dir, long count, String name) throws IOException {
        return spawn(dir, count, name, null);
    }

    private static Process spawn(Path dir, long count, String name, Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xshare:auto",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LedgerAppender.class.getName(),
                        dir.toString(),
                        Long.toString(count),
                        name)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(
                        output == null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.to(output.toFile()))
                .start();
    }

    /** Checks every event is readable, seqs are 1..n in order, and returns them by seq. */
    private static List<LedgerEvent> readCleanly(Path dir) {
        try (FileLedger ledger = FileLedger.open(dir)) {
            List<LedgerEvent> events = new ArrayList<>();
            ScanResult scan = ledger.scan(events::add);
            assertThat(scan.skipped(), is(empty()));
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).seq(), is(i + 1L));
            }
            assertThat(ledger.liveState().seq(), is((long) events.size()));
            return events;
        }
    }

    @Test
    public void sixteenThreadsAppendingAThousandEventsEachLoseAndInterleaveNothing() throws Exception {
        Path dir = tmp.getRoot().toPath();
        int threads = 16;
        int perThread = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        try (FileLedger ledger = FileLedger.open(dir)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        acknowledged.add(ledger.append(LedgerEvent.deploymentSucceeded(
                                        "shop", "dev", Events.candidate(name + "-" + i), name, Instant.EPOCH))
                                .seq());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new TreeSet<>(acknowledged).size(), is(threads * perThread));
        List<LedgerEvent> events = readCleanly(dir);
        assertThat(events.size(), is(threads * perThread));
        assertPerWriterOrder(events);
    }

    /** Each writer's own events appear in the order it appended them. */
    private static void assertPerWriterOrder(List<LedgerEvent> events) {
        Map<String, Integer> next = new HashMap<>();
        for (LedgerEvent e : events) {
            String version = e.version();
            String writer = version.substring(0, version.lastIndexOf('-'));
            int i = Integer.parseInt(version.substring(version.lastIndexOf('-') + 1));
            assertThat(version, i, is(next.getOrDefault(writer, 0)));
            next.put(writer, i + 1);
        }
    }

    @Test
    public void severalProcessesAppendingAtOnceLoseAndInterleaveNothing() throws Exception {
        Path dir = tmp.getRoot().toPath();
        int processes = 4;
        int perProcess = 100;
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            children.add(spawn(dir, perProcess, "p" + p));
        }
        Set<Long> acknowledged = new TreeSet<>();
        for (Process child : children) {
            acknowledged.addAll(readSeqs(child));
            assertThat(child.waitFor(2, TimeUnit.MINUTES), is(true));
            assertThat(child.exitValue(), is(0));
        }
        assertThat(acknowledged.size(), is(processes * perProcess));
        List<LedgerEvent> events = readCleanly(dir);
        assertThat(events.size(), is(processes * perProcess));
        assertPerWriterOrder(events);
    }

    private static List<Long> readSeqs(Process child) throws IOException {
        List<Long> seqs = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                seqs.add(Long.parseLong(line.trim()));
            }
        }
        return seqs;
    }

    @Test
    public void everyAcknowledgedAppendSurvivesAProcessKilledAtRandomMoments() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("crash");
        Random random = new Random(20261126L);
        Set<Long> acknowledged = new TreeSet<>();
        int rounds = 50;
        int wave = 5;
        for (int round = 0; round < rounds; round += wave) {
            // a wave of writers contending for the lock, each killed at its own random moment;
            // stdout goes to a file so that what a child printed survives its death
            List<Process> children = new ArrayList<>();
            List<Path> acks = new ArrayList<>();
            for (int i = 0; i < wave; i++) {
                Path ack = tmp.newFile("acks-" + (round + i) + ".txt").toPath();
                acks.add(ack);
                children.add(spawn(dir, -1, "r" + (round + i), ack));
            }
            for (int i = 0; i < wave; i++) {
                Process child = children.get(i);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (Files.size(acks.get(i)) == 0 && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt(40));
                child.destroyForcibly();
            }
            for (int i = 0; i < wave; i++) {
                assertThat(children.get(i).waitFor(1, TimeUnit.MINUTES), is(true));
                for (String line : Files.readAllLines(acks.get(i))) {
                    if (!line.isBlank()) {
                        acknowledged.add(Long.parseLong(line.trim()));
                    }
                }
            }
        }
        List<LedgerEvent> events = readCleanly(dir);
        Set<Long> present = new TreeSet<>();
        events.forEach(e -> present.add(e.seq()));
        assertThat(present.containsAll(acknowledged), is(true));
        assertThat(acknowledged.size() >= rounds, is(true));
        assertPerWriterOrder(events);
    }
}
