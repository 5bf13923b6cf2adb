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
}
