package io.jenkins.plugins.tiers.report;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxEOFException;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * Reads JUnit-style XML test reports (Surefire, Gradle, Ant, pytest, jest, go, nextest, Catch2,
 * Cypress, Bazel, ...) into {@link TestEvidence}, streaming, so memory does not grow with the size
 * of a file or its passing tests. It is hostile-input-proof: no DTD, no entity, no network or file
 * access beyond the reports themselves, and limits on attribute sizes and nesting. A report it
 * cannot read raises a {@link ReportException}: it never counts as evidence. A report in UTF-8
 * (declared, or by default) is decoded here with the JDK's decoder, faster than the parser's own
 * ({@link Utf8Input}); any other encoding is left to the parser. Immutable and thread-safe.
 */
public final class TestReportReader {
    /** Default characters kept of each failure's detail (stack trace). */
    public static final int DEFAULT_MAX_DETAIL_CHARS = 4096;
    /** Default characters kept of each failure's message. */
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 1024;
    /** Default characters of detail kept over all failures of one read. */
    public static final long DEFAULT_MAX_TOTAL_DETAIL_CHARS = 4L << 20;
    /** Default longest attribute value, in characters. */
    public static final int DEFAULT_MAX_ATTRIBUTE_CHARS = 1 << 16;
    /** Default deepest element nesting. */
    public static final int DEFAULT_MAX_DEPTH = 256;

    private static final int MAX_ATTRIBUTES_PER_ELEMENT = 512;
    private static final int MAX_NAME_BYTES = 8192;

    /**
     * Bytes (and characters) Woodstox reads at a time: its default of 4,000 costs a system call per
     * 4 KB, a sixth of the time of reading a big report (see docs/performance.md).
     */
    private static final int INPUT_BUFFER_CHARS = 1 << 16;

    private final int maxDetailChars;
    private final int maxMessageChars;
    private final long maxTotalDetailChars;
    private final int maxAttributeChars;
    private final int maxDepth;
    private final XMLInputFactory factory;

    /** A reader with the default limits. */
    public TestReportReader() {
        this(
                DEFAULT_MAX_DETAIL_CHARS,
                DEFAULT_MAX_MESSAGE_CHARS,
                DEFAULT_MAX_TOTAL_DETAIL_CHARS,
                DEFAULT_MAX_ATTRIBUTE_CHARS,
                DEFAULT_MAX_DEPTH);
    }

    private TestReportReader(
            int maxDetailChars, int maxMessageChars, long maxTotalDetailChars, int maxAttributeChars, int maxDepth) {
        if (maxDetailChars < 0 || maxMessageChars < 0 || maxTotalDetailChars < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if (maxAttributeChars < 1 || maxDepth < 2) {
            throw new IllegalArgumentException("attribute and depth limits must allow a report");
        }
        this.maxDetailChars = maxDetailChars;
        this.maxMessageChars = maxMessageChars;
        this.maxTotalDetailChars = maxTotalDetailChars;
        this.maxAttributeChars = maxAttributeChars;
        this.maxDepth = maxDepth;
        this.factory = secureFactory(maxAttributeChars, maxDepth);
    }

    /** The same reader keeping at most this many characters of each failure's detail. */
    public TestReportReader withMaxDetailChars(int chars) {
        return new TestReportReader(chars, maxMessageChars, maxTotalDetailChars, maxAttributeChars, maxDepth);
    }

    /** The same reader keeping at most this many characters of each failure's message. */
    public TestReportReader withMaxMessageChars(int chars) {
        return new TestReportReader(maxDetailChars, chars, maxTotalDetailChars, maxAttributeChars, maxDepth);
    }

    /** The same reader keeping at most this many detail characters over all failures of one read. */
    public TestReportReader withMaxTotalDetailChars(long chars) {
        return new TestReportReader(maxDetailChars, maxMessageChars, chars, maxAttributeChars, maxDepth);
    }

    /** The same reader refusing attribute values longer than this. */
    public TestReportReader withMaxAttributeChars(int chars) {
        return new TestReportReader(maxDetailChars, maxMessageChars, maxTotalDetailChars, chars, maxDepth);
    }

    /** The same reader refusing elements nested deeper than this. */
    public TestReportReader withMaxDepth(int depth) {
        return new TestReportReader(maxDetailChars, maxMessageChars, maxTotalDetailChars, maxAttributeChars, depth);
    }

    /**
     * A StAX factory configured exactly as a reader with the default limits configures its own: for
     * code that must parse as this reader does, such as the benchmark's read-through floor.
     */
    public static XMLInputFactory inputFactory() {
        return secureFactory(DEFAULT_MAX_ATTRIBUTE_CHARS, DEFAULT_MAX_DEPTH);
    }

    /**
     * Woodstox, chosen by measurement (see docs/performance.md) and because it can bound attribute
     * sizes and nesting; instantiated directly so no service lookup can swap in another parser.
     */
    private static XMLInputFactory secureFactory(int maxAttributeChars, int maxDepth) {
        XMLInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_VALIDATING, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        XMLResolver refuse = (publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are refused: " + systemId);
        };
        f.setXMLResolver(refuse);
        f.setProperty(WstxInputProperties.P_DTD_RESOLVER, refuse);
        f.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, refuse);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, maxAttributeChars);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES_PER_ELEMENT);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, maxDepth);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
        f.setProperty(WstxInputProperties.P_MAX_DTD_DEPTH, 1);
        f.setProperty(WstxInputProperties.P_INPUT_BUFFER_LENGTH, INPUT_BUFFER_CHARS);
        return f;
    }

    /**
     * Reads report files, naming each by its path as given. Every file is read even when one is
     * bad, so the exception (the first bad file) carries the others as suppressed exceptions.
     *
     * @throws ReportException when there is no file, or any file is unreadable or not a test report
     */
    public TestEvidence read(List<Path> files) throws ReportException {
        List<String> names = new ArrayList<>(files.size());
        for (Path file : files) {
            names.add(file.toString());
        }
        return read(files, names, List.of(), List.of());
    }

    /** Reads the files a {@link ReportGlob} collected, naming them relative to its base directory. */
    public TestEvidence read(ReportSet reports) throws ReportException {
        List<Path> paths = new ArrayList<>(reports.files().size());
        for (String file : reports.files()) {
            paths.add(reports.base().resolve(file));
        }
        return read(paths, reports.files(), reports.warnings(), reports.incomplete());
    }

    /**
     * Reads one report from a stream (closed by the caller).
     *
     * @param name what to call it in evidence and errors
     */
    public TestEvidence read(String name, InputStream in) throws ReportException {
        EvidenceBuilder evidence = new EvidenceBuilder(maxTotalDetailChars);
        parse(name, in, evidence);
        evidence.addFile(new ReportFile(name, null));
        return evidence.build();
    }

    private TestEvidence read(List<Path> paths, List<String> names, List<String> warnings, List<String> incomplete)
            throws ReportException {
        if (paths.isEmpty()) {
            throw new ReportException("(no files)", 0, 0, "no test report files were given; expected at least one");
        }
        EvidenceBuilder evidence = new EvidenceBuilder(maxTotalDetailChars);
        warnings.forEach(evidence::warn);
        incomplete.forEach(evidence::incomplete);
        ReportException first = null;
        Map<Path, String> seen = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            String name = names.get(i);
            try {
                Path path = paths.get(i);
                String same = seen.putIfAbsent(path.toRealPath(), name);
                if (same != null) { // one file under two paths: its tests ran once
                    evidence.warn(name + " is the same file as " + same + "; read once");
                    continue;
                }
                ReportFile file =
                        new ReportFile(name, Files.getLastModifiedTime(path).toInstant());
                try (InputStream in = Files.newInputStream(path)) {
                    parse(name, in, evidence);
                }
                evidence.addFile(file);
            } catch (ReportException e) {
                first = collect(first, e);
            } catch (NoSuchFileException e) {
                first = collect(first, new ReportException(name, 0, 0, "no such file", e));
            } catch (AccessDeniedException e) {
                first = collect(first, new ReportException(name, 0, 0, "cannot be read: access denied", e));
            } catch (IOException e) {
                first = collect(first, unreadable(name, e));
            }
        }
        if (first != null) {
            throw first;
        }
        return evidence.build();
    }

    private static ReportException collect(ReportException first, ReportException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private void parse(String name, InputStream raw, EvidenceBuilder evidence) throws ReportException {
        ReportParse report = null;
        XMLStreamReader2 xml = null;
        NameLengthGuard in = new NameLengthGuard(raw, MAX_NAME_BYTES);
        try {
            ReportHead head = ReportHead.read(in);
            InputStream rest = in;
            if (!head.isUtf8()) { // decoded by the JDK into UTF-8, then guarded and read as any other
                rest = new NameLengthGuard(
                        new TranscodedInput(head.replayedBefore(in), encodingOf(head)), MAX_NAME_BYTES);
                head = ReportHead.readTranscoded(rest);
            }
            // Woodstox's readers are XMLStreamReader2s, whose typed access reads attributes without strings
            xml = (XMLStreamReader2) factory.createXMLStreamReader(new Utf8Input(head, rest));
            report = new ReportParse(xml, name, evidence, maxDetailChars, maxMessageChars);
            report.run();
        } catch (NameLengthGuard.NameTooLongException e) {
            throw tooLong(name, e); // in the head, before the parser started
        } catch (NameLengthGuard.DeclarationException e) {
            throw doctype(name, e);
        } catch (CharConversionException e) {
            throw new ReportException(name, 0, 0, "not well-formed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw unreadable(name, e);
        } catch (XMLStreamException e) {
            throw in.endedEmpty() ? empty(name) : malformed(name, e, xml, report);
        } catch (WstxLazyException e) {
            throw in.endedEmpty() ? empty(name) : malformed(name, (XMLStreamException) e.getCause(), xml, report);
        } finally {
            if (xml != null) {
                closeQuietly(xml);
            }
        }
    }

    /**
     * The encoding a report that is not plainly UTF-8 is in, as the parser detects it from its byte
     * order mark, its first bytes and its declaration, all within the first bytes read.
     */
    private Charset encodingOf(ReportHead head) throws XMLStreamException, CharConversionException {
        XMLStreamReader probe =
                factory.createXMLStreamReader(new ByteArrayInputStream(head.buffer(), 0, head.length()));
        try {
            String encoding = probe.getEncoding();
            if (encoding == null || !Charset.isSupported(encoding)) {
                throw new CharConversionException("the report's encoding " + encoding + " is not one Java can read");
            }
            return Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new CharConversionException(
                    "the report's encoding " + probe.getEncoding() + " is not one Java can read");
        } finally {
            closeQuietly(probe);
        }
    }

    private static ReportException doctype(String name, NameLengthGuard.DeclarationException e) {
        return new ReportException(
                name,
                e.line,
                e.column,
                "a DOCTYPE is not allowed in a test report: DTDs and entities are refused to rule out"
                        + " XXE and entity expansion attacks",
                e);
    }

    private static ReportException empty(String name) {
        return new ReportException(
                name, 0, 0, "the file is empty; expected <testsuite> or <testsuites> as the root element");
    }

    private static void closeQuietly(XMLStreamReader xml) {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // the stream itself is closed by whoever opened it; nothing is lost here
        }
    }

    private static ReportException unreadable(String name, IOException e) {
        return new ReportException(name, 0, 0, "cannot be read: " + e, e);
    }

    /** The guard reads ahead of the parser, whose location would be wrong: the byte offset is exact. */
    private static ReportException tooLong(String name, NameLengthGuard.NameTooLongException e) {
        return new ReportException(name, 0, 0, "refused, beyond a safety limit: " + e.getMessage(), e);
    }

    private static ReportException malformed(
            String name, XMLStreamException e, XMLStreamReader xml, ReportParse report) {
        Location at = e.getLocation();
        if (at == null && xml != null) {
            at = xml.getLocation(); // limits are reported without a location; where the parser stopped is close
        }
        int line = at == null ? 0 : at.getLineNumber();
        int column = at == null ? 0 : at.getColumnNumber();
        String message = String.valueOf(e.getMessage());
        int location = message.indexOf("\n at [");
        if (location >= 0) {
            message = message.substring(0, location);
        }
        String problem;
        Throwable cause = e.getCause();
        if (cause instanceof NameLengthGuard.NameTooLongException tooLong) {
            return tooLong(name, tooLong);
        } else if (cause instanceof NameLengthGuard.DeclarationException declaration) {
            return doctype(name, declaration);
        } else if (cause instanceof CharConversionException) {
            // bytes not in the report's encoding: Utf8Input's exact offset, or the parser's own words
            return new ReportException(name, 0, 0, "not well-formed XML: " + cause.getMessage(), e);
        } else if (cause instanceof IOException io) {
            return unreadable(name, io); // the disk, not the XML
        } else if (e instanceof WstxEOFException && (report == null || !report.rootSeen())) {
            problem = "expected <testsuite> or <testsuites> as the root element, found no element";
        } else if (e instanceof WstxEOFException) {
            problem = "the report ends too early (truncated?): " + message;
        } else if (message.contains("limit")) {
            problem = "refused, beyond a safety limit: " + message;
        } else {
            problem = "not well-formed XML: " + message;
        }
        return new ReportException(name, line, column, problem, e);
    }
}
