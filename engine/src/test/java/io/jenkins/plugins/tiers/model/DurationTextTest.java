package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import org.junit.Test;

public class DurationTextTest {

    @Test
    public void readsShortAndIsoForms() {
        String[][] table = {
            {"30m", "PT30M"}, {"2h", "PT2H"}, {"1d", "PT24H"}, {"90s", "PT1M30S"}, {"1h30m", "PT1H30M"},
            {"1d 2h", "PT26H"}, {"PT2H", "PT2H"}, {"pt15m", "PT15M"}, {"P1D", "PT24H"}, {"0m", "PT0S"}
        };
        for (String[] row : table) {
            assertThat(row[0], DurationText.parse(row[0]), is(Duration.parse(row[1])));
        }
    }

    @Test
    public void refusesWhatIsNotADuration() {
        for (String bad : new String[] {"", "2 hours", "h", "-1h", "PT-1H", "1w", "5"}) {
            IllegalArgumentException e =
                    assertThrows(bad, IllegalArgumentException.class, () -> DurationText.parse(bad));
            assertThat(
                    e.getMessage(),
                    is("\"" + bad + "\" is not a duration; write for example 30m, 2h, 1d, 1h30m or"
                            + " ISO-8601 such as PT2H"));
        }
    }

    @Test
    public void formatsTheShortestReadableForm() {
        assertThat(DurationText.format(Duration.ofMinutes(80)), is("1h 20m"));
        assertThat(DurationText.format(Duration.ofHours(28)), is("1d 4h"));
        assertThat(DurationText.format(Duration.ZERO), is("0s"));
        assertThat(DurationText.format(Duration.ofSeconds(45)), is("45s"));
    }
}
