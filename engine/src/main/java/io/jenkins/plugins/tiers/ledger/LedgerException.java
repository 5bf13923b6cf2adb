package io.jenkins.plugins.tiers.ledger;

import java.nio.file.Path;

/**
 * The ledger could not be read or written (read-only directory, full disk, lock failure, database
 * unreachable). The message names the file or database at fault; when thrown by an append, the
 * ledger is unchanged (or, for a database, holds the event once if the commit happened).
 */
public class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public LedgerException(Path path, String message, Throwable cause) {
        this(path.toString(), message, cause);
    }

    /**
     * A failure of a ledger that is not a file: {@code where} names it (a database and schema,
     * never with a password).
     */
    public LedgerException(String where, String message, Throwable cause) {
        super(where + ": " + message + (cause == null || cause.getMessage() == null ? "" : " (" + cause + ")"), cause);
        this.path = where;
    }

    /** As {@link #LedgerException(String, String, Throwable)}, without a cause. */
    public LedgerException(String where, String message) {
        this(where, message, null);
    }

    public LedgerException(Path path, String message) {
        this(path, message, null);
    }

    /** The file, directory or database at fault. */
    public String path() {
        return path;
    }
}
