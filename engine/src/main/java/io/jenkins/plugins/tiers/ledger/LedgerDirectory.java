package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The files of one {@link FileLedger}'s directory and what it takes to change them safely: the
 * lock file other processes honour, a directory entry made durable, and a log replaced whole
 * through a temporary file renamed over it, so a crash leaves the old log or the new, never half.
 */
final class LedgerDirectory {

    /** Named as the ledger, so a logging configuration for {@code FileLedger} covers its files. */
    private static final Logger LOGGER = Logger.getLogger(FileLedger.class.getName());

    /** Writes the content of a new log. */
    interface LogContent {
        void write(FileChannel out) throws IOException;
    }

    /** A step between writing a new log and renaming it into place. */
    interface BeforeRename {
        void run() throws IOException;
    }

    private final Path dir;
    private final Path log;
    private final Path snapshot;
    private final Path lockFile;
    private final Path quarantine;
    private final LedgerFiles files;

    LedgerDirectory(Path dir, LedgerFiles files) {
        this.dir = dir.toAbsolutePath().normalize();
        this.log = this.dir.resolve(FileLedger.EVENTS);
        this.snapshot = this.dir.resolve(FileLedger.SNAPSHOT);
        this.lockFile = this.dir.resolve(FileLedger.LOCK);
        this.quarantine = this.dir.resolve(FileLedger.QUARANTINE);
        this.files = files;
    }

    Path dir() {
        return dir;
    }

    Path log() {
        return log;
    }

    Path snapshot() {
        return snapshot;
    }

    Path quarantine() {
        return quarantine;
    }

    /** Opens a channel the ledger writes through (tests inject faults here). */
    FileChannel open(Path path, OpenOption... options) throws IOException {
        return files.open(path, options);
    }

    void create() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LedgerException(dir, "cannot create the ledger directory", e);
        }
    }

    /** Runs {@code body} holding the ledger's file lock, which other processes honour too. */
    <T> T withFileLock(Supplier<T> body) {
        try (FileChannel lockChannel = openLockChannel();
                FileLock fileLock = acquire(lockChannel)) {
            return body.get();
        } catch (IOException e) {
            throw new LedgerException(lockFile, "cannot lock the ledger", e);
        }
    }

    private FileChannel openLockChannel() {
        try {
            return files.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new LedgerException(lockFile, "the ledger directory is not writable", e);
        } catch (IOException e) {
            throw new LedgerException(lockFile, "cannot open the lock file", e);
        }
    }

    private static FileLock acquire(FileChannel channel) throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                // another FileLedger on the same directory in this JVM holds it
                try {
                    Thread.sleep(1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the ledger lock", interrupted);
                }
            }
        }
    }

    /**
     * Makes a new or renamed log's directory entry durable. Not every platform can (Windows cannot
     * open a directory; some network file systems refuse): the file itself was forced, so this is
     * logged, not fatal, and a crash right after may lose the entry (see docs/ledger.md).
     */
    void sync() {
        try (FileChannel d = files.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOGGER.log(
                    Level.WARNING,
                    dir + ": cannot sync the ledger directory; a crash now may lose the log's directory entry (" + e
                            + ")",
                    e);
        }
    }

    /**
     * Replaces the log with what {@code content} writes: into a temporary file beside it (named
     * with {@code suffix}), forced to disk, then renamed over the log and the directory synced. The temporary file is removed when a step fails; the log is then
     * unchanged. Call under the file lock.
     */
    void replaceLog(String suffix, LogContent content) throws IOException {
        replaceLog(suffix, content, () -> {});
    }

    /** As {@link #replaceLog(String, LogContent)}, running {@code beforeRename} once the new log is on disk. */
    void replaceLog(String suffix, LogContent content, BeforeRename beforeRename) throws IOException {
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, FileLedger.EVENTS, suffix);
            try (FileChannel out = files.open(temp, StandardOpenOption.WRITE)) {
                content.write(out);
                out.force(true);
            }
            beforeRename.run();
            moveAtomically(temp, log);
            temp = null;
            sync();
        } finally {
            deleteQuietly(temp);
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }

    /** Writes all of {@code buffer}. */
    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
