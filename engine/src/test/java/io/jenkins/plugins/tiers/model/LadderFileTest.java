package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.gate.ApprovalPolicy;
import io.jenkins.plugins.tiers.gate.FlakyPolicy;
import io.jenkins.plugins.tiers.gate.GatePolicy;
import io.jenkins.plugins.tiers.gate.WeeklyFreeze;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class LadderFileTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("tiers.root", ".."), "examples", "tiers.yaml");

    private static LadderFileException error(String yaml) {
        return assertThrows(LadderFileException.class, () -> LadderFile.parse(yaml, "tiers.yaml"));
    }

    private static String ladder(String gateLines) {
        return "application: shop\n"
                + "tiers:\n"
                + "  - id: testing\n"
                + "  - id: production\n"
                + "    gate:\n"
                + gateLines;
    }

    @Test
    public void readsTheExampleWithEveryRule() throws Exception {
        Ladder l = LadderFile.read(EXAMPLE);
        assertThat(l.application(), is("shop"));
        assertThat(l.ids(), is("development, testing, staging, production"));
        Tier testing = l.tier("testing").orElseThrow();
        assertThat(testing.skippable(), is(true));
        assertThat(testing.credentials().orElseThrow(), is("shop-test-deploy"));
        assertThat(testing.gate().flaky(), is(FlakyPolicy.allow(3)));
        assertThat(testing.gate().quarantine(), contains("com.shop.legacy.*", "PaymentGatewayIT.timeout*"));
        GatePolicy staging = l.tier("staging").orElseThrow().gate();
        assertThat(l.tier("staging").orElseThrow().strategy(), is(Strategy.blueGreen()));
        assertThat(staging.minPassRate().getAsDouble(), is(99.5));
        assertThat(staging.maxSkipped().getAsInt(), is(20));
        assertThat(staging.maxSkippedPercent().getAsDouble(), is(5.0));
        assertThat(staging.baselineTier().orElseThrow(), is("production"));
        assertThat(staging.requiredSuites(), contains("*IT", "CheckoutSmokeTest"));
        assertThat(staging.flaky(), is(FlakyPolicy.FAIL));
        assertThat(staging.soak().orElseThrow(), is(Duration.ofHours(2)));
        Tier production = l.tier("production").orElseThrow();
        assertThat(production.kind(), is(TierKind.PRODUCTION));
        assertThat(production.strategy(), is(Strategy.canary(5, 25, 50, 100)));
        GatePolicy gate = production.gate();
        assertThat(
                gate.approval().orElseThrow(),
                is(new ApprovalPolicy(2, List.of("alice"), List.of("release-managers"), false, Duration.ofDays(1))));
        assertThat(gate.maxReportAge().orElseThrow(), is(Duration.ofDays(1)));
        assertThat(gate.freeze().size(), is(3));
        assertThat(
                gate.freeze().get(1),
                is(new WeeklyFreeze(
                        "weekend",
                        java.time.ZoneId.of("Europe/Berlin"),
                        Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                        LocalTime.MIDNIGHT,
                        LocalTime.MIDNIGHT)));
        // 2026-12-24 10:00 UTC is inside the year-end window; 2027-01-03 00:00 Berlin is outside.
        assertThat(
                gate.freeze()
                        .get(2)
                        .frozenUntil(Instant.parse("2026-12-24T10:00:00Z"))
                        .isPresent(),
                is(true));
        assertThat(
                gate.freeze()
                        .get(2)
                        .frozenUntil(Instant.parse("2027-01-02T23:00:00Z"))
                        .isPresent(),
                is(false));
    }

    @Test
    public void readsTheSwitchModePreviewAndPausesOfAStrategy() throws Exception {
        Ladder l = LadderFile.parse(
                "application: shop\ntiers:\n"
                        + "  - id: staging\n    strategy: blue-green\n    switch: auto\n"
                        + "    previewUrl: https://green.staging.example.com\n"
                        + "  - id: production\n    strategy: canary\n    steps: [5, 25, 100]\n    pause: [10m, 1h]\n"
                        + "  - id: dr\n    strategy: canary\n    steps: [50, 100]\n    pause: 5m\n",
                "tiers.yaml");
        Strategy staging = l.tier("staging").orElseThrow().strategy();
        assertThat(staging.autoSwitch(), is(true));
        assertThat(staging.previewUrl(), is("https://green.staging.example.com"));
        Strategy production = l.tier("production").orElseThrow().strategy();
        assertThat(production.pauseAfter(1), is(Duration.ofMinutes(10)));
        assertThat(production.pauseAfter(2), is(Duration.ofHours(1)));
        assertThat(production.pauseAfter(3), is(Duration.ZERO));
        assertThat(l.tier("dr").orElseThrow().strategy().pauseAfter(1), is(Duration.ofMinutes(5)));
        assertThat(production.approveAt(), is(nullValue()));
    }

    @Test
    public void readsTheCanaryStepThatNeedsAnApproval() throws Exception {
        Ladder l = LadderFile.parse(
                "application: shop\ntiers:\n"
                        + "  - id: production\n    strategy: canary\n    steps: [5, 25, 50, 100]\n    approveAt: 25\n",
                "tiers.yaml");
        Strategy production = l.tier("production").orElseThrow().strategy();
        assertThat(production.approveAt(), is(25));
        assertThat(production.approvalStep(), is(2));
        assertThat(production.toString(), is("canary [5, 25, 50, 100] approve at 25%"));
    }

    @Test
    public void aWindowFromTwentyFourHundredStartsWhenItsDayEnds() throws LadderFileException {
        Ladder l = LadderFile.parse(
                ladder("      freeze:\n        windows:\n          - days: [fri]\n            from: \"24:00\"\n"
                        + "            to: \"06:00\"\n"),
                "tiers.yaml");
        assertThat(
                l.tier("production").orElseThrow().gate().freeze(),
                is(List.of(new WeeklyFreeze(
                        "",
                        java.time.ZoneId.of("UTC"),
                        Set.of(DayOfWeek.SATURDAY),
                        LocalTime.MIDNIGHT,
                        LocalTime.of(6, 0)))));
    }

    @Test
    public void anUnknownKeyIsNamedWithItsLineAndTheKnownKeys() {
        LadderFileException e = error(ladder("      minTest: 5\n"));
        assertThat(e.line(), is(6));
        assertThat(e.column(), is(7));
        assertThat(e.field(), is("tiers[1].gate.minTest"));
        assertThat(
                e.getMessage(),
                is("tiers.yaml:6:7: tiers[1].gate.minTest: unknown key \"minTest\"; known keys: approval, baseline,"
                        + " flaky, freeze, maxFailures, maxReportAge, maxSkipped, maxSkippedPercent, minPassRate,"
                        + " minTests, noNewFailures, quarantine, requiredSuites, soak"));
    }

    @Test
    public void aBadDurationIsNamedWithItsLine() {
        LadderFileException e = error(ladder("      minTests: 5\n      soak: 2 hours\n"));
        assertThat(
                e.getMessage(),
                is("tiers.yaml:7:7: tiers[1].gate.soak: \"2 hours\" is not a duration; write for example 30m, 2h, 1d,"
                        + " 1h30m or ISO-8601 such as PT2H"));
        LadderFileException nested = error(ladder("      approval:\n        required: 2\n        timeout: soon\n"));
        assertThat(nested.line(), is(8));
        assertThat(nested.field(), is("tiers[1].gate.approval.timeout"));
    }

    @Test
    public void anUnknownTierReferenceIsNamedWithItsLine() {
        LadderFileException e = error(ladder("      noNewFailures: true\n      baseline: prod\n"));
        assertThat(
                e.getMessage(),
                is("tiers.yaml:7:7: tiers[1].gate.baseline: no tier \"prod\" in this ladder; known tiers: testing,"
                        + " production"));
    }

    @Test
    public void modelErrorsAreNamedWithTheLineOfTheirField() {
        Object[][] table = {
            {
                "application: shop\ntiers:\n  - id: dev\n  - id: Prod\n",
                4,
                "tiers[1].id",
                "\"Prod\" must match [a-z0-9][a-z0-9-]*"
            },
            {
                "application: shop\ntiers:\n  - id: qa\n  - id: qa\n",
                4,
                "tiers[1].id",
                "\"qa\" is already the id of tiers[0]"
            },
            {
                "application: shop\ntiers:\n  - id: qa\n    kind: prod\n",
                4,
                "tiers[0].kind",
                "\"prod\" is not a kind; use development, testing, staging, production or other"
            },
            {
                "application: shop\ntiers:\n  - id: qa\n    strategy: canary\n    steps: [50, 20]\n",
                5,
                "tiers[0].steps[1]",
                "percentages must increase, but 20 follows 50"
            },
            {
                "application: shop\ntiers:\n  - id: qa\n    strategy: canary\n    steps: [5, 100]\n    switch: auto\n",
                6,
                "tiers[0].switch",
                "only a blue-green strategy switches"
            },
            {
                "application: shop\ntiers:\n  - id: qa\n    strategy: blue-green\n    switch: sometimes\n",
                5,
                "tiers[0].switch",
                "\"sometimes\" is not a switch mode; use auto or manual"
            },
            {
                "application: shop\ntiers:\n  - id: qa\n    strategy: canary\n    steps: [5, 25, 100]\n"
                        + "    pause: [1m, 2m, 3m]\n",
                6,
                "tiers[0].pause",
                "give one pause, or one per step but the last (2), not 3"
            },
            {
                "application: shop\ntiers:\n  - id: qa\n    strategy: canary\n    steps: [5, 25, 100]\n"
                        + "    approveAt: 100\n",
                6,
                "tiers[0].approveAt",
                "100 is not one of the steps before the last [5, 25]; name the weight of the step after which the"
                        + " canary waits for an approval"
            },
            {
                "application: shop\ntiers:\n  - id: qa\n    strategy: blue-green\n    approveAt: 50\n",
                5,
                "tiers[0].approveAt",
                "only a canary strategy has steps to approve at"
            },
            {
                "application: shop\ntiers:\n  - id: qa\n    url: ftp://x\n",
                4,
                "tiers[0].url",
                "\"ftp://x\" must be an http or https address"
            },
            {
                ladder("      minPassRate: 101\n"),
                6,
                "tiers[1].gate.minPassRate",
                "must be a percentage from 0 to 100, was 101.0"
            },
            {
                ladder("      flaky: sometimes\n"),
                6,
                "tiers[1].gate.flaky",
                "\"sometimes\" is not a flaky policy; use ignore, fail, or the number of flaky tests allowed (2 or allow 2)"
            },
            {
                ladder("      approval:\n        required: 0\n"),
                7,
                "tiers[1].gate.approval.required",
                "must be 1 or more, was 0"
            },
            {
                ladder("      freeze:\n        zone: Mars/Olympus\n"),
                7,
                "tiers[1].gate.freeze.zone",
                "\"Mars/Olympus\" is not a time zone; use a region such as Europe/Berlin, or UTC"
            },
            {
                ladder("      freeze:\n        windows:\n          - days: [sat]\n            from: \"25:00\"\n"
                        + "            to: \"06:00\"\n"),
                9,
                "tiers[1].gate.freeze.windows[0].from",
                "\"25:00\" is not a time of day; write HH:MM such as \"18:00\" (in quotes in tiers.yaml)"
            },
            {
                ladder("      freeze:\n        windows:\n          - days: [someday]\n            from: \"1:00\"\n"
                        + "            to: \"06:00\"\n"),
                8,
                "tiers[1].gate.freeze.windows[0].days[0]",
                "\"someday\" is not a day; use mon, tue, wed, thu, fri, sat, sun or full names"
            },
            {
                ladder("      freeze:\n        windows:\n          - from: 2026-12-20\n            to: 2026-12-19\n"),
                9,
                "tiers[1].gate.freeze.windows[0].to",
                "the freeze must end after it starts (2026-12-20T00:00)"
            },
            {"application: shop\ntiers: []\n", 2, "tiers", "a ladder needs at least one tier"},
            {"tiers:\n  - id: qa\n", 1, "application", "a ladder needs an application name"},
        };
        for (Object[] row : table) {
            LadderFileException e = error((String) row[0]);
            assertThat(e.getMessage(), e.field(), is(row[2]));
            assertThat(e.getMessage(), e.problem(), is(row[3]));
            assertThat(e.getMessage(), e.line(), is(row[1]));
        }
    }

    @Test
    public void aWrongTypeSaysWhatWasExpected() {
        LadderFileException e = error(ladder("      minTests: lots\n"));
        assertThat(e.getMessage(), is("tiers.yaml:6:7: tiers[1].gate.minTests: expected a whole number"));
        LadderFileException list = error(ladder("      quarantine: {a: b}\n"));
        assertThat(list.field(), is("tiers[1].gate.quarantine"));
        assertThat(list.problem(), is("expected a list"));
    }

    @Test
    public void syntaxErrorsAndDuplicateKeysHaveALine() {
        LadderFileException dup = error("application: shop\napplication: other\ntiers:\n  - id: qa\n");
        assertThat(dup.line(), is(2));
        LadderFileException syntax = error("application: shop\ntiers:\n  - id: [qa\n");
        assertThat(syntax.line() > 0, is(true));
        assertThat(syntax.getMessage().startsWith("tiers.yaml:"), is(true));
    }

    @Test
    public void anEmptyFileSaysWhatItNeeds() {
        assertThat(error("").getMessage(), is("tiers.yaml:1:1: the file is empty; it needs an application and tiers"));
    }

    @Test
    public void aMissingFileIsNamed() {
        LadderFileException e =
                assertThrows(LadderFileException.class, () -> LadderFile.read(Path.of("no-such-dir", "tiers.yaml")));
        assertThat(e.getMessage().startsWith("no-such-dir/tiers.yaml: cannot be read: "), is(true));
    }

    @Test
    public void aliasesAreNotExpandedSoNoAliasBombCanGrow() {
        LadderFileException e = error("application: shop\ntiers:\n  - id: qa\n    gate:\n"
                + "      quarantine: &q [\"x\", \"y\"]\n      requiredSuites: *q\n");
        assertThat(e.getMessage(), is("tiers.yaml:6:7: tiers[0].gate.requiredSuites: expected a list"));
    }
}
