package io.jenkins.plugins.tiers.model;

import java.io.IOException;
import java.util.Objects;

/**
 * A ladder file that cannot be used, with the place of the mistake: file, line, column and the
 * path of the field ({@code tiers.yaml:12:7: tiers[2].gate.soak: "2 hours" is not a duration …}),
 * so whoever edits the file goes straight to it.
 */
public final class LadderFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    public LadderFileException(String file, int line, int column, String field, String problem) {
        super(format(file, line, column, field, problem));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
        this.field = field == null ? "" : field;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(String file, int line, int column, String field, String problem) {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (field != null && !field.isEmpty()) {
            b.append(field).append(": ");
        }
        return b.append(problem).toString();
    }

    public String file() {
        return file;
    }

    /** The line of the mistake, 1-based, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The column of the mistake, 1-based, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The path of the field at fault ({@code tiers[2].id}), empty for the file as a whole. */
    public String field() {
        return field;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
