package io.jenkins.plugins.tiers.bench;

import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The last 100 candidates with their paths from a million-event ledger, through the index, against
 * the baseline that answers the same question by reading the whole file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class LedgerHistoryBenchmark {

    @Param({"1000000"})
    public int events;

    private Path dir;
    private FileLedger ledger;

    @Setup(Level.Trial)
    public void writeLedger() throws IOException {
        dir = Files.createTempDirectory("tiers-bench-history-");
        LedgerGenerator.write(dir, events);
        ledger = FileLedger.open(dir);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        ledger.close();
        LedgerGenerator.delete(dir);
    }

    @Benchmark
    public List<CandidatePath> lastHundredCandidates() {
        return ledger.lastCandidates(100);
    }

    /** Baseline: read every event, group by candidate, keep the 100 most recently active. */
    @Benchmark
    public List<CandidatePath> lastHundredByFullScan() {
        Map<String, List<LedgerEvent>> byVersion = new LinkedHashMap<>();
        ledger.scan(e -> {
            List<LedgerEvent> own = byVersion.remove(e.version());
            if (own == null) {
                own = new ArrayList<>();
            }
            own.add(e);
            byVersion.put(e.version(), own); // re-insert: most recently active last
        });
        List<String> order = ledger.tierOrder();
        List<Map.Entry<String, List<LedgerEvent>>> entries = new ArrayList<>(byVersion.entrySet());
        List<CandidatePath> last = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && last.size() < 100; i--) {
            last.add(CandidatePath.of(entries.get(i).getKey(), entries.get(i).getValue(), order));
        }
        return last;
    }
}
