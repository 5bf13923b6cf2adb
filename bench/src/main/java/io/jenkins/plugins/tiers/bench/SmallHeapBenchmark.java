package io.jenkins.plugins.tiers.bench;

import io.jenkins.plugins.tiers.report.ReportException;
import io.jenkins.plugins.tiers.report.TestReportReader;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The heap target: the generated ~100 MB report is read in a JVM limited to 64 MB (an
 * OutOfMemoryError fails the run), and how fast it is read there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx64m")
@Threads(1)
public class SmallHeapBenchmark {

    private Path directory;
    private Path report;
    private final TestReportReader reader = new TestReportReader();

    @Setup(Level.Trial)
    public void writeReport() throws IOException {
        directory = Files.createTempDirectory("tiers-report-heap-");
        report = TestReportReaderBenchmark.generated(directory.resolve("TEST-generated.xml"));
    }

    @TearDown(Level.Trial)
    public void deleteReport() throws IOException {
        Files.deleteIfExists(report);
        Files.deleteIfExists(directory);
    }

    @Benchmark
    public int tiersReaderIn64MegabyteHeap() throws ReportException {
        return reader.read(List.of(report)).totals().tests();
    }
}
