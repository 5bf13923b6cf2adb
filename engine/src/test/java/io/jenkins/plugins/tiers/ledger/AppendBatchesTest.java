package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** The group commit both stores share: every caller gets its own answer, never another's or none. */
public class AppendBatchesTest {

    private final AppendBatches<String> batches = new AppendBatches<>("test store");

    /** Stores every request but "refuse", which it refuses; the first batch waits for a latch. */
    private static final class Store implements AppendBatches.Writer<String> {
        final CountDownLatch firstBatchStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Integer> sizes = new ArrayList<>();
        final Map<String, Boolean> interruptedWhileWriting = new ConcurrentHashMap<>();
        long seq;

        @Override
        public void write(List<AppendBatches.Slot<String>> batch) {
            synchronized (this) {
                sizes.add(batch.size());
            }
            interruptedWhileWriting.put(
                    batch.get(0).request, Thread.currentThread().isInterrupted());
            if (firstBatchStarted.getCount() > 0) {
                firstBatchStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            for (AppendBatches.Slot<String> slot : batch) {
                if (slot.request.equals("refuse")) {
                    slot.failed(new LedgerException("test store", "refused " + slot.request));
                } else {
                    slot.stored(Events.passed("test", slot.request, 1).withSeq(++seq));
                }
            }
        }
    }

    @Test
    public void appendsThatQueueBehindAWriteShareTheNextBatchAndEachGetsItsOwnAnswer() throws Exception {
        Store store = new Store();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<LedgerEvent> first = pool.submit(() -> batches.append("1.0", store));
            assertThat(store.firstBatchStarted.await(10, TimeUnit.SECONDS), is(true));
            List<Future<LedgerEvent>> queued = new ArrayList<>();
            for (String version : List.of("2.0", "3.0", "4.0", "5.0")) {
                queued.add(pool.submit(() -> batches.append(version, store)));
            }
            Future<LedgerEvent> refused = pool.submit(() -> batches.append("refuse", store));
            Thread.sleep(1000); // all five are queued behind the first batch's write
            store.release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).version(), is("1.0"));
            for (int i = 0; i < queued.size(); i++) {
                assertThat(queued.get(i).get(10, TimeUnit.SECONDS).version(), is((i + 2) + ".0"));
            }
            Exception e = assertThrows(Exception.class, () -> refused.get(10, TimeUnit.SECONDS));
            assertThat(e.getCause().getMessage(), containsString("refused refuse"));
            assertThat("the five waiting appends went in one batch", store.sizes, is(List.of(1, 5)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aWriterThatFailsFailsTheAppendsItHadNotAnsweredAndOnlyThose() {
        LedgerException e = assertThrows(
                LedgerException.class,
                () -> batches.append("1.0", batch -> {
                    throw new IllegalStateException("disk on fire");
                }));
        assertThat(e.getMessage(), containsString("test store: cannot append to the ledger"));
        assertThat(e.getCause().getMessage(), is("disk on fire"));

        LedgerEvent kept = batches.append("2.0", batch -> {
            batch.get(0).stored(Events.passed("test", "2.0", 1).withSeq(7));
            throw new IllegalStateException("after the answer");
        });
        assertThat(kept.seq(), is(7L));
    }

    @Test
    public void anAppendTheWriterForgotIsAFailureNeverANullEvent() {
        LedgerException e = assertThrows(LedgerException.class, () -> batches.append("1.0", batch -> {}));
        assertThat(e.getMessage(), containsString("not answered"));
    }

    @Test
    public void anInterruptedCallerIsWrittenWithItsFlagClearAndGetsItBack() {
        Store store = new Store();
        store.firstBatchStarted.countDown(); // no waiting
        Thread.currentThread().interrupt();
        LedgerEvent stored;
        boolean interruptedAfter;
        try {
            stored = batches.append("1.0", store);
        } finally {
            interruptedAfter = Thread.interrupted();
        }
        assertThat(stored.version(), is("1.0"));
        assertThat(store.interruptedWhileWriting.get("1.0"), is(false));
        assertThat(interruptedAfter, is(true));
    }
}
