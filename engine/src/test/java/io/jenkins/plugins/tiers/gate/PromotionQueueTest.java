package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.PromotionQueue.Claim;
import io.jenkins.plugins.tiers.gate.PromotionQueue.Claimant;
import io.jenkins.plugins.tiers.gate.PromotionQueue.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class PromotionQueueTest {

    private static final Claimant FIRST = new Claimant("shop#1", 1_000, 1);
    private static final Claimant SECOND = new Claimant("shop#2", 2_000, 2);
    private static final Claimant THIRD = new Claimant("shop#3", 3_000, 3);

    private final PromotionQueue queue = new PromotionQueue();

    @Test
    public void grantsTheFirstClaimImmediately() {
        Claim claim = queue.claim(FIRST);
        assertThat(claim.result(), is(Result.GRANTED));
        assertThat(queue.holder(), is(Optional.of(FIRST)));
    }

    @Test
    public void queuesANewerRunBehindTheOneDeployingSoTheyNeverInterleave() {
        queue.claim(FIRST);
        Claim claim = queue.claim(SECOND);
        assertThat(claim.result(), is(Result.QUEUED));
        assertThat(claim.blocker(), is(Optional.of(FIRST)));
        assertThat(queue.holder(), is(Optional.of(FIRST)));
        assertThat(queue.release("shop#1"), is(Optional.of(SECOND)));
        assertThat(queue.holder(), is(Optional.of(SECOND)));
    }

    @Test
    public void refusesAnOlderRunWhileANewerOneDeploys() {
        queue.claim(SECOND);
        Claim claim = queue.claim(FIRST);
        assertThat(claim.result(), is(Result.REFUSED));
        assertThat(claim.blocker(), is(Optional.of(SECOND)));
        assertThat(queue.waiting(), is(Optional.empty()));
    }

    @Test
    public void refusesAnOlderRunThanTheOneWaiting() {
        queue.claim(FIRST);
        queue.claim(THIRD);
        Claim claim = queue.claim(SECOND);
        assertThat(claim.result(), is(Result.REFUSED));
        assertThat(claim.blocker(), is(Optional.of(THIRD)));
    }

    @Test
    public void aNewerArrivalSupersedesTheOlderOneWaiting() {
        queue.claim(FIRST);
        queue.claim(SECOND);
        Claim claim = queue.claim(THIRD);
        assertThat(claim.result(), is(Result.QUEUED));
        assertThat(claim.superseded(), is(Optional.of(SECOND)));
        assertThat(queue.release("shop#1"), is(Optional.of(THIRD)));
    }

    @Test
    public void breaksATieOnStartTimeWithTheRunNumber() {
        Claimant a = new Claimant("shop#7", 5_000, 7);
        Claimant b = new Claimant("shop#8", 5_000, 8);
        queue.claim(a);
        assertThat(queue.claim(b).result(), is(Result.QUEUED));
        assertThat(new Claimant("other#1", 5_000, 1).isNewerThan(b), is(false));
    }

    @Test
    public void refusesARunThatAlreadyHoldsTheTierInsteadOfDeadlocking() {
        queue.claim(FIRST);
        assertThat(queue.claim(FIRST).result(), is(Result.REFUSED));
    }

    @Test
    public void aWaitingRunThatGivesUpLeavesTheHolderInPlace() {
        queue.claim(FIRST);
        queue.claim(SECOND);
        assertThat(queue.release("shop#2"), is(Optional.empty()));
        assertThat(queue.holder(), is(Optional.of(FIRST)));
        assertThat(queue.release("shop#1"), is(Optional.empty()));
        assertThat(queue.isIdle(), is(true));
    }

    @Test
    public void releasingAStrangerChangesNothing() {
        queue.claim(FIRST);
        assertThat(queue.release("shop#9"), is(Optional.empty()));
        assertThat(queue.holder(), is(Optional.of(FIRST)));
    }

    @Test
    public void restoresTheHolderAfterARestartUnlessAnotherRunHoldsTheTier() {
        assertThat(queue.restore(FIRST), is(true));
        assertThat(queue.claim(SECOND).result(), is(Result.QUEUED));
        assertThat(new PromotionQueue().restore(SECOND), is(true));
        PromotionQueue taken = new PromotionQueue();
        taken.claim(THIRD);
        assertThat(taken.restore(FIRST), is(false));
    }

    @Test
    public void concurrentClaimsGrantExactlyOneRun() throws Exception {
        int runs = 16;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<Claim>> claims = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Claimant c = new Claimant("shop#" + i, 1_000L * i, i);
            claims.add(pool.submit(() -> {
                start.await();
                return queue.claim(c);
            }));
        }
        start.countDown();
        int granted = 0;
        int queued = 0;
        for (java.util.concurrent.Future<Claim> f : claims) {
            Result r = f.get(10, TimeUnit.SECONDS).result();
            granted += r == Result.GRANTED ? 1 : 0;
            queued += r == Result.QUEUED ? 1 : 0;
        }
        pool.shutdown();
        assertThat(granted, is(1));
        assertThat(queue.waiting().isPresent(), is(queued > 0));
    }
}
