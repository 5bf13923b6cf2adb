package io.jenkins.plugins.tiers.ledger;

import java.nio.file.Path;

/**
 * The ledger could not be read or written (read-only directory, full disk, lock failure). The
 * message names the file at fault; when thrown by an append, the ledger is unchanged.
 */
public class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public LedgerException(Path path, String message, Throwable cause) {
        super(path + ": " + message + (cause == null || cause.getMessage() == null ? "" : " (" + cause + ")"), cause);
        this.path = path.toString();
    }

    public LedgerException(Path path, String message) {
        this(path, message, null);
    }

    /** The file or directory at fault. */
    public String path() {
        return path;
    }
}
