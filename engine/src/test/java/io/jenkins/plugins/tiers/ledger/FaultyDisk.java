package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The file system a ledger writes through in tests, with faults a test turns on: a disk with only
 * so many free bytes (writes beyond them are cut short, then fail with "No space left on device",
 * as a real full disk does; truncating frees space again), a read-only mode (opening for writing
 * is denied), and a directory that cannot be synced. Works the same as root and as anyone else.
 */
final class FaultyDisk implements LedgerFiles {

    static final String NO_SPACE = "No space left on device";

    /** Bytes the files may still grow by; Long.MAX_VALUE for no limit. */
    volatile long free = Long.MAX_VALUE;

    volatile boolean readOnly;
    volatile boolean directorySyncFails;

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        boolean writes = Set.of(options).contains(StandardOpenOption.WRITE);
        if (writes && readOnly) {
            throw new AccessDeniedException(path.toString());
        }
        if (Files.isDirectory(path) && directorySyncFails) {
            throw new IOException("Invalid argument (directory sync not supported)");
        }
        return new Limited(FileChannel.open(path, options));
    }

    /** A channel whose growth counts against the disk's free bytes. */
    private final class Limited extends FileChannel {
        private final FileChannel delegate;

        Limited(FileChannel delegate) {
            this.delegate = delegate;
        }

        private int limitedWrite(ByteBuffer src, long position, boolean relative) throws IOException {
            long growth = Math.max(0, position + src.remaining() - delegate.size());
            if (growth <= free) {
                int written = relative ? delegate.write(src) : delegate.write(src, position);
                free -= growth;
                return written;
            }
            long fits = Math.max(0, delegate.size() - position) + free;
            if (fits <= 0) {
                throw new IOException(NO_SPACE);
            }
            ByteBuffer part = src.slice().limit((int) fits);
            int written = relative ? delegate.write(part) : delegate.write(part, position);
            src.position(src.position() + written);
            free = 0;
            return written;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return limitedWrite(src, delegate.position(), true);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return limitedWrite(src, position, false);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += write(srcs[i]);
            }
            return total;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            long before = delegate.size();
            delegate.truncate(size);
            if (free != Long.MAX_VALUE && size < before) {
                free += before - size;
            }
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return delegate.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return delegate.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public void force(boolean metaData) throws IOException {
            delegate.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return delegate.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException("not used by the ledger");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException("not used by the ledger");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return delegate.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return delegate.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
