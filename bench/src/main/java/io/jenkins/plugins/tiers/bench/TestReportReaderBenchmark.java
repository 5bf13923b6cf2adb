package io.jenkins.plugins.tiers.bench;

import edu.hm.hafner.coverage.ModuleNode;
import edu.hm.hafner.coverage.parser.JunitParser;
import edu.hm.hafner.util.FilteredLog;
import io.jenkins.plugins.tiers.report.ReportException;
import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.report.TestReportReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
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
import org.xml.sax.SAXException;

/**
 * The test report reader against its baselines in the same run: a dom4j DOM walk (how Jenkins'
 * junit plugin reads reports), coverage-model's StAX {@code JunitParser}, and the read-through
 * floor (counting {@code testcase} start tags) with Woodstox (decoding its input itself, and fed
 * characters the JDK decoded, as the reader feeds it), the JDK's parser and Aalto. Inputs:
 * {@code generated}, a ~100 MB Surefire report with 500,000 cases, 1% failures with 20-line traces
 * and big {@code system-out} blocks; {@code corpus}, every file of {@code ../shared/corpus/junit}
 * (or {@code -Dtiers.corpus=DIR}) that all parsers accept.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Threads(1)
public class TestReportReaderBenchmark {

    @Param({"generated", "corpus"})
    public String input;

    private Path directory;
    private List<Path> files;
    private TestReportReader reader;
    private XMLInputFactory woodstox;
    private XMLInputFactory jdk;
    private XMLInputFactory aalto;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        reader = new TestReportReader();
        woodstox = readerLikeWoodstox();
        jdk = XMLInputFactory.newDefaultFactory();
        jdk.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        jdk.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        aalto = new com.fasterxml.aalto.stax.InputFactoryImpl();
        aalto.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        aalto.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        if ("generated".equals(input)) {
            directory = Files.createTempDirectory("tiers-bench-");
            files = List.of(generated(directory.resolve("TEST-generated.xml")));
        } else {
            files = corpusFilesEveryParserAccepts();
        }
        System.out.printf(
                "%n%s: %d file(s), %.1f MB%n", input, files.size(), bytes(files) / 1e6); // for MB/s in the docs
    }

    /** ~100 MB: 500,000 cases, every 100th failing with a 20-line trace, every 20th with 20 lines of output. */
    static Path generated(Path file) throws IOException {
        return new SurefireReportGenerator(500_000, 100, 20, 20, 20).writeTo(file);
    }

    /** Configured by {@link TestReportReader} itself, so the floor is the same parser doing less. */
    static XMLInputFactory readerLikeWoodstox() {
        return TestReportReader.inputFactory();
    }

    private List<Path> corpusFilesEveryParserAccepts() throws IOException {
        Path corpus = Path.of(System.getProperty("tiers.corpus", "../shared/corpus/junit"));
        if (!Files.isDirectory(corpus)) {
            throw new IOException("no corpus at " + corpus.toAbsolutePath() + "; run with -p input=generated");
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(corpus)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> accepted = new ArrayList<>();
        for (Path file : all) {
            try {
                tiers(List.of(file));
                dom4j(List.of(file));
                coverageModel(List.of(file));
                accepted.add(file);
            } catch (ReportException | DocumentException | SAXException | RuntimeException e) {
                // a file some parser refuses is not a fair comparison
            }
        }
        return accepted;
    }

    private static long bytes(List<Path> files) throws IOException {
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        return total;
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        if (directory != null) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(directory);
        }
    }

    @Benchmark
    public int tiersReader() throws ReportException {
        return tiers(files);
    }

    private int tiers(List<Path> reports) throws ReportException {
        int tests = 0;
        for (Path file : reports) {
            TestEvidence evidence = reader.read(List.of(file)); // one by one, like the baselines
            tests += evidence.totals().tests();
        }
        return tests;
    }

    @Benchmark
    public int readThroughWoodstox() throws IOException, XMLStreamException {
        return readThrough(woodstox);
    }

    /** The same floor with the JDK decoding UTF-8, as the reader does: what the parser alone costs it. */
    @Benchmark
    public int readThroughWoodstoxJdkDecoded() throws IOException, XMLStreamException {
        int count = 0;
        for (Path file : files) {
            count += ReadThroughBenchmark.countTestCasesJdkDecoded(woodstox, file);
        }
        return count;
    }

    @Benchmark
    public int readThroughJdk() throws IOException, XMLStreamException {
        return readThrough(jdk);
    }

    @Benchmark
    public int readThroughAalto() throws IOException, XMLStreamException {
        return readThrough(aalto);
    }

    private int readThrough(XMLInputFactory factory) throws IOException, XMLStreamException {
        int count = 0;
        for (Path file : files) {
            count += ReadThroughBenchmark.countTestCases(factory, file);
        }
        return count;
    }

    @Benchmark
    public int dom4jWalk() throws DocumentException, SAXException {
        return dom4j(files);
    }

    /** What a DOM reader does: the whole document in memory, then every testcase and its outcome. */
    private static int dom4j(List<Path> reports) throws DocumentException, SAXException {
        int outcomes = 0;
        for (Path file : reports) {
            SAXReader sax = new SAXReader();
            sax.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = sax.read(file.toFile());
            outcomes += walk(document.getRootElement());
        }
        return outcomes;
    }

    private static int walk(Element element) {
        int outcomes = 0;
        for (Iterator<Element> it = element.elementIterator(); it.hasNext(); ) {
            Element child = it.next();
            if ("testcase".equals(child.getName())) {
                String id = child.attributeValue("classname") + "." + child.attributeValue("name");
                outcomes += id.length() > 0 ? 1 : 0;
                if (child.element("failure") != null || child.element("error") != null) {
                    outcomes += child.elementText("failure") == null ? 0 : 1;
                }
            } else {
                outcomes += walk(child);
            }
        }
        return outcomes;
    }

    @Benchmark
    public int coverageModelJunitParser() throws IOException {
        return coverageModel(files);
    }

    private static int coverageModel(List<Path> reports) throws IOException {
        int tests = 0;
        for (Path file : reports) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                ModuleNode module = new JunitParser().parse(in, file.toString(), new FilteredLog("bench"));
                tests += module.getTestCases().size();
            }
        }
        return tests;
    }
}
