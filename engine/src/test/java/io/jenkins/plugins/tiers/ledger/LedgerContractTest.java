package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.APP;
import static io.jenkins.plugins.tiers.ledger.Events.at;
import static io.jenkins.plugins.tiers.ledger.Events.candidate;
import static io.jenkins.plugins.tiers.ledger.Events.failed;
import static io.jenkins.plugins.tiers.ledger.Events.passed;
import static io.jenkins.plugins.tiers.ledger.Events.rolledBack;
import static io.jenkins.plugins.tiers.ledger.Events.succeeded;
import static io.jenkins.plugins.tiers.ledger.Events.waiting;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What every ledger store promises, run against each ({@link FileLedgerContractTest}, {@link
 * PostgresLedgerContractTest}): the same events give the same sequence numbers, live state and
 * history, whichever store holds them.
 */
public abstract class LedgerContractTest {

    private final List<Ledger> opened = new ArrayList<>();

    /** Where the file ledgers copied from and to live. */
    @Rule
    public TemporaryFolder elsewhere = new TemporaryFolder();

    /**
     * Opens the ledger of {@code application} in this test's store; each call is another
     * instance, as another controller or process would open it.
     */
    protected abstract Ledger openStore(String application);

    protected final Ledger open(String application) {
        Ledger ledger = openStore(application);
        opened.add(ledger);
        return ledger;
    }

    protected final Ledger open() {
        return open(APP);
    }

    @After
    public void closeLedgers() {
        opened.forEach(Ledger::close);
    }

    /** The live state a fresh fold of the ledger's own events gives: what the store keeps must equal it. */
    static LiveState replay(Ledger ledger) {
        Projection p = new Projection(0);
        ledger.scan(e -> p.apply(e, -1));
        return p.liveState();
    }

    @Test
    public void assignsGaplessSequenceNumbersAndReadsEventsBack() {
        Ledger ledger = open();
        LedgerEvent a = passed("dev", "1.0", 1);
        LedgerEvent b = succeeded("dev", "1.0", 2);
        LedgerEvent c = failed("test", "1.0", 3);
        assertThat(ledger.append(a).seq(), is(1L));
        assertThat(ledger.append(b).seq(), is(2L));
        assertThat(ledger.append(c), is(c.withSeq(3)));
        assertThat(ledger.events(), contains(a.withSeq(1), b.withSeq(2), c.withSeq(3)));
        ScanResult scan = ledger.scan(e -> {});
        assertThat(scan.events(), is(3L));
        assertThat(scan.skipped(), is(empty()));
        assertThat(ledger.unaccounted(), is(empty()));
    }

    @Test
    public void anEmptyLedgerHasNothingLiveAndNoHistory() {
        Ledger ledger = open();
        assertThat(ledger.liveState().seq(), is(0L));
        assertThat(ledger.liveState().tiers(), is(empty()));
        assertThat(ledger.lastCandidates(5), is(empty()));
        assertThat(ledger.candidate("1.0").isPresent(), is(false));
        assertThat(ledger.events(), is(empty()));
    }

    @Test
    public void aSucceededDeploymentMakesTheCandidateLiveWithTheEvidenceThatLetItIn() {
        Ledger ledger = open();
        ledger.append(passed("prod", "1.0", 1, "ShopTest.flaky"));
        ledger.append(succeeded("prod", "1.0", 2));
        LiveCandidate live = ledger.liveState().live("prod").orElseThrow();
        assertThat(live.candidate().version(), is("1.0"));
        assertThat(live.since(), is(at(2)));
        assertThat(live.admittedWith().failed(), hasSize(1));
    }

    @Test
    public void aFailedDeploymentLeavesThePreviousCandidateLiveAndARollbackMakesItsTargetLiveAgain() {
        Ledger ledger = open();
        ledger.append(succeeded("prod", "1.0", 1));
        ledger.append(failed("prod", "1.1", 2));
        assertThat(ledger.liveState().live("prod").orElseThrow().candidate().version(), is("1.0"));
        ledger.append(succeeded("prod", "1.2", 3));
        ledger.append(rolledBack("prod", "1.0", "1.2", 4));
        LiveCandidate live = ledger.liveState().live("prod").orElseThrow();
        assertThat(live.candidate().version(), is("1.0"));
        assertThat(live.rollback(), is(true));
        // the rollback away from 1.2 is part of 1.2's path
        List<LedgerEvent> of12 = ledger.candidate("1.2").orElseThrow().events();
        assertThat(
                of12.stream().map(LedgerEvent::type).toList(),
                contains(EventType.DEPLOYMENT_SUCCEEDED, EventType.ROLLED_BACK));
    }

    @Test
    public void listsCandidatesWaitingAtAGateUntilTheyPass() {
        Ledger ledger = open();
        ledger.append(waiting("prod", "1.0", 1));
        ledger.append(waiting("prod", "1.0", 5));
        assertThat(ledger.liveState().tier("prod").waiting(), hasSize(1));
        assertThat(ledger.liveState().tier("prod").waiting().get(0).since(), is(at(1)));
        ledger.append(passed("prod", "1.0", 6));
        assertThat(ledger.liveState().tier("prod").waiting(), is(empty()));
    }

    @Test
    public void theLiveStateKeptOnAppendEqualsAReplayOfTheLog() {
        Ledger ledger = open();
        ledger.append(passed("dev", "1.0", 1));
        ledger.append(succeeded("dev", "1.0", 2));
        ledger.append(waiting("prod", "1.0", 3));
        ledger.append(LedgerEvent.slotDeploymentStarted(APP, "stage", candidate("1.0"), "ci", at(4), "green"));
        ledger.append(LedgerEvent.slotDeployed(APP, "stage", candidate("1.0"), "ci", at(5), "green"));
        ledger.append(LedgerEvent.switched(APP, "stage", candidate("1.0"), "ci", at(6), "green"));
        ledger.append(LedgerEvent.canaryStarted(APP, "prod", candidate("1.0"), "ci", at(7), List.of(10, 100)));
        ledger.append(LedgerEvent.canaryStepReached(APP, "prod", candidate("1.0"), "ci", at(8), 1, List.of(10, 100)));
        assertThat(ledger.liveState(), is(replay(ledger)));
        assertThat(open().liveState(), is(replay(ledger)));
    }

    @Test
    public void anotherInstanceSeesWhatOneAppendedAndGoesOnFromItsSequenceNumber() {
        Ledger one = open();
        Ledger other = open();
        assertThat(other.liveState().seq(), is(0L));
        one.append(succeeded("dev", "1.0", 1));
        assertThat(other.liveState().live("dev").orElseThrow().candidate().version(), is("1.0"));
        assertThat(other.append(succeeded("dev", "1.1", 2)).seq(), is(2L));
        assertThat(one.liveState().live("dev").orElseThrow().candidate().version(), is("1.1"));
        assertThat(one.lastCandidates(1).get(0).version(), is("1.1"));
    }

    @Test
    public void answersTheLastCandidatesWithTheirPathNewestFirst() {
        Ledger ledger = open();
        for (int i = 1; i <= 6; i++) {
            String v = "1." + i;
            ledger.append(passed("dev", v, i * 10));
            ledger.append(succeeded("dev", v, i * 10 + 1));
        }
        ledger.append(passed("prod", "1.2", 100));
        ledger.append(succeeded("prod", "1.2", 101));
        List<CandidatePath> last = ledger.lastCandidates(2);
        assertThat(last.stream().map(CandidatePath::version).toList(), contains("1.2", "1.6"));
        assertThat(last.get(0).reached("dev").orElseThrow(), is(at(21)));
        assertThat(last.get(0).reached("prod").orElseThrow(), is(at(101)));
        assertThat(last.get(1).passed("dev"), is(true));
        assertThat(
                ledger.lastCandidates(5).stream().map(CandidatePath::version).toList(),
                contains("1.2", "1.6", "1.5", "1.4", "1.3"));
        assertThat(ledger.candidate("1.1").orElseThrow().tiers(), hasSize(1));
        assertThat(ledger.candidate("9.9").isPresent(), is(false));
    }

    @Test
    public void findsACandidateByVersionOrRevisionPrefixIgnoringCase() {
        Ledger ledger = open();
        ledger.append(passed("dev", "2.0", 1));
        ledger.append(succeeded("dev", "2.0", 2));
        ledger.append(succeeded("prod", "2.0", 4));
        ledger.append(succeeded("dev", "2.1", 5));
        List<CandidatePath> hits = ledger.search("ABC20");
        assertThat(hits.stream().map(CandidatePath::version).toList(), contains("2.0"));
        assertThat(hits.get(0).reached("prod").orElseThrow(), is(at(4)));
        assertThat(ledger.search("2.").stream().map(CandidatePath::version).toList(), contains("2.1", "2.0"));
        assertThat(ledger.search("bc20"), is(empty())); // a revision matches by prefix only
        assertThat(ledger.search("nothing"), is(empty()));
        assertThat(ledger.search("  "), is(empty()));
    }

    @Test
    public void compactionKeepsTheLiveStateTheWaitingAndTheNewestCandidatesWithTheirSequenceNumbers() {
        Ledger ledger = open();
        ledger.append(passed("prod", "0.9", 1));
        ledger.append(succeeded("prod", "0.9", 2));
        for (int i = 1; i <= 20; i++) {
            ledger.append(passed("dev", "1." + i, 10 + i));
            ledger.append(succeeded("dev", "1." + i, 10 + i));
        }
        ledger.append(waiting("prod", "1.3", 50));
        ledger.append(failed("dev", "1.1", 51));
        LiveState before = ledger.liveState();
        CompactionResult result = ledger.compact(5);
        assertThat(result.before(), is(44L));
        // 0.9 (live in prod), 1.3 (waiting), 1.16..1.20, and the last event (1.1 failed)
        assertThat(result.kept(), is(2L + 3L + 10L + 1L));
        assertThat(ledger.liveState().tiers(), is(before.tiers()));
        List<LedgerEvent> events = ledger.events();
        assertThat(events.get(0).seq(), is(1L));
        assertThat(events.get(events.size() - 1).seq(), is(44L));
        assertThat(ledger.append(succeeded("dev", "1.21", 60)).seq(), is(45L));
        Ledger reopened = open();
        assertThat(reopened.liveState().seq(), is(45L));
        assertThat(reopened.lastCandidates(1).get(0).version(), is("1.21"));
        assertThat(reopened.candidate("1.2").isPresent(), is(false));
        assertThat(reopened.liveState(), is(replay(reopened)));
    }

    @Test
    public void refusesAnEventOfAnotherApplicationAndStaysUnchanged() {
        Ledger ledger = open();
        ledger.append(succeeded("dev", "1.0", 1));
        LedgerEvent foreign = LedgerEvent.deploymentSucceeded("cart", "dev", candidate("9.0"), "eve", at(2));
        LedgerException e = assertThrows(LedgerException.class, () -> ledger.append(foreign));
        assertThat(e.getMessage(), containsString("\"cart\""));
        assertThat(ledger.events(), hasSize(1));
        assertThat(ledger.liveState().live("dev").orElseThrow().candidate().version(), is("1.0"));
    }

    @Test
    public void applicationsInOneStoreAreIsolated() {
        Ledger shop = open("shop");
        Ledger cart = open("cart");
        shop.append(succeeded("dev", "1.0", 1));
        shop.append(succeeded("prod", "1.0", 2));
        LedgerEvent c = LedgerEvent.deploymentSucceeded("cart", "dev", candidate("7.0"), "eve", at(3));
        assertThat(cart.append(c).seq(), is(1L));
        assertThat(shop.append(succeeded("dev", "1.1", 4)).seq(), is(3L));
        assertThat(cart.liveState().tierIds(), contains("dev"));
        assertThat(cart.liveState().live("dev").orElseThrow().candidate().version(), is("7.0"));
        assertThat(cart.lastCandidates(10).stream().map(CandidatePath::version).toList(), contains("7.0"));
        assertThat(shop.search("7.0"), is(empty()));
        assertThat(cart.events(), contains(c.withSeq(1)));
        cart.compact(0);
        assertThat(shop.events(), hasSize(3));
    }

    @Test
    public void anEventAppendedAgainWithTheSameIdIsStoredOnce() {
        Ledger ledger = open();
        LedgerEvent e = succeeded("dev", "1.0", 1).withId("3f0c1e2a-retry");
        LedgerEvent first = ledger.append(e);
        LedgerEvent again = open().append(e);
        assertThat(again.seq(), is(first.seq()));
        assertThat(ledger.events(), contains(e.withSeq(1)));
        assertThat(ledger.append(succeeded("dev", "1.1", 2).withId("another")).seq(), is(2L));
        assertThat(ledger.events().get(0).id(), is("3f0c1e2a-retry"));
    }

    @Test
    public void theSameIdAppendedByManyThreadsAtOnceIsStoredOnce() throws Exception {
        Ledger ledger = open();
        LedgerEvent e = succeeded("dev", "1.0", 1).withId("one-and-only");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LedgerEvent>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> ledger.append(e)));
            }
            for (Future<LedgerEvent> f : all) {
                assertThat(f.get(60, TimeUnit.SECONDS).seq(), is(1L));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.events(), hasSize(1));
    }

    @Test
    public void threadsOfTwoInstancesAppendingAtOnceGetGaplessSequenceNumbersAndTheLiveStateOfAReplay()
            throws Exception {
        int threads = 4;
        int each = 60;
        List<Ledger> instances = List.of(open(), open());
        ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 2 * threads; t++) {
                Ledger ledger = instances.get(t % 2);
                String name = "t" + t;
                results.add(pool.submit(() -> {
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        String version = name + "." + (i / 3);
                        LedgerEvent e =
                                switch (i % 3) {
                                    case 0 -> passed("dev", version, i);
                                    case 1 -> succeeded("dev", version, i);
                                    default -> waiting("prod", version, i);
                                };
                        seqs.add(ledger.append(e).seq());
                    }
                    return seqs;
                }));
            }
            Set<Long> acknowledged = new TreeSet<>();
            for (Future<List<Long>> f : results) {
                acknowledged.addAll(f.get(300, TimeUnit.SECONDS));
            }
            long n = 2L * threads * each;
            assertThat(
                    List.copyOf(acknowledged),
                    is(LongStream.rangeClosed(1, n).boxed().toList()));
        } finally {
            pool.shutdownNow();
        }
        Ledger reader = open();
        List<Long> stored = reader.events().stream().map(LedgerEvent::seq).toList();
        assertThat(
                stored,
                is(LongStream.rangeClosed(1, 2L * threads * each).boxed().toList()));
        assertThat(reader.liveState(), is(replay(reader)));
        assertThat(instances.get(0).liveState(), is(replay(reader)));
    }

    @Test
    public void copiesALedgerFromAnotherStoreKeepingItsSequenceNumbersIdsAndLiveState() throws Exception {
        Ledger source = FileLedger.open(elsewhere.newFolder("from").toPath(), APP);
        opened.add(source);
        for (int i = 1; i <= 8; i++) {
            source.append(passed("dev", "1." + i, i).withId("id-" + i));
            source.append(succeeded("dev", "1." + i, i));
        }
        source.append(waiting("prod", "1.2", 30));
        source.compact(2); // leaves gaps in the sequence numbers, which the copy keeps
        Ledger target = open();
        assertThat(target.copyFrom(source, false), is(source.events().size() * 1L));
        assertThat(target.events(), is(source.events()));
        assertThat(LedgerDigest.of(target), is(LedgerDigest.of(source)));
        assertThat(open().liveState(), is(source.liveState()));
        assertThat(target.append(succeeded("dev", "2.0", 40)).seq(), is(18L));
        // an id copied along still makes a retry of that append a no-op
        assertThat(target.append(passed("dev", "1.8", 15).withId("id-8")).seq(), is(15L));
        // and back into files
        Ledger back = FileLedger.open(elsewhere.newFolder("back").toPath(), APP);
        opened.add(back);
        back.copyFrom(target, false);
        assertThat(LedgerDigest.of(back), is(LedgerDigest.of(target)));
    }

    @Test
    public void refusesToCopyOverEventsUnlessAskedToReplaceThem() throws Exception {
        Ledger source = FileLedger.open(elsewhere.newFolder("from").toPath(), APP);
        opened.add(source);
        source.append(succeeded("dev", "1.0", 1));
        source.append(succeeded("prod", "1.0", 2));
        Ledger target = open();
        target.append(succeeded("dev", "0.1", 0));
        LedgerException e = assertThrows(LedgerException.class, () -> target.copyFrom(source, false));
        assertThat(e.getMessage(), containsString("refusing"));
        assertThat(target.events(), hasSize(1));
        assertThat(target.copyFrom(source, true), is(2L));
        assertThat(target.events(), is(source.events()));
        assertThat(target.liveState(), is(source.liveState()));
    }

    @Test
    public void aCopyOfAnotherApplicationsEventsIsRefusedAndLeavesNothing() throws Exception {
        Ledger source = FileLedger.open(elsewhere.newFolder("from").toPath(), "cart");
        opened.add(source);
        source.append(LedgerEvent.deploymentSucceeded("cart", "dev", candidate("7.0"), "eve", at(1)));
        Ledger target = open();
        assertThrows(LedgerException.class, () -> target.copyFrom(source, false));
        assertThat(target.events(), is(empty()));
        assertThat(target.liveState().seq(), is(0L));
    }

    @Test
    public void timesAndFieldsSurviveTheStoreExactly() {
        Ledger ledger = open();
        LedgerEvent e = LedgerEvent.deploymentFailed(
                APP,
                "prod",
                candidate("1.0"),
                "ünïcødé \"quoted\"\n",
                Instant.parse("2026-03-01T08:00:00.123456789Z"),
                7,
                "exit\t7");
        ledger.append(e);
        assertThat(open().events(), contains(e.withSeq(1)));
    }
}
