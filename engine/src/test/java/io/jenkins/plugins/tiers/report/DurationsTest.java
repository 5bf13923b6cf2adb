package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

public class DurationsTest {

    @Test
    public void readsTheFormsToolsWrite() {
        assertThat(Durations.parse("1.5"), is(1.5));
        assertThat(Durations.parse(" 1,234.5 "), is(1234.5));
        assertThat(Durations.parse("1,234,567"), is(1234567.0));
        assertThat(Durations.parse("0,5"), is(0.5));
        assertThat(Durations.parse("4.5e-05"), closeTo(4.5e-5, 1e-12));
    }

    @Test
    public void whatIsNotADurationIsNegative() {
        assertThat(Durations.parse(null), is(-1.0));
        assertThat(Durations.parse(""), is(-1.0));
        assertThat(Durations.parse("<<computed>>"), is(-1.0));
        assertThat(Durations.parse("-3"), is(-1.0));
        assertThat(Durations.parse("Infinity"), is(-1.0));
        assertThat(Durations.parse("NaN"), is(-1.0));
    }

    @Test
    public void charactersStraightFromTheParserReadAsTheirString() {
        for (String text : new String[] {
            "1.5",
            "0.000123",
            "12",
            "1.",
            ".5",
            "1,234.5",
            "0,5",
            "4.5e-05",
            "-3",
            "-4416.244657678726",
            "-0",
            "abc",
            "",
            "0.1234567890123456789012345",
            "123456789012345678901234.5"
        }) {
            char[] chars = ("  " + text + "  ").toCharArray();
            double fromChars = Durations.parse(chars, 2, 2 + text.length());
            double fromString = Durations.parse(text);
            if (fromString < 0) {
                assertThat(text, fromChars, is(-1.0));
            } else {
                assertThat(text, fromChars, closeTo(fromString, Math.ulp(fromString) * 4));
            }
        }
    }

    @Test
    public void upToFifteenSignificantDigitsTheFastPathIsExact() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text =
                    new StringBuilder().append(random.nextInt(100_000)).append('.');
            for (int digits = 1 + random.nextInt(9); digits > 0; digits--) {
                text.append(random.nextInt(10));
            }
            char[] chars = text.toString().toCharArray();
            assertThat(
                    text.toString(), Durations.parse(chars, 0, chars.length), is(Double.parseDouble(text.toString())));
        }
    }

    @Test
    public void negativeTimesAreNotDurations() {
        char[] chars = "-4416.244657678726".toCharArray();
        assertThat(Durations.parse(chars, 0, chars.length), is(-1.0));
    }
}
