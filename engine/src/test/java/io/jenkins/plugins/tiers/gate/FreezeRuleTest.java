package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class FreezeRuleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Saturday 22:00 to Sunday 06:00, Berlin time. */
    private static final WeeklyFreeze NIGHT = new WeeklyFreeze(
            "weekend night", BERLIN, Set.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(6, 0));

    private static final DateFreeze YEAR_END = new DateFreeze(
            "year-end",
            BERLIN,
            LocalDate.of(2026, 12, 20).atStartOfDay(),
            LocalDate.of(2027, 1, 3).atStartOfDay());

    private static Finding freezeAt(String instant, FreezeWindow... windows) {
        return freezeAt(instant, null, windows);
    }

    private static Finding freezeAt(String instant, FreezeOverride override, FreezeWindow... windows) {
        return Scenario.staging(b -> b.freeze(List.of(windows)))
                .promotedFromTesting()
                .at(Instant.parse(instant))
                .request(r -> r.freezeOverride(override))
                .finding("freeze");
    }

    @Test
    public void weeklyWindowEdgesAreExactToTheMinute() {
        Object[][] table = {
            // 2026-11-28 is a Saturday; Berlin is UTC+1 in winter.
            {"2026-11-28T20:59:00Z", Outcome.PASS},
            {"2026-11-28T20:59:59Z", Outcome.PASS},
            {"2026-11-28T21:00:00Z", Outcome.WAIT},
            {"2026-11-29T04:59:59Z", Outcome.WAIT},
            {"2026-11-29T05:00:00Z", Outcome.PASS},
            {"2026-11-27T21:00:00Z", Outcome.PASS}, // Friday 22:00: not a listed day
        };
        for (Object[] row : table) {
            assertThat((String) row[0], freezeAt((String) row[0], NIGHT).outcome(), is(row[1]));
        }
        Finding frozen = freezeAt("2026-11-28T21:00:00Z", NIGHT);
        assertThat(frozen.code(), is("FROZEN"));
        assertThat(
                frozen.message(),
                is("frozen until Sun 2026-11-29 06:00 Europe/Berlin (weekend night every Sat 22:00–06:00"
                        + " Europe/Berlin)"));
        Finding open = freezeAt("2026-11-29T05:00:00Z", NIGHT);
        assertThat(open.code(), is("NOT_FROZEN"));
        assertThat(open.message(), is("no freeze window in force (1 window)"));
    }

    @Test
    public void twentyFourHundredIsTheEndOfTheDayAsFromAsWellAsTo() {
        // 2026-11-27 is a Friday; Berlin is UTC+1 in winter.
        WeeklyFreeze afterFriday =
                FreezeText.weekly("after friday", BERLIN, Set.of(DayOfWeek.FRIDAY), "24:00", "06:00");
        assertThat(freezeAt("2026-11-27T02:00:00Z", afterFriday).outcome(), is(Outcome.PASS)); // Fri 03:00
        assertThat(freezeAt("2026-11-27T22:59:59Z", afterFriday).outcome(), is(Outcome.PASS)); // Fri 23:59:59
        assertThat(freezeAt("2026-11-27T23:00:00Z", afterFriday).outcome(), is(Outcome.WAIT)); // Fri 24:00
        assertThat(freezeAt("2026-11-28T04:59:59Z", afterFriday).outcome(), is(Outcome.WAIT)); // Sat 05:59:59
        assertThat(freezeAt("2026-11-28T05:00:00Z", afterFriday).outcome(), is(Outcome.PASS)); // Sat 06:00

        WeeklyFreeze fridayEvening = FreezeText.weekly("", BERLIN, Set.of(DayOfWeek.FRIDAY), "18:00", "24:00");
        assertThat(freezeAt("2026-11-27T22:59:59Z", fridayEvening).outcome(), is(Outcome.WAIT));
        assertThat(freezeAt("2026-11-27T23:00:00Z", fridayEvening).outcome(), is(Outcome.PASS));

        WeeklyFreeze wholeSaturday = FreezeText.weekly("", BERLIN, Set.of(DayOfWeek.FRIDAY), "24:00", "24:00");
        assertThat(freezeAt("2026-11-27T22:59:59Z", wholeSaturday).outcome(), is(Outcome.PASS));
        assertThat(freezeAt("2026-11-28T22:59:59Z", wholeSaturday).outcome(), is(Outcome.WAIT));
        assertThat(freezeAt("2026-11-28T23:00:00Z", wholeSaturday).outcome(), is(Outcome.PASS));
    }

    @Test
    public void aLadderFileAndAFormReadFromTwentyFourHundredAlike() {
        FreezeWindow fromDraft = new FreezeDraft("", "Europe/Berlin", "fri", "24:00", "06:00", "", "").toWindow();
        assertThat(freezeAt("2026-11-27T02:00:00Z", fromDraft).outcome(), is(Outcome.PASS));
        assertThat(freezeAt("2026-11-28T02:00:00Z", fromDraft).outcome(), is(Outcome.WAIT));
    }

    @Test
    public void weeklyWindowsFollowLocalTimeAcrossDaylightSavingChanges() {
        // 29 March 2026: Berlin springs from 02:00 CET to 03:00 CEST, so 06:00 local is 04:00 UTC.
        assertThat(freezeAt("2026-03-29T03:59:00Z", NIGHT).outcome(), is(Outcome.WAIT));
        assertThat(freezeAt("2026-03-29T04:00:00Z", NIGHT).outcome(), is(Outcome.PASS));
        // 25 October 2026: Berlin falls back from 03:00 CEST to 02:00 CET, so 06:00 local is 05:00 UTC.
        assertThat(freezeAt("2026-10-25T04:59:00Z", NIGHT).outcome(), is(Outcome.WAIT));
        assertThat(freezeAt("2026-10-25T05:00:00Z", NIGHT).outcome(), is(Outcome.PASS));
        // The start follows local time too: 22:00 on Saturday 24 October is 20:00 UTC (still CEST).
        assertThat(freezeAt("2026-10-24T19:59:00Z", NIGHT).outcome(), is(Outcome.PASS));
        assertThat(freezeAt("2026-10-24T20:00:00Z", NIGHT).outcome(), is(Outcome.WAIT));
    }

    @Test
    public void aWindowInsideTheSkippedHourNeverFreezes() {
        WeeklyFreeze gap =
                new WeeklyFreeze("", BERLIN, Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 15), LocalTime.of(2, 45));
        assertThat(freezeAt("2026-03-29T00:59:00Z", gap).outcome(), is(Outcome.PASS));
        assertThat(freezeAt("2026-03-29T01:00:00Z", gap).outcome(), is(Outcome.PASS));
        // A week later the same window exists: 02:15 CEST is 00:15 UTC.
        assertThat(freezeAt("2026-04-05T00:15:00Z", gap).outcome(), is(Outcome.WAIT));
    }

    @Test
    public void dateWindowsCoverWholeDaysInTheirZone() {
        Object[][] table = {
            {"2026-12-19T22:59:00Z", Outcome.PASS},
            {"2026-12-19T23:00:00Z", Outcome.WAIT}, // midnight in Berlin
            {"2027-01-02T22:59:59Z", Outcome.WAIT},
            {"2027-01-02T23:00:00Z", Outcome.PASS},
        };
        for (Object[] row : table) {
            assertThat((String) row[0], freezeAt((String) row[0], YEAR_END).outcome(), is(row[1]));
        }
        assertThat(
                freezeAt("2026-12-24T10:00:00Z", YEAR_END).message(),
                is("frozen until Sun 2027-01-03 00:00 Europe/Berlin (year-end 2026-12-20T00:00–2027-01-03T00:00"
                        + " Europe/Berlin)"));
    }

    @Test
    public void windowsThatFollowOneAnotherAreJoined() {
        WeeklyFreeze saturday =
                new WeeklyFreeze("", BERLIN, Set.of(DayOfWeek.SATURDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        WeeklyFreeze sunday =
                new WeeklyFreeze("", BERLIN, Set.of(DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.of(8, 0));
        Finding f = freezeAt("2026-11-28T12:00:00Z", saturday, sunday);
        assertThat(
                f.message(),
                is("frozen until Sun 2026-11-29 08:00 Europe/Berlin (every Sat 00:00–00:00 Europe/Berlin; every Sun"
                        + " 00:00–08:00 Europe/Berlin)"));
    }

    @Test
    public void anOverrideNamesThePersonAndTheReason() {
        Finding f = freezeAt(
                "2026-12-24T10:00:00Z", new FreezeOverride("alice", "hotfix for INC-42, checkout down"), YEAR_END);
        assertThat(f.outcome(), is(Outcome.PASS));
        assertThat(f.code(), is("FREEZE_OVERRIDDEN"));
        assertThat(
                f.message(),
                is("frozen until Sun 2027-01-03 00:00 Europe/Berlin (year-end 2026-12-20T00:00–2027-01-03T00:00"
                        + " Europe/Berlin), overridden by alice: hotfix for INC-42, checkout down"));
        Finding unneeded = freezeAt("2026-11-26T10:00:00Z", new FreezeOverride("alice", "just in case"), YEAR_END);
        assertThat(
                unneeded.message(), is("no freeze window in force (1 window); the override by alice was not needed"));
    }

    @Test
    public void anOverrideNeedsAPersonAndAReason() {
        org.junit.Assert.assertThrows(IllegalArgumentException.class, () -> new FreezeOverride(" ", "outage"));
        org.junit.Assert.assertThrows(IllegalArgumentException.class, () -> new FreezeOverride("alice", ""));
    }

    @Test
    public void aDateWindowMustEndAfterItStarts() {
        LocalDateTime t = LocalDateTime.of(2026, 12, 20, 0, 0);
        org.junit.Assert.assertThrows(
                io.jenkins.plugins.tiers.model.InvalidDefinitionException.class,
                () -> new DateFreeze("", BERLIN, t, t));
    }
}
