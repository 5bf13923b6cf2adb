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
    private boolean rootSeen;
    private int testCases;

    ReportParse(XMLStreamReader2 xml, String file, EvidenceBuilder out, int maxDetailChars, int maxMessageChars) {
        this.xml = xml;
        this.file = file;
        this.out = out;
        this.maxDetailChars = maxDetailChars;
        this.maxMessageChars = maxMessageChars;
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
                String name = xml.getLocalName();
                if ("testcase".equals(name)) {
                    testCase();
                } else if ("testsuite".equals(name)) {
                    openSuite();
                } else if (!"testsuites".equals(name)) {
                    skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && "testsuite".equals(xml.getLocalName())) {
                closeSuite();
            } else if (event == XMLStreamConstants.DTD) {
                throw doctype();
            }
        }
        if (testCases == 0) {
            out.warn(file + ": contains no test cases");
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
                if ("testsuite".equals(rootName)) {
                    openSuite();
                } else if (!"testsuites".equals(rootName)) {
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

    private void openSuite() {
        String name = null;
        String pkg = null;
        String tests = null;
        String failures = null;
        String errors = null;
        String skipped = null;
        double seconds = -1;
        for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            switch (xml.getAttributeLocalName(i)) {
                case "name" -> name = xml.getAttributeValue(i);
                case "package" -> pkg = xml.getAttributeValue(i);
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
        if (name == null || name.isBlank()) {
            name = suites.isEmpty() ? file : suites.peek().name;
        } else if (pkg != null && !pkg.isBlank() && !name.startsWith(pkg + ".")) {
            name = pkg + "." + name;
        }
        SuiteFrame parent = suites.peek();
        if (parent != null) {
            parent.hasChildSuites = true;
        }
        suites.push(new SuiteFrame(name, xml.getLocation().getLineNumber(), tests, failures, errors, skipped, seconds));
    }

    private void closeSuite() {
        SuiteFrame frame = suites.pop();
        if (frame.tally == null && !frame.hasChildSuites) {
            frame.tally = out.openSuite(frame.name); // an empty suite still ran
        }
        if (frame.tally != null && !frame.hasChildSuites && frame.declaredSeconds >= 0) {
            frame.tally.declaredSeconds = frame.declaredSeconds;
        }
        checkDeclared(frame, "tests", frame.declaredTests, frame.tests, "<testcase> elements");
        checkDeclared(frame, "failures", frame.declaredFailures, frame.failures, "failed test cases");
        checkDeclared(frame, "errors", frame.declaredErrors, frame.errors, "errored test cases");
        checkDeclared(frame, "skipped", frame.declaredSkipped, frame.skipped, "skipped test cases");
        SuiteFrame parent = suites.peek();
        if (parent != null) {
            parent.tests += frame.tests;
            parent.failures += frame.failures;
            parent.errors += frame.errors;
            parent.skipped += frame.skipped;
        }
    }

    private void checkDeclared(SuiteFrame frame, String attribute, String declared, int counted, String what) {
        if (declared == null) {
            return;
        }
        int value;
        try {
            value = Integer.parseInt(declared.strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value != counted) {
            out.warn(file + ":" + frame.line + ": suite '" + frame.name + "' declares " + attribute + "=\"" + declared
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
     * Reads one test case. Its name, class and time are decoded from the parser's buffer without
     * making strings (see {@link AttributeText}): that is most of the work for a passing test.
     */
    private void testCase() throws XMLStreamException {
        test.clear();
        time.clear();
        boolean disabled = false;
        for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            switch (xml.getAttributeLocalName(i)) {
                case "name" -> xml.getAttributeAs(i, test.name);
                case "classname", "class" -> xml.getAttributeAs(i, test.owner);
                case "time" -> xml.getAttributeAs(i, time);
                case "status" -> disabled = isSkippedStatus(xml.getAttributeValue(i));
                default -> {
                    // file, line, assertions, ... are not evidence
                }
            }
        }
        double seconds = Math.max(0, time.seconds());
        SuiteFrame frame = currentSuite();
        Outcome outcome = null;
        boolean skipped = disabled;
        boolean flaky = false;
        String message = "";
        String detail = "";
        int event;
        while ((event = xml.next()) != XMLStreamConstants.END_ELEMENT) {
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (xml.getLocalName()) {
                case "failure", "error" -> {
                    if (outcome == null) {
                        outcome = "error".equals(xml.getLocalName()) ? Outcome.ERRORED : Outcome.FAILED;
                        message = failureMessage();
                        detail = text(out.detailAllowance(maxDetailChars));
                    } else {
                        skipElement();
                    }
                }
                case "skipped", "ignored", "disabled" -> {
                    skipped = true;
                    skipElement();
                }
                case "flakyFailure", "flakyError" -> {
                    flaky = true;
                    skipElement();
                }
                default -> skipElement(); // rerunFailure, rerunError, system-out, system-err, properties
            }
        }
        Outcome result;
        if (skipped) {
            result = Outcome.SKIPPED;
            frame.skipped++;
        } else if (outcome != null) {
            result = outcome;
            if (outcome == Outcome.ERRORED) {
                frame.errors++;
            } else {
                frame.failures++;
            }
        } else {
            result = flaky ? Outcome.FLAKY : Outcome.PASSED;
        }
        frame.tests++;
        testCases++;
        if (test.owner.isEmpty()) {
            test.owner.set(frame.name);
        }
        test = out.testCase(frame.tally, test, result, seconds, message, detail);
    }

    private static boolean isSkippedStatus(String status) {
        return switch (status) {
            case "disabled", "skipped", "notrun", "ignored" -> true;
            default -> false;
        };
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
