package io.jenkins.plugins.tiers.report;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * Streams one report: checks that it is a test report, walks its suites (nested or not) and
 * classifies every {@code testcase} as it closes. Text is only looked at inside {@code failure}
 * and {@code error}, and only up to the detail limit; everything else ({@code system-out},
 * properties, long traces) is skipped without being kept.
 */
final class ReportParse {
    private final XMLStreamReader2 xml;
    private final String file;
    private final EvidenceBuilder out;
    private final int maxDetailChars;
    private final int maxMessageChars;
    private final Deque<SuiteFrame> suites = new ArrayDeque<>();
    private CaseName test = new CaseName();
    private final AttributeText time = new AttributeText();
    /** Where failure details are gathered; it grows to the detail limit at most. */
    private final TextPrefix detail = new TextPrefix();

    private SuiteFrame implicitSuite;
    /** The whole file: what a {@code <testsuites>} root declares, and the counts of every suite in it. */
    private SuiteFrame fileFrame;
    /** How deep the reader is inside elements it does not know, between suites. */
    private int wrapperDepth;

    private String wrapper;
    private int wrapperLine;
    private boolean wrapperWarned;
    private boolean rootSeen;
    private int testCases;

    ReportParse(XMLStreamReader2 xml, String file, EvidenceBuilder out, int maxDetailChars, int maxMessageChars) {
        this.xml = xml;
        this.file = file;
        this.out = out;
        this.maxDetailChars = maxDetailChars;
        this.maxMessageChars = maxMessageChars;
        this.fileFrame = new SuiteFrame(file, 0, null, null, null, null, -1);
    }

    /** One open {@code testsuite} element: its declared counts, and the counts of its elements. */
    private static final class SuiteFrame {
        final String name;
        final int line;
        final String declaredTests;
        final String declaredFailures;
        final String declaredErrors;
        final String declaredSkipped;
        final double declaredSeconds;
        SuiteTally tally;
        boolean hasChildSuites;
        int tests;
        int failures;
        int errors;
        int skipped;

        SuiteFrame(
                String name, int line, String tests, String failures, String errors, String skipped, double seconds) {
            this.name = name;
            this.line = line;
            this.declaredTests = tests;
            this.declaredFailures = failures;
            this.declaredErrors = errors;
            this.declaredSkipped = skipped;
            this.declaredSeconds = seconds;
        }

        /** Adds a closed child's counts, which it declared as part of its own. */
        void add(SuiteFrame child) {
            tests += child.tests;
            failures += child.failures;
            errors += child.errors;
            skipped += child.skipped;
        }
    }

    /** Whether the root element was reached, to tell an empty document from a truncated one. */
    boolean rootSeen() {
        return rootSeen;
    }

    void run() throws XMLStreamException, ReportException {
        readRoot();
        int event;
        while ((event = xml.next()) != XMLStreamConstants.END_DOCUMENT) {
            if (event == XMLStreamConstants.START_ELEMENT) {
                ElementKind kind = ElementKind.of(xml.getLocalName());
                switch (kind) {
                    case TESTCASE -> testCase();
                    case TESTSUITE -> openSuite();
                    case TESTSUITES -> {
                        // a wrapper of suites, as the root holds them
                    }
                    default -> {
                        if (kind.isFailureLike()) {
                            outcomeOutsideATestCase(kind);
                        } else {
                            enterWrapper(); // descended into, never skipped: nothing inside is dropped
                        }
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                ElementKind kind = ElementKind.of(xml.getLocalName());
                if (kind == ElementKind.TESTSUITE) {
                    closeSuite();
                } else if (kind != ElementKind.TESTSUITES && wrapperDepth > 0) {
                    wrapperDepth--;
                }
            } else if (event == XMLStreamConstants.DTD) {
                throw doctype();
            }
        }
        if (implicitSuite != null) {
            fileFrame.add(implicitSuite);
        }
        checkDeclared(fileFrame);
        if (testCases == 0) {
            out.warn(file + ": contains no test cases");
        }
    }

    private void enterWrapper() {
        if (wrapperDepth++ == 0) {
            wrapper = xml.getLocalName();
            wrapperLine = xml.getLocation().getLineNumber();
            wrapperWarned = false;
        }
    }

    private void readRoot() throws XMLStreamException, ReportException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw doctype();
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String rootName = xml.getLocalName();
                rootSeen = true;
                ElementKind kind = ElementKind.of(rootName);
                if (kind == ElementKind.TESTSUITE) {
                    openSuite();
                } else if (kind == ElementKind.TESTSUITES) {
                    fileFrame = declaredFrame(file);
                } else {
                    throw error("expected <testsuite> or <testsuites> as the root element, found <" + rootName + ">");
                }
                return;
            }
        }
        throw error("expected <testsuite> or <testsuites> as the root element, found no element at all");
    }

    private ReportException doctype() {
        return error("a DOCTYPE is not allowed in a test report: DTDs and entities are refused to rule out"
                + " XXE and entity expansion attacks");
    }

    private ReportException error(String problem) {
        Location at = xml.getLocation();
        return new ReportException(file, at.getLineNumber(), at.getColumnNumber(), problem);
    }

    /** A frame for the element being read, with the counts it declares. */
    private SuiteFrame declaredFrame(String name) {
        String tests = null;
        String failures = null;
        String errors = null;
        String skipped = null;
        double seconds = -1;
        for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            switch (xml.getAttributeLocalName(i)) {
                case "tests" -> tests = xml.getAttributeValue(i);
                case "failures" -> failures = xml.getAttributeValue(i);
                case "errors" -> errors = xml.getAttributeValue(i);
                case "skipped", "skips" -> skipped = xml.getAttributeValue(i);
                case "time" -> seconds = Durations.parse(xml.getAttributeValue(i));
                default -> {
                    // other attributes (hostname, timestamp, id, ...) are not evidence
                }
            }
        }
        return new SuiteFrame(name, xml.getLocation().getLineNumber(), tests, failures, errors, skipped, seconds);
    }

    private void openSuite() {
        String name = xml.getAttributeValue(null, "name");
        String pkg = xml.getAttributeValue(null, "package");
        if (name == null || name.isBlank()) {
            name = suites.isEmpty() ? file : suites.peek().name;
        } else if (pkg != null && !pkg.isBlank() && !name.startsWith(pkg + ".")) {
            name = pkg + "." + name;
        }
        SuiteFrame parent = suites.peek();
        if (parent != null) {
            parent.hasChildSuites = true;
        }
        suites.push(declaredFrame(name));
    }

    private void closeSuite() {
        SuiteFrame frame = suites.pop();
        if (frame.tally == null && !frame.hasChildSuites) {
            frame.tally = out.openSuite(frame.name); // an empty suite still ran
        }
        if (frame.tally != null && !frame.hasChildSuites && frame.declaredSeconds >= 0) {
            frame.tally.declaredSeconds = frame.declaredSeconds;
        }
        checkDeclared(frame);
        SuiteFrame parent = suites.peek();
        (parent != null ? parent : fileFrame).add(frame);
    }

    /**
     * Compares what a suite declares with the test cases it lists. Failures or errors declared but
     * not listed are counted as failed and make the evidence incomplete (the gate blocks): a tool
     * that wrote {@code failures="3"} and no failing case lost them somewhere, and a gate must not
     * pass on that. Other mismatches are warnings; the listed cases are counted.
     */
    private void checkDeclared(SuiteFrame frame) {
        warnIfDeclaredDiffers(frame, "tests", frame.declaredTests, frame.tests, "<testcase> elements");
        int declaredFailures = declaredCount(frame.declaredFailures);
        int declaredErrors = declaredCount(frame.declaredErrors);
        int listed = frame.failures + frame.errors;
        int declared = Math.max(0, declaredFailures) + Math.max(0, declaredErrors);
        if (declared > listed) {
            int unlisted = declared - listed;
            String where = frame == fileFrame ? "<testsuites>" : "suite '" + frame.name + "'";
            out.unlisted(
                    file + ":" + frame.line + ": " + where + " declares " + declaredText(frame) + " but lists "
                            + listed + " failed or errored test cases; the " + unlisted
                            + " unlisted are counted as failed",
                    frame.tally != null ? frame.tally : out.openSuite(frame.name),
                    unlisted);
            frame.failures += unlisted; // counted once: a parent declaring them too finds them listed
        } else {
            warnIfDeclaredDiffers(frame, "failures", frame.declaredFailures, frame.failures, "failed test cases");
            warnIfDeclaredDiffers(frame, "errors", frame.declaredErrors, frame.errors, "errored test cases");
        }
        warnIfDeclaredDiffers(frame, "skipped", frame.declaredSkipped, frame.skipped, "skipped test cases");
    }

    private static String declaredText(SuiteFrame frame) {
        StringBuilder s = new StringBuilder();
        if (frame.declaredFailures != null) {
            s.append("failures=\"").append(frame.declaredFailures).append('"');
        }
        if (frame.declaredErrors != null) {
            s.append(s.length() > 0 ? " " : "")
                    .append("errors=\"")
                    .append(frame.declaredErrors)
                    .append('"');
        }
        return s.toString();
    }

    /** The declared count, or -1 when absent or not a number. */
    private static int declaredCount(String declared) {
        if (declared == null) {
            return -1;
        }
        try {
            return Integer.parseInt(declared.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void warnIfDeclaredDiffers(SuiteFrame frame, String attribute, String declared, int counted, String what) {
        if (declared != null && declaredCount(declared) != counted) {
            String where = frame == fileFrame ? "<testsuites>" : "suite '" + frame.name + "'";
            out.warn(file + ":" + frame.line + ": " + where + " declares " + attribute + "=\"" + declared
                    + "\" but contains " + counted + " " + what + "; counted the elements");
        }
    }

    /** The innermost open suite; a testcase straight under {@code <testsuites>} gets one named after the file. */
    private SuiteFrame currentSuite() {
        SuiteFrame frame = suites.peek();
        if (frame == null) {
            if (implicitSuite == null) {
                implicitSuite = new SuiteFrame(file, xml.getLocation().getLineNumber(), null, null, null, null, -1);
            }
            frame = implicitSuite;
        }
        if (frame.tally == null) {
            frame.tally = out.openSuite(frame.name);
        }
        return frame;
    }

    /**
     * A failure or error element that belongs to no test case (a suite that failed to start, a
     * tool that writes them beside its cases): counted as a failed or errored test named after
     * the element and its line, never skipped.
     */
    private void outcomeOutsideATestCase(ElementKind kind) throws XMLStreamException {
        int line = xml.getLocation().getLineNumber();
        String element = xml.getLocalName();
        SuiteFrame frame = currentSuite();
        test.clear();
        test.owner.set(frame.name);
        test.name.set("<" + element + "> outside any test case, line " + line);
        out.warn(file + ":" + line + ": <" + element + "> outside any <testcase>; counted as a failed test");
        Outcome outcome =
                kind == ElementKind.ERROR || kind == ElementKind.RERUN_ERROR || kind == ElementKind.FLAKY_ERROR
                        ? Outcome.ERRORED
                        : Outcome.FAILED;
        String message = failureMessage();
        String text = text(out.detailAllowance(maxDetailChars));
        count(frame, outcome);
        test = out.testCase(frame.tally, test, outcome, 0, message, text);
    }

    /**
     * Reads one test case. Its name, class and time are decoded from the parser's buffer without
     * making strings (see {@link AttributeText}): that is most of the work for a passing test. The
     * most severe outcome among its elements and status attributes wins: error, failure, skip, pass.
     */
    private void testCase() throws XMLStreamException, ReportException {
        if (wrapperDepth > 0 && !wrapperWarned) {
            wrapperWarned = true;
            out.warn(file + ":" + xml.getLocation().getLineNumber() + ": <testcase> inside <" + wrapper + "> (line "
                    + wrapperLine + "), not directly in a suite; counted");
        }
        test.clear();
        time.clear();
        boolean classNamed = false;
        CaseStatus status = CaseStatus.PASSED;
        String statusText = null;
        for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            switch (xml.getAttributeLocalName(i)) {
                case "name" -> xml.getAttributeAs(i, test.name);
                case "classname" -> {
                    xml.getAttributeAs(i, test.owner);
                    classNamed = true;
                }
                case "class" -> {
                    if (!classNamed) { // classname, when both are given, wherever it stands
                        xml.getAttributeAs(i, test.owner);
                    }
                }
                case "time" -> xml.getAttributeAs(i, time);
                case "status", "result" -> {
                    String value = xml.getAttributeValue(i);
                    CaseStatus said = CaseStatus.of(value);
                    if (said.ordinal() > status.ordinal()) {
                        status = said;
                        statusText = xml.getAttributeLocalName(i) + "=\"" + value + "\"";
                    }
                }
                default -> {
                    // file, line, assertions, ... are not evidence
                }
            }
        }
        double seconds = Math.max(0, time.seconds());
        SuiteFrame frame = currentSuite();
        ElementKind worst = null;
        String message = "";
        String detail = "";
        boolean messageTaken = false;
        boolean skipped = false;
        boolean flaky = false;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            ElementKind kind = ElementKind.of(xml.getLocalName());
            switch (kind) {
                case TESTCASE, TESTSUITE, TESTSUITES ->
                    throw error("a <" + xml.getLocalName()
                            + "> inside a <testcase>: this reader cannot tell which test its outcome belongs to");
                case SKIPPED -> {
                    skipped = true;
                    skipElement();
                }
                case FLAKY_FAILURE, FLAKY_ERROR -> {
                    flaky = true;
                    skipElement();
                }
                case FAILURE, ERROR, RERUN_FAILURE, RERUN_ERROR -> {
                    worst = severest(worst, kind);
                    if (!messageTaken) {
                        messageTaken = true;
                        message = failureMessage();
                        detail = text(out.detailAllowance(maxDetailChars));
                    } else {
                        skipElement();
                    }
                }
                default -> depth++; // system-out, properties, an unknown wrapper: looked into
            }
        }
        Outcome result;
        if (worst == ElementKind.ERROR
                || (worst == ElementKind.RERUN_ERROR || worst == null) && status == CaseStatus.ERRORED) {
            result = Outcome.ERRORED;
        } else if (worst != null) {
            result = worst == ElementKind.RERUN_ERROR ? Outcome.ERRORED : Outcome.FAILED;
        } else if (status == CaseStatus.FAILED) {
            result = Outcome.FAILED;
        } else if (skipped || status == CaseStatus.SKIPPED) {
            result = Outcome.SKIPPED;
        } else {
            result = flaky ? Outcome.FLAKY : Outcome.PASSED;
        }
        if (result.isFailure() && !messageTaken && statusText != null) {
            message = statusText;
        }
        if (test.owner.isEmpty()) {
            test.owner.set(frame.name);
        }
        count(frame, result);
        test = out.testCase(frame.tally, test, result, seconds, message, detail);
    }

    /** Error before failure; a listed error or failure before its rerun. */
    private static ElementKind severest(ElementKind so, ElementKind next) {
        if (so == null) {
            return next;
        }
        return rank(next) > rank(so) ? next : so;
    }

    private static int rank(ElementKind kind) {
        return switch (kind) {
            case ERROR -> 4;
            case FAILURE -> 3;
            case RERUN_ERROR -> 2;
            default -> 1;
        };
    }

    private void count(SuiteFrame frame, Outcome outcome) {
        switch (outcome) {
            case ERRORED -> frame.errors++;
            case FAILED -> frame.failures++;
            case SKIPPED -> frame.skipped++;
            default -> {
                // passed or flaky: counted in tests only
            }
        }
        frame.tests++;
        testCases++;
    }

    private String failureMessage() {
        String message = xml.getAttributeValue(null, "message");
        if (message == null || message.isEmpty()) {
            message = xml.getAttributeValue(null, "type");
        }
        if (message == null) {
            return "";
        }
        return message.length() > maxMessageChars ? message.substring(0, maxMessageChars) + "…" : message;
    }

    /**
     * The text inside the current element (nested elements included), up to a limit; the rest is
     * skipped. Each text event is streamed through {@link TextPrefix}: asking Woodstox for a text
     * event's characters instead makes it read a CDATA section whole when its start lies just
     * before a buffer boundary or a CR LF, which a gigabyte trace would turn into an out-of-memory
     * error.
     */
    private String text(int limit) throws XMLStreamException {
        detail.reset(limit);
        int depth = 1;
        while (depth > 0) {
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    try {
                        xml.getText(detail, false);
                    } catch (IOException e) {
                        throw new XMLStreamException(e); // declared for the writer; TextPrefix never throws
                    }
                }
                default -> {
                    // comments and processing instructions are not detail
                }
            }
        }
        String text = detail.strippedText();
        return detail.truncated() && !text.isEmpty() ? text + "\n…" : text;
    }

    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
