package io.jenkins.plugins.tiers.report;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * A report of any size made up while it is read, so huge-input tests never touch the disk: a head,
 * {@code count} records produced on demand, and a tail.
 */
final class SynthesizedReport extends InputStream {
    private final byte[] tail;
    private final LongFunction<byte[]> records;
    private final long count;
    private long next;
    private byte[] current;
    private int position;
    private boolean tailServed;

    SynthesizedReport(String head, long count, LongFunction<byte[]> records, String tail) {
        this(head.getBytes(StandardCharsets.UTF_8), count, records, tail.getBytes(StandardCharsets.UTF_8));
    }

    private SynthesizedReport(byte[] head, long count, LongFunction<byte[]> records, byte[] tail) {
        this.current = head;
        this.count = count;
        this.records = records;
        this.tail = tail;
    }

    /** The same record {@code count} times, every part encoded in {@code charset}. */
    static SynthesizedReport repeating(Charset charset, String head, long count, String record, String tail) {
        byte[] bytes = record.getBytes(charset);
        return new SynthesizedReport(head.getBytes(charset), count, i -> bytes, tail.getBytes(charset));
    }

    /** The same record {@code count} times. */
    static SynthesizedReport repeating(String head, long count, String record, String tail) {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        return new SynthesizedReport(head, count, i -> bytes, tail);
    }

    private boolean advance() {
        while (position == current.length) {
            if (next < count) {
                current = records.apply(next++);
            } else if (!tailServed) {
                current = tail;
                tailServed = true;
            } else {
                return false;
            }
            position = 0;
        }
        return true;
    }

    @Override
    public int read() {
        return advance() ? current[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int done = 0;
        while (done < len && advance()) {
            int n = Math.min(len - done, current.length - position);
            System.arraycopy(current, position, buffer, off + done, n);
            position += n;
            done += n;
        }
        return done == 0 ? -1 : done;
    }
}
