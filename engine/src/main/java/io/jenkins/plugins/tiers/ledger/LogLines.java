package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads complete lines of the log between two byte offsets in large blocks, reporting each line
 * with its offset; bytes after the last newline (a torn line, or one being written) are left
 * unread.
 */
final class LogLines {

    /** Receives one complete line, without its newline. */
    interface Handler {
        void line(long offset, byte[] buffer, int start, int length) throws IOException;
    }

    private LogLines() {}

    /**
     * Reads the lines that start at or after {@code from} and end before {@code to}.
     *
     * @return the offset just after the last complete line read (from, if none)
     */
    static long read(Path file, long from, long to, Handler handler) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, from, to, handler);
        }
    }

    static long read(FileChannel channel, long from, long to, Handler handler) throws IOException {
        byte[] buf = new byte[1 << 16];
        int filled = 0;
        long bufStart = from;
        long position = from;
        long end = from;
        while (position < to) {
            if (filled == buf.length) {
                byte[] bigger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, filled);
                buf = bigger;
            }
            int want = (int) Math.min(buf.length - filled, to - position);
            int n = channel.read(ByteBuffer.wrap(buf, filled, want), position);
            if (n <= 0) {
                break;
            }
            int scanFrom = filled;
            filled += n;
            position += n;
            int lineStart = 0;
            for (int i = scanFrom; i < filled; i++) {
                if (buf[i] == '\n') {
                    handler.line(bufStart + lineStart, buf, lineStart, i - lineStart);
                    lineStart = i + 1;
                }
            }
            if (lineStart > 0) {
                end = bufStart + lineStart;
                System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
                filled -= lineStart;
                bufStart += lineStart;
            }
        }
        return end;
    }
}
