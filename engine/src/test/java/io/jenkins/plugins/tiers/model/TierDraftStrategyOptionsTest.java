package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import org.junit.Test;

/** The strategy options of a form or Pipeline map: the same as a ladder file's, with the same messages. */
public class TierDraftStrategyOptionsTest {

    private static TierDraft draft(String strategy, String steps, String switchMode, String preview, String pause) {
        return draft(strategy, steps, switchMode, preview, pause, null);
    }

    private static TierDraft draft(
            String strategy, String steps, String switchMode, String preview, String pause, String approveAt) {
        return new TierDraft(
                "prod",
                null,
                "production",
                null,
                null,
                strategy,
                steps,
                false,
                null,
                switchMode,
                preview,
                pause,
                approveAt);
    }

    @Test
    public void aCanaryMayNameTheStepItWaitsForAnApprovalAt() {
        Strategy s =
                draft("canary", "5, 50, 100", null, null, null, "50%").toTier().strategy();
        assertThat(s.approveAt(), is(50));
        assertThat(s.approvalStep(), is(2));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> draft(
                                        "canary", "5, 50, 100", null, null, null, "half")
                                .toTier())
                        .field(),
                is("approveAt"));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> draft(
                                        "canary", "5, 50, 100", null, null, null, "100")
                                .toTier())
                        .field(),
                is("approveAt"));
        assertThat(
                DraftChecks.strategyOptions("canary", "5, 50, 100", null, null, null, "25")
                        .isPresent(),
                is(true));
        assertThat(
                DraftChecks.strategyOptions("canary", "5, 50, 100", null, null, null, "5")
                        .isEmpty(),
                is(true));
    }

    @Test
    public void blueGreenTakesSwitchModeAndPreview() {
        Strategy s = draft("blue-green", null, "auto", " https://preview.example.com ", null)
                .toTier()
                .strategy();
        assertThat(s.autoSwitch(), is(true));
        assertThat(s.previewUrl(), is("https://preview.example.com"));
        assertThat(
                draft("blue-green", null, "manual", "", "").toTier().strategy().autoSwitch(), is(false));
    }

    @Test
    public void aCanaryTakesOnePauseOrOnePerStepButTheLast() {
        assertThat(
                draft("canary", "5, 25, 100", null, null, "10m")
                        .toTier()
                        .strategy()
                        .pauseAfter(2),
                is(Duration.ofMinutes(10)));
        Strategy s =
                draft("canary", "5, 25, 100", null, null, "10m, 1h").toTier().strategy();
        assertThat(s.pauses(), contains(Duration.ofMinutes(10), Duration.ofHours(1)));
        assertThat(s.pauseAfter(3), is(Duration.ZERO));
    }

    @Test
    public void wrongOptionsNameTheirField() {
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> draft("canary", "5, 100", "auto", null, null)
                                .toTier())
                        .field(),
                is("switch"));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> draft("blue-green", null, "sometimes", null, null)
                                .toTier())
                        .field(),
                is("switch"));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> draft(
                                        "canary", "5, 25, 100", null, null, "10m, soon")
                                .toTier())
                        .field(),
                is("pause[1]"));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> draft("direct", null, null, "ftp://x", null)
                                .toTier())
                        .field(),
                is("previewUrl"));
    }

    @Test
    public void formChecksJudgeEachOptionWithItsStrategy() {
        assertThat(
                DraftChecks.strategyOptions("blue-green", null, "auto", "https://p.example.com", null)
                        .isEmpty(),
                is(true));
        assertThat(
                DraftChecks.strategyOptions("canary", "5, 100", "auto", null, null)
                        .orElseThrow(),
                is("only a blue-green strategy switches"));
        assertThat(
                DraftChecks.strategyOptions("canary", "5, 25, 100", null, null, "10m, 20m")
                        .isEmpty(),
                is(true));
        assertThat(
                DraftChecks.strategyOptions("canary", "5, 25, 100", null, null, "10m, 20m, 30m")
                        .isPresent(),
                is(true));
        // broken steps are their own field's problem: the pause is still checked as a duration
        assertThat(
                DraftChecks.strategyOptions("canary", "5, oops", null, null, "10m")
                        .isEmpty(),
                is(true));
        assertThat(
                DraftChecks.strategyOptions("canary", "5, oops", null, null, "soon")
                        .isPresent(),
                is(true));
        assertThat(
                DraftChecks.strategyOptions("nonsense", null, null, null, "soon")
                        .isEmpty(),
                is(true));
    }
}
