package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import io.jenkins.plugins.tiers.model.Candidate;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

public class DeployCheckTest {

    private static final Instant PASSED_AT = Instant.parse("2026-11-26T10:00:00Z"); // a Thursday
    private static final Instant DEPLOY_AT = Instant.parse("2026-11-26T12:00:00Z");
    private static final Candidate V10 = new Candidate("1.0", null, "aaa", Instant.parse("2026-11-25T08:00:00Z"));
    private static final Candidate V11 = new Candidate("1.1", null, "bbb", Instant.parse("2026-11-26T08:00:00Z"));

    /** Thursdays from 11:00 to 18:00 UTC: in force at DEPLOY_AT, not at PASSED_AT. */
    private static final WeeklyFreeze AFTERNOON = new WeeklyFreeze(
            "release meeting", ZoneOffset.UTC, Set.of(DayOfWeek.THURSDAY), LocalTime.of(11, 0), LocalTime.of(18, 0));

    private static Verdict verdict(Candidate c, Outcome outcome, String code) {
        return new Verdict(
                "shop", "production", c, List.of(new Finding("tests", outcome, code, "evidence")), Map.of(), PASSED_AT);
    }

    private static Verdict passed(Candidate c) {
        return verdict(c, Outcome.PASS, "TESTS_OK");
    }

    private static Optional<String> check(
            Candidate c, Verdict latest, LiveEntry live, List<FreezeWindow> freeze, boolean rollback) {
        return new DeployCheck("production", c, latest, live, freeze, rollback).refusal(DEPLOY_AT);
    }

    @Test
    public void aPassedVerdictForThisCodeDeploysWhenNothingChanged() {
        assertThat(
                check(V11, passed(V11), new LiveEntry(V10, PASSED_AT, "ci"), List.of(), false), is(Optional.empty()));
        assertThat(
                check(V10, passed(V10), new LiveEntry(V10, PASSED_AT, "ci"), List.of(), false), is(Optional.empty()));
    }

    @Test
    public void anOldPassedVerdictIsRefusedOnceANewerCandidateIsLive() {
        assertThat(
                check(
                        V10,
                        passed(V10),
                        new LiveEntry(V11, Instant.parse("2026-11-26T11:00:00Z"), "ci"),
                        List.of(),
                        false),
                is(Optional.of("1.1, newer than 1.0, is live in production since 2026-11-26T11:00:00Z; the verdict of"
                        + " 2026-11-26T10:00:00Z no longer holds, and only an explicit rollback may replace a newer"
                        + " candidate")));
    }

    @Test
    public void anExplicitRollbackMayReplaceANewerCandidate() {
        assertThat(
                check(V10, null, new LiveEntry(V11, PASSED_AT, "ci"), List.of(AFTERNOON), true), is(Optional.empty()));
    }

    @Test
    public void aFreezeWindowInForceAtDeployTimeRefusesAVerdictGivenOutsideIt() {
        assertThat(
                check(V11, passed(V11), null, List.of(AFTERNOON), false),
                is(Optional.of("production is frozen now, until 2026-11-26T18:00:00Z (release meeting every Thu"
                        + " 11:00–18:00 Z); the verdict of 2026-11-26T10:00:00Z passed outside the freeze and does not cover a"
                        + " deployment in it")));
    }

    @Test
    public void aVerdictThatWentThroughTheFreezeByAnOverrideStillCoversIt() {
        Verdict overridden = verdict(V11, Outcome.PASS, "FREEZE_OVERRIDDEN");
        assertThat(check(V11, overridden, null, List.of(AFTERNOON), false), is(Optional.empty()));
    }

    @Test
    public void withoutALatestPassedVerdictNothingDeploys() {
        assertThat(
                check(V11, null, null, List.of(), false),
                is(Optional.of("the gate of production has not passed 1.1 (no verdict)")));
        assertThat(
                check(V11, verdict(V11, Outcome.BLOCK, "TOO_MANY_FAILURES"), null, List.of(), false),
                is(Optional.of("the gate of production has not passed 1.1 (its latest verdict is BLOCKED)")));
    }

    @Test
    public void aVerdictForTheSameLabelAtAnotherRevisionDoesNotDeployOtherCode() {
        Candidate otherCode = new Candidate("1.1", null, "ccc", V11.changedAt());
        assertThat(
                check(otherCode, passed(V11), null, List.of(), false),
                is(Optional.of("1.1 passed the gate of production at revision bbb; revision ccc is different code under"
                        + " the same label")));
    }
}
