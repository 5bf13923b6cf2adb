package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import org.junit.Test;

public class FreezeDraftTest {

    @Test
    public void readsAWeeklyWindowWithADayRange() {
        FreezeWindow window =
                new FreezeDraft("weekend", "Europe/Paris", "fri-mon", "18:00", "06:00", null, null).toWindow();
        assertThat(window, instanceOf(WeeklyFreeze.class));
        assertThat(
                ((WeeklyFreeze) window).days(),
                is(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY)));
        // Saturday 2026-11-21 at 20:00 in Paris is inside the Saturday occurrence.
        assertThat(window.frozenUntil(Instant.parse("2026-11-21T19:00:00Z")).isPresent(), is(true));
        // Wednesday noon is not.
        assertThat(window.frozenUntil(Instant.parse("2026-11-25T11:00:00Z")).isPresent(), is(false));
    }

    @Test
    public void aDatedWindowEndingOnADateIncludesThatWholeDay() {
        DateFreeze window = (DateFreeze)
                new FreezeDraft("year-end", "UTC", null, null, null, "2026-12-24", "2027-01-01").toWindow();
        assertThat(window.start(), is(LocalDateTime.parse("2026-12-24T00:00")));
        assertThat(window.end(), is(LocalDateTime.parse("2027-01-02T00:00")));
    }

    @Test
    public void readsAsTiersYamlDoes() {
        // No zone means UTC; 24:00 is midnight at the end of the day.
        WeeklyFreeze friday =
                (WeeklyFreeze) new FreezeDraft("friday evening", " ", "fri", "18:00", "24:00", null, null).toWindow();
        assertThat(friday.zone().getId(), is("UTC"));
        assertThat(
                friday.frozenUntil(Instant.parse("2026-11-27T23:30:00Z")).orElseThrow(),
                is(Instant.parse("2026-11-28T00:00:00Z")));
        assertThat(FlakyPolicy.parse("3"), is(FlakyPolicy.allow(3)));
        assertThat(FlakyPolicy.parse("allow 3"), is(FlakyPolicy.allow(3)));
    }

    @Test
    public void refusesAWindowThatIsBothWeeklyAndDated() {
        InvalidDefinitionException e = assertThrows(
                InvalidDefinitionException.class,
                () -> new FreezeDraft(null, "UTC", "sat", "00:00", "00:00", "2026-12-24", "2026-12-25").toWindow());
        assertThat(e.problem(), containsString("not both"));
    }

    @Test
    public void namesTheFieldAtFault() {
        assertThat(field(new FreezeDraft(null, "Mars/Olympus", "sat", "00:00", "00:00", null, null)), is("zone"));
        assertThat(field(new FreezeDraft(null, "UTC", "caturday", "00:00", "00:00", null, null)), is("days"));
        assertThat(field(new FreezeDraft(null, "UTC", "sat", "25:00", "00:00", null, null)), is("from"));
        assertThat(field(new FreezeDraft(null, "UTC", "sat", "00:00", null, null, null)), is("to"));
        assertThat(field(new FreezeDraft(null, "UTC", null, null, null, "2026-12-24", "2026-12-23")), is("end"));
    }

    private static String field(FreezeDraft draft) {
        return assertThrows(InvalidDefinitionException.class, draft::toWindow).field();
    }
}
