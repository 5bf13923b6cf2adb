package io.jenkins.plugins.tiers.report;

/**
 * A test report that cannot be used as evidence: unreadable, malformed, not a test report, hostile,
 * or a pattern that matched nothing. It is checked so that no caller can forget that a bad report
 * must block a gate rather than count as "0 tests"; its message names the file, line and column
 * and what was expected, for example {@code target/TEST-x.xml:12:5: expected <testsuite> or
 * <testsuites> as the root element, found <project>}.
 */
public final class ReportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param file the file (or pattern) at fault, as the user named it
     * @param line the 1-based line, or 0 when it does not apply
     * @param column the 1-based column, or 0 when it does not apply
     * @param problem what is wrong, saying what was expected
     */
    public ReportException(String file, int line, int column, String problem) {
        this(file, line, column, problem, null);
    }

    /** The same, keeping the low-level cause for debugging. */
    public ReportException(String file, int line, int column, String problem, Throwable cause) {
        super(format(file, line, column, problem), cause);
        this.file = file;
        this.line = Math.max(line, 0);
        this.column = Math.max(column, 0);
        this.problem = problem;
    }

    private static String format(String file, int line, int column, String problem) {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.append(": ").append(problem).toString();
    }

    /** The file (or pattern) at fault. */
    public String file() {
        return file;
    }

    /** The 1-based line, 0 when unknown or not applicable. */
    public int line() {
        return line;
    }

    /** The 1-based column, 0 when unknown or not applicable. */
    public int column() {
        return column;
    }

    /** What is wrong, without the location prefix. */
    public String problem() {
        return problem;
    }
}
