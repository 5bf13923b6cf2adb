package io.jenkins.plugins.tiers.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One {@code tiers deploy} at a time per tier: an exclusive lock on {@code tier-<id>.lock} beside
 * the ledger, held for the whole run (the ordering checks, every canary step or slot deployment,
 * the switch). While held, the file says who holds it, so a second run can name the holder when it
 * refuses. The lock is the operating system's: it is released when the holder ends, even killed.
 *
 * <p>Within one JVM the operating system does not tell two holders apart; the JVM's own lock table
 * does ({@link OverlappingFileLockException}), so a second run in the same JVM is refused too. But
 * closing any channel on the file releases the process's lock on POSIX systems, so a refused run in
 * the holder's own JVM may let a third process in: one {@code tiers} process runs one command, so
 * this only concerns code that runs several deployments in one JVM.
 */
final class TierLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private TierLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code tier} in the ledger folder {@code ledgerDirectory}. */
    static Path file(Path ledgerDirectory, String tier) {
        return ledgerDirectory.resolve("tier-" + tier + ".lock");
    }

    /**
     * Takes the tier's lock, or returns who holds it.
     *
     * @param holder what the lock file says while this run holds it ({@code 2.4 by ci})
     * @return the lock, or empty when another run holds it; {@code busy} then receives the
     *     holder's own description (or a note that it is unknown)
     * @throws IOException when the lock file cannot be opened or written
     */
    static Optional<TierLock> tryAcquire(Path file, String holder, StringBuilder busy) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder); // a database ledger's locks live in a folder of their own
        }
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another run in this JVM
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            try (channel) {
                String who = read(channel).strip();
                busy.append(who.isEmpty() ? "a run that has not said who it is yet" : who);
            }
            return Optional.empty();
        }
        try {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown host";
            }
            String text = holder + " (pid " + ProcessHandle.current().pid() + " on " + host + ", since " + Instant.now()
                    + ")\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Optional.of(new TierLock(channel, lock));
    }

    private static String read(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 4096);
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // read the holder's line
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** Empties the file (no stale holder is ever named) and releases the lock. */
    @Override
    public void close() throws IOException {
        try (channel) {
            channel.truncate(0);
            lock.release();
        }
    }
}
