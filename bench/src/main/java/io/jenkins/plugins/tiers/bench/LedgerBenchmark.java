package io.jenkins.plugins.tiers.bench;

import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LiveState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Append latency (fsync included) and live-state lookup against ledgers of 1k, 100k and 1M events:
 * both must cost the same at every size (ratio 1M/1k at most 1.2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class LedgerBenchmark {

    @Param({"1000", "100000", "1000000"})
    public int events;

    private Path dir;
    private FileLedger ledger;
    private List<LedgerEvent> next;
    private int appended;

    @Setup(Level.Trial)
    public void writeLedger() throws IOException {
        dir = Files.createTempDirectory("tiers-bench-ledger-");
        LedgerGenerator.write(dir, events);
        ledger = FileLedger.open(dir); // builds the snapshot once
        next = LedgerGenerator.candidateEvents(events);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        ledger.close();
        LedgerGenerator.delete(dir);
    }

    @Benchmark
    public LedgerEvent append() {
        return ledger.append(next.get(appended++ % next.size()));
    }

    @Benchmark
    public LiveState liveState() {
        return ledger.liveState();
    }
}
