package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class CandidateOrderTest {

    @Test
    public void ordersVersionsNaturally() {
        List<String> versions = new ArrayList<>(List.of("1.10", "1.4.10", "1.4.9", "1.4.2-rc1", "1.4.2", "v2", "1.9"));
        versions.sort(CandidateOrder::compareVersions);
        assertThat(versions, contains("1.4.2", "1.4.2-rc1", "1.4.9", "1.4.10", "1.9", "1.10", "v2"));
    }

    @Test
    public void theNewestChangeDecidesBeforeTheVersion() {
        Candidate older = new Candidate("9.0", null, null, Instant.parse("2026-01-01T00:00:00Z"));
        Candidate newer = new Candidate("1.0", null, null, Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(CandidateOrder.OLDEST_FIRST.compare(older, newer) < 0, is(true));
        Candidate sameTime = new Candidate("9.1", null, null, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(CandidateOrder.OLDEST_FIRST.compare(older, sameTime) < 0, is(true));
        assertThat(CandidateOrder.OLDEST_FIRST.compare(Candidate.of("2.0"), newer) > 0, is(true));
    }
}
