package io.jenkins.plugins.tiers.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
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
 * The floor for report parsing: a StAX pass that only counts {@code testcase} start tags. Parsers
 * are measured against it in the same run, so their overhead is a ratio, not a guess.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ReadThroughBenchmark {

    @Param({"20000"})
    public int testCases;

    private Path report;
    private XMLInputFactory factory;

    @Setup(Level.Trial)
    public void writeReport() throws IOException {
        report = Files.createTempFile("tiers-bench-", ".xml");
        new SurefireReportGenerator(testCases, 100, 20, 50, 20).writeTo(report);
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    @TearDown(Level.Trial)
    public void deleteReport() throws IOException {
        Files.deleteIfExists(report);
    }

    @Benchmark
    public int countTestCases() throws IOException, XMLStreamException {
        return countTestCases(factory, report);
    }

    /** Counts {@code testcase} start tags in a file, the parser decoding its bytes. */
    public static int countTestCases(XMLInputFactory factory, Path file) throws IOException, XMLStreamException {
        try (InputStream in = Files.newInputStream(file)) {
            return countTestCases(factory.createXMLStreamReader(in));
        }
    }

    /**
     * Counts {@code testcase} start tags in a UTF-8 file whose characters the JDK decodes, 64 KB at a
     * time, as the test report reader decodes UTF-8 reports: the parser's share of the reader's work.
     */
    public static int countTestCasesJdkDecoded(XMLInputFactory factory, Path file)
            throws IOException, XMLStreamException {
        try (FileChannel channel = FileChannel.open(file);
                Reader in = Channels.newReader(channel, StandardCharsets.UTF_8.newDecoder(), 1 << 16)) {
            return countTestCases(factory.createXMLStreamReader(in));
        }
    }

    private static int countTestCases(XMLStreamReader reader) throws XMLStreamException {
        int count = 0;
        try {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && "testcase".equals(reader.getLocalName())) {
                    count++;
                }
            }
        } finally {
            reader.close();
        }
        return count;
    }
}
