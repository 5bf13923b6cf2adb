package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import io.jenkins.plugins.tiers.model.Candidate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class VerdictTest {

    private static Verdict verdictOf(Finding... findings) {
        return new Verdict("shop", "staging", Candidate.of("1.0"), List.of(findings), Map.of(), Instant.EPOCH);
    }

    private static Finding finding(String rule, Outcome outcome) {
        return new Finding(rule, outcome, rule.toUpperCase(), rule + " line");
    }

    @Test
    public void passesWhenEveryFindingPassesOrInforms() {
        Verdict v = verdictOf(finding("minTests", Outcome.PASS), finding("quarantine", Outcome.INFO));
        assertThat(v.status(), is(VerdictStatus.PASSED));
        assertThat(v.reasons().isEmpty(), is(true));
    }

    @Test
    public void blockingOutranksWaiting() {
        Finding block = finding("maxFailures", Outcome.BLOCK);
        Verdict v = verdictOf(finding("approval", Outcome.WAIT), block);
        assertThat(v.status(), is(VerdictStatus.BLOCKED));
        assertThat(v.reasons(), contains(block));
    }

    @Test
    public void waitsWhenSomethingWaitsAndNothingBlocks() {
        Finding wait = finding("approval", Outcome.WAIT);
        Verdict v = verdictOf(finding("minTests", Outcome.PASS), wait);
        assertThat(v.status(), is(VerdictStatus.WAITING));
        assertThat(v.reasons(), contains(wait));
    }
}
