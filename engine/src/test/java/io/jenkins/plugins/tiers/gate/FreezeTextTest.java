package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.LadderFile;
import io.jenkins.plugins.tiers.model.LadderFileException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.Test;

/**
 * One reader per value of a freeze window and of the flaky policy: {@code tiers.yaml} and the
 * job configuration form accept the same text and say the same thing about a mistake.
 */
public class FreezeTextTest {

    @Test
    public void daysAreNamesAndRangesSeparatedByCommasOrSpaces() {
        assertThat(FreezeText.days("days", "sat, sun"), is(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)));
        assertThat(FreezeText.days("days", "Saturday sunday"), is(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)));
        assertThat(
                FreezeText.days("days", "fri - mon"),
                is(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY)));
        assertThat(FreezeText.days("days", "mon-wed,sat").size(), is(4));
        assertThat(
                problem(() -> FreezeText.days("days", "mon-tue-wed")),
                is("days: \"mon-tue-wed\" is not a day or a" + " range of days such as mon-fri"));
        assertThat(
                problem(() -> FreezeText.days("days", "sa")),
                is("days: \"sa\" is not a day; use mon, tue, wed, thu," + " fri, sat, sun or full names"));
        assertThat(problem(() -> FreezeText.days("days", " ")), is("days: a weekly freeze needs at least one day"));
    }

    @Test
    public void timesAreHoursAndMinutesWith24ForTheEndOfTheDay() {
        assertThat(FreezeText.timeOfDay("from", "1:05"), is(LocalTime.of(1, 5)));
        assertThat(FreezeText.timeOfDay("from", " 18:00 "), is(LocalTime.of(18, 0)));
        assertThat(FreezeText.timeOfDay("to", "24:00"), is(LocalTime.MIDNIGHT));
        for (String bad : List.of("24:01", "25:00", "18:00:30", "6pm", "18h00")) {
            assertThat(
                    bad,
                    problem(() -> FreezeText.timeOfDay("to", bad)),
                    is("to: \"" + bad + "\" is not a time of"
                            + " day; write HH:MM such as \"18:00\" (in quotes in tiers.yaml)"));
        }
    }

    @Test
    public void aDateAsAnEndIncludesItsWholeDay() {
        assertThat(FreezeText.dateTime("start", "2026-12-24", false), is(LocalDateTime.parse("2026-12-24T00:00")));
        assertThat(FreezeText.dateTime("end", "2026-12-24", true), is(LocalDateTime.parse("2026-12-25T00:00")));
        assertThat(FreezeText.dateTime("end", "2026-12-24 18:30", true), is(LocalDateTime.parse("2026-12-24T18:30")));
        assertThat(
                problem(() -> FreezeText.dateTime("end", "24.12.2026", true)),
                is("end: \"24.12.2026\" is not a date or date-time such as 2026-12-20 or 2026-12-20T18:00"));
    }

    @Test
    public void theFlakyPolicyTakesANumberWithOrWithoutAllow() {
        assertThat(FlakyPolicy.parse(" Ignore "), is(FlakyPolicy.IGNORE));
        assertThat(FlakyPolicy.parse("fail"), is(FlakyPolicy.FAIL));
        assertThat(FlakyPolicy.parse("2"), is(FlakyPolicy.allow(2)));
        assertThat(FlakyPolicy.parse("allow 2"), is(FlakyPolicy.allow(2)));
        assertThat(
                problem(() -> FlakyPolicy.parse("allow some")),
                is("flaky: \"allow some\" is not a flaky policy; use ignore, fail, or the number of flaky tests allowed"
                        + " (2 or allow 2)"));
    }

    @Test
    public void theFileAndTheFormReadTheSameWindowAlike() throws LadderFileException {
        Ladder file = LadderFile.parse(
                "application: shop\n"
                        + "tiers:\n"
                        + "  - id: production\n"
                        + "    gate:\n"
                        + "      flaky: allow 1\n"
                        + "      freeze:\n"
                        + "        zone: Europe/Berlin\n"
                        + "        windows:\n"
                        + "          - days: [\"fri - sun\"]\n"
                        + "            from: \"18:00\"\n"
                        + "            to: \"24:00\"\n",
                "tiers.yaml");
        GatePolicy fromFile = file.tiers().get(0).gate();
        FreezeWindow fromForm =
                new FreezeDraft(null, "Europe/Berlin", "fri - sun", "18:00", "24:00", null, null).toWindow();
        assertThat(fromFile.freeze(), is(List.of(fromForm)));
        assertThat(fromFile.flaky(), is(FlakyPolicy.parse("allow 1")));
    }

    @Test
    public void theFileAndTheFormRefuseTheSameMistakeWithTheSameWords() {
        LadderFileException file = assertThrows(
                LadderFileException.class,
                () -> LadderFile.parse(
                        "application: shop\ntiers:\n  - id: production\n    gate:\n      freeze:\n        windows:\n"
                                + "          - days: [sat]\n            from: \"25:00\"\n            to: \"06:00\"\n",
                        "tiers.yaml"));
        InvalidDefinitionException form = assertThrows(
                InvalidDefinitionException.class,
                () -> new FreezeDraft(null, null, "sat", "25:00", "06:00", null, null).toWindow());
        assertThat(file.problem(), is(form.problem()));
        assertThat(file.field(), is("tiers[0].gate.freeze.windows[0].from"));
        assertThat(form.field(), is("from"));
    }

    private static String problem(Runnable read) {
        return assertThrows(InvalidDefinitionException.class, read::run).getMessage();
    }
}
