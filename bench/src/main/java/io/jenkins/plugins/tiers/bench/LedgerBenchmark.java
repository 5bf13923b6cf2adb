package io.jenkins.plugins.tiers.bench;

import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LiveState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Both ledger stores, file and PostgreSQL, at 1k and 1M events, in one run: appends with 1, 4 and
 * 16 concurrent appenders; the live state read right after an append; the last 100 candidates
 * through the store's index against a full scan of every event.
 *
 * <p>Every append is an event of a new or advancing candidate: each appender walks candidates of
 * its own, with version numbers after the generated ones, through the tiers (verdict, deployment,
 * next tier …), so the candidate index grows as in real use. So that a ledger's size stays what
 * its parameter says, the benchmarks that append do a fixed number of appends per iteration
 * ({@value #APPENDS_PER_ITERATION}, shared out among the appenders; single-shot mode, one shot
 * being that batch), and the ledger is cut back to its generated events before an iteration that
 * could take it more than {@code max(}{@value #APPENDS_PER_ITERATION}{@code , 1%)} over its size:
 * 1k events are 1,000 to 1,256 while measured, 1M events 1,000,000 to 1,010,000. Scores of the
 * appending benchmarks are milliseconds per batch and thread; appends per second are {@code
 * APPENDS_PER_ITERATION / score}.
 *
 * <p>The PostgreSQL store needs the server the tests use ({@code TIERS_TEST_POSTGRES_URL}, {@code
 * …_USER}, {@code …_PASSWORD}); without one, run {@code -p store=file}. The generated ledgers are
 * kept between runs (see {@link SizedLedger}): the first run builds the 1M-event ones, which takes
 * minutes.
 */
@State(Scope.Benchmark)
@Fork(1)
public class LedgerBenchmark {

    /** Appends per iteration of an appending benchmark, shared among its appenders. */
    static final int APPENDS_PER_ITERATION = 256;

    @Param({"file", "postgresql"})
    public String store;

    @Param({"1000", "1000000"})
    public int events;

    private SizedLedger ledgers;
    /** The next candidate number an appender takes: after the generated ones. */
    private final AtomicInteger candidates = new AtomicInteger();
    /** Appends since the last reset. */
    private final AtomicLong appended = new AtomicLong();
    /** Bumped by each reset, so that appenders start new candidates rather than advance vanished ones. */
    private final AtomicInteger generation = new AtomicInteger();

    private final AtomicLong mostAppended = new AtomicLong();
    private final AtomicInteger resets = new AtomicInteger();

    /** One appender's next events: those of a candidate of its own, then of the next. */
    @State(Scope.Thread)
    public static class Appender {
        private List<LedgerEvent> next = List.of();
        private int i;
        private int generation = -1;

        LedgerEvent next(LedgerBenchmark bench) {
            int current = bench.generation.get();
            if (i == next.size() || generation != current) {
                next = LedgerGenerator.candidateEvents(bench.candidates.getAndIncrement());
                i = 0;
                generation = current;
            }
            bench.appended.incrementAndGet();
            return next.get(i++);
        }
    }

    /**
     * The time of the live-state lookups alone in a benchmark that appends before each, so that the
     * fsync of the append (whose time on a shared disk varies tenfold) does not drown the lookup's.
     * Reported as a secondary result, in microseconds per lookup.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Lookups {
        private long nanos;
        private long count;

        @Setup(Level.Iteration)
        public void clear() {
            nanos = 0;
            count = 0;
        }

        LiveState time(Ledger ledger) {
            long start = System.nanoTime();
            LiveState live = ledger.liveState();
            nanos += System.nanoTime() - start;
            count++;
            return live;
        }

        /** Microseconds per lookup in this iteration. */
        public double lookupMicros() {
            return count == 0 ? 0 : nanos / 1000.0 / count;
        }
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        ledgers = SizedLedger.open(store, events);
        candidates.set(events / LedgerGenerator.EVENTS_PER_CANDIDATE + 1);
    }

    /** Cuts the ledger back to its generated events if this iteration could take it over its allowance. */
    @Setup(Level.Iteration)
    public void keepSize() throws IOException {
        long grown = appended.get();
        mostAppended.accumulateAndGet(grown, Math::max);
        if (grown > 0 && grown + APPENDS_PER_ITERATION > Math.max(APPENDS_PER_ITERATION, events / 100)) {
            ledgers.reset();
            appended.set(0);
            generation.incrementAndGet();
            resets.incrementAndGet();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        mostAppended.accumulateAndGet(appended.get(), Math::max);
        System.out.printf(
                "%n%s ledger of %,d events: at most %,d events appended between resets (%d resets)%n",
                store, events, mostAppended.get(), resets.get());
        ledgers.close();
    }

    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, batchSize = APPENDS_PER_ITERATION)
    @Measurement(iterations = 20, batchSize = APPENDS_PER_ITERATION)
    public LedgerEvent appendOneAppender(Appender appender) {
        return ledgers.ledger.append(appender.next(this));
    }

    @Benchmark
    @Threads(4)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, batchSize = APPENDS_PER_ITERATION / 4)
    @Measurement(iterations = 20, batchSize = APPENDS_PER_ITERATION / 4)
    public LedgerEvent appendFourAppenders(Appender appender) {
        return ledgers.ledger.append(appender.next(this));
    }

    @Benchmark
    @Threads(16)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, batchSize = APPENDS_PER_ITERATION / 16)
    @Measurement(iterations = 20, batchSize = APPENDS_PER_ITERATION / 16)
    public LedgerEvent appendSixteenAppenders(Appender appender) {
        return ledgers.ledger.append(appender.next(this));
    }

    /**
     * An append, then the live state as the appending instance sees it (its cached state is stale
     * after the append); the lookups' own time is the secondary result {@code lookupMicros}.
     */
    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, batchSize = APPENDS_PER_ITERATION)
    @Measurement(iterations = 20, batchSize = APPENDS_PER_ITERATION)
    public LiveState liveStateAfterOwnAppend(Appender appender, Lookups lookups) {
        ledgers.ledger.append(appender.next(this));
        return lookups.time(ledgers.ledger);
    }

    /**
     * An append, then the live state as another instance on the same store sees it (another
     * controller or {@code tiers} process: it must catch up with the append); the lookups' own time
     * is the secondary result {@code lookupMicros}.
     */
    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, batchSize = APPENDS_PER_ITERATION)
    @Measurement(iterations = 20, batchSize = APPENDS_PER_ITERATION)
    public LiveState liveStateAfterAnotherAppended(Appender appender, Lookups lookups) {
        ledgers.ledger.append(appender.next(this));
        return lookups.time(ledgers.other);
    }

    /** The live state with nothing appended since the last lookup: the cached path. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public LiveState liveState() {
        return ledgers.other.liveState();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, time = 1) // the first reads of a 1M-event table come from disk
    @Measurement(iterations = 5, time = 1)
    public List<CandidatePath> lastHundredCandidates() {
        return ledgers.other.lastCandidates(100);
    }

    /**
     * Baseline: the same question answered without the store's index, as one would without it: read
     * every event, group by candidate, keep the 100 most recently active.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public List<CandidatePath> lastHundredByFullScan() {
        Map<String, List<LedgerEvent>> byVersion = new LinkedHashMap<>();
        ledgers.other.scan(e -> {
            List<LedgerEvent> own = byVersion.remove(e.version());
            if (own == null) {
                own = new ArrayList<>();
            }
            own.add(e);
            byVersion.put(e.version(), own); // re-insert: most recently active last
        });
        List<String> order = ledgers.other.tierOrder();
        List<Map.Entry<String, List<LedgerEvent>>> entries = new ArrayList<>(byVersion.entrySet());
        List<CandidatePath> last = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && last.size() < 100; i--) {
            last.add(CandidatePath.of(entries.get(i).getKey(), entries.get(i).getValue(), order));
        }
        return last;
    }
}
