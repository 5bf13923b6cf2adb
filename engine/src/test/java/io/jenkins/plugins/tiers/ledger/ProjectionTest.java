package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

public class ProjectionTest {

    private static void apply(Projection p, LedgerEvent e, long seq, long offset) {
        p.apply(e.withSeq(seq), offset);
    }

    @Test
    public void aNewCandidateAfterAnEvictionIsStillIndexedButAReturningOneIsMarkedUnknown() {
        Projection p = new Projection(2);
        apply(p, Events.succeeded("dev", "1.0", 1), 1, 0);
        apply(p, Events.succeeded("dev", "1.1", 2), 2, 100);
        apply(p, Events.succeeded("dev", "1.2", 3), 3, 200); // evicts 1.0
        assertThat(p.indexComplete, is(false));
        assertThat(p.index.get("1.2").firstOffset(), is(200L));
        apply(p, Events.succeeded("dev", "1.3", 4), 4, 300); // evicts 1.1, new: indexed
        assertThat(p.index.get("1.3").firstOffset(), is(300L));
        apply(p, Events.rolledBack("dev", "1.0", "1.3", 5), 5, 400); // 1.0 returns: its start is unknown
        assertThat(p.index.get("1.0").firstOffset(), is(-1L));
    }

    @Test
    public void theEvictedFingerprintsSurviveTheSnapshot() {
        Projection p = new Projection(1);
        apply(p, Events.succeeded("dev", "1.0", 1), 1, 0);
        apply(p, Events.succeeded("dev", "1.1", 2), 2, 100);
        Projection restored = Projection.restore(p.save(200, "key", "digest"), 1);
        apply(restored, Events.succeeded("dev", "1.0", 3), 3, 200);
        assertThat(restored.index.get("1.0").firstOffset(), is(-1L));
        assertThat(restored.liveState(), is(restored.liveState()));
    }
}
