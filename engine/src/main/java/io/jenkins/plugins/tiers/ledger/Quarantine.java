package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The repair of a log ({@value FileLedger#QUARANTINE}): the lines the ledger cannot account for
 * move out of the log into the quarantine file beside it, each with its number, offset, reason,
 * the time and the line itself (as text and as base64 of its exact bytes). The quarantine file is
 * forced before the log is renamed over, so a crash in between leaves a line in both places, never
 * in neither.
 */
final class Quarantine {

    private final LedgerDirectory directory;
    private final LedgerCodec codec;

    Quarantine(LedgerDirectory directory, LedgerCodec codec) {
        this.directory = directory;
        this.codec = codec;
    }

    /**
     * Moves the lines {@code found} names out of the log, at {@code now}. Call under the file lock.
     *
     * @throws LedgerException when it cannot; the log is then unchanged
     */
    void moveOut(LedgerCheck found, Instant now) {
        Path log = directory.log();
        Map<Long, UnaccountedLine> byOffset = new HashMap<>();
        found.unaccounted().forEach(u -> byOffset.put(u.offset(), u));
        try (FileChannel quarantine = directory.open(
                directory.quarantine(),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            directory.replaceLog(
                    ".repairing",
                    out -> {
                        long end = LogLines.read(log, 0, Long.MAX_VALUE, (offset, buf, start, length) -> {
                            UnaccountedLine bad = byOffset.get(offset);
                            if (bad != null) {
                                LedgerDirectory.writeFully(quarantine, entry(bad, now, buf, start, length));
                            } else {
                                LedgerDirectory.writeFully(
                                        out,
                                        ByteBuffer.allocate(length + 1)
                                                .put(buf, start, length)
                                                .put((byte) '\n')
                                                .flip());
                            }
                        });
                        // a torn last line stays a torn last line, for the next append to cut off
                        LedgerDirectory.writeFully(out, ByteBuffer.wrap(readFrom(end)));
                    },
                    () -> quarantine.force(true));
        } catch (IOException e) {
            throw new LedgerException(log, "cannot repair the ledger; it is unchanged", e);
        }
    }

    private byte[] readFrom(long offset) throws IOException {
        try (FileChannel in = FileChannel.open(directory.log(), StandardOpenOption.READ)) {
            long size = in.size();
            if (size <= offset) {
                return new byte[0];
            }
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size - offset, 1 << 24));
            while (tail.hasRemaining() && in.read(tail, offset + tail.position()) > 0) {
                // keep reading
            }
            return Arrays.copyOf(tail.array(), tail.position());
        }
    }

    private ByteBuffer entry(UnaccountedLine bad, Instant now, byte[] buf, int start, int length) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("quarantinedAt", now.toString());
        entry.put("file", directory.log().toString());
        entry.put("line", bad.line());
        entry.put("offset", bad.offset());
        entry.put("reason", bad.reason());
        entry.put("text", new String(buf, start, length, StandardCharsets.UTF_8));
        entry.put("base64", Base64.getEncoder().encodeToString(Arrays.copyOfRange(buf, start, start + length)));
        try {
            byte[] json = codec.mapper().writeValueAsBytes(entry);
            return ByteBuffer.allocate(json.length + 1)
                    .put(json)
                    .put((byte) '\n')
                    .flip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a quarantine entry", e);
        }
    }
}
