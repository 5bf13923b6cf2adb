package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.Scenario.NOW;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import io.jenkins.plugins.tiers.model.Candidate;
import java.time.Duration;
import java.util.Set;
import org.junit.Test;

public class SoakRuleTest {

    private static Scenario liveInTestingFor(Duration elapsed) {
        return Scenario.staging(b -> b.soak(Duration.ofHours(2)))
                .history(h -> h.passed("testing", Candidate.of("1.4.2"), Set.of())
                        .live("testing", Candidate.of("1.4.2"), NOW.minus(elapsed), "ci"));
    }

    @Test
    public void waitsUntilTheSoakEndsAndPassesAtTheExactSecond() {
        Object[][] table = {
            {
                Duration.ofMinutes(80),
                Outcome.WAIT,
                ReasonCode.SOAK_PENDING,
                "live in testing for 1h 20m of 2h; soak ends at 2026-11-26T10:40:00Z"
            },
            {
                Duration.ofHours(2).minusSeconds(1),
                Outcome.WAIT,
                ReasonCode.SOAK_PENDING,
                "live in testing for 1h 59m 59s of 2h; soak ends at 2026-11-26T10:00:01Z"
            },
            {
                Duration.ofHours(2),
                Outcome.PASS,
                ReasonCode.SOAKED,
                "live in testing for 2h since 2026-11-26T08:00:00Z, at least 2h required"
            },
            {
                Duration.ofDays(3),
                Outcome.PASS,
                ReasonCode.SOAKED,
                "live in testing for 3d since 2026-11-23T10:00:00Z, at least 2h required"
            },
        };
        for (Object[] row : table) {
            Scenario s = liveInTestingFor((Duration) row[0]);
            Finding f = s.finding("soak");
            assertThat(f.message(), is(row[3]));
            assertThat(f.outcome(), is(row[1]));
            assertThat(f.code(), is(((ReasonCode) row[2]).name()));
        }
        assertThat(liveInTestingFor(Duration.ofMinutes(80)).verdict().status(), is(VerdictStatus.WAITING));
    }

    @Test
    public void aCandidateNoLongerLiveBelowCannotSoak() {
        Scenario s = Scenario.staging(b -> b.soak(Duration.ofHours(2)))
                .history(h -> h.passed("testing", Candidate.of("1.4.2"), Set.of())
                        .live("testing", Candidate.of("1.4.3"), NOW.minus(Duration.ofDays(1)), "ci"));
        Finding f = s.finding("soak");
        assertThat(f.outcome(), is(Outcome.BLOCK));
        assertThat(f.code(), is("NOT_SOAKED"));
        assertThat(f.message(), is("1.4.2 is not live in testing, so it cannot soak there (2h required)"));
    }

    @Test
    public void soaksInTheTierUnderASkippedOne() {
        Scenario s = Scenario.staging(b -> b.soak(Duration.ofHours(2)))
                .testingSkippable()
                .history(h -> h.live("development", Candidate.of("1.4.2"), NOW.minus(Duration.ofHours(3)), "ci"));
        assertThat(
                s.finding("soak").message(),
                is("live in development for 3h since 2026-11-26T07:00:00Z, at least 2h required"));
        assertThat(s.verdict().status(), is(VerdictStatus.PASSED));
    }

    @Test
    public void theFirstTierHasNothingToSoakIn() {
        Finding f = Scenario.only(
                Scenario.staging(GatePolicy.DEFAULT)
                        .request(r -> r.tightenedBy(
                                GatePolicy.builder().soak(Duration.ofHours(1)).build()))
                        .verdict("development"),
                "soak");
        assertThat(f.code(), is("NO_TIER_TO_SOAK_IN"));
        assertThat(f.message(), is("development is the first tier: there is no tier below to soak in (1h required)"));
    }
}
