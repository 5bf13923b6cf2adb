package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.time.Instant;
import org.junit.Test;

public class CandidateTest {

    @Test
    public void trimsTheVersionAndBlankRevision() {
        Candidate c = new Candidate("  1.4.2 ", new BuildRef("shop/main", 7), " ", Instant.EPOCH);
        assertThat(c.version(), is("1.4.2"));
        assertThat(c.sourceRevision().isPresent(), is(false));
        assertThat(c.originBuild().get().toString(), is("shop/main #7"));
    }

    @Test
    public void refusesABlankVersion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.of("   "));
        assertThat(e.getMessage(), containsString("must not be blank"));
    }

    @Test
    public void refusesControlCharactersNamingThePosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.of("1.0\n2"));
        assertThat(e.getMessage(), containsString("position 4"));
    }

    @Test
    public void acceptsTheLongestVersionButNoLonger() {
        assertThat(Candidate.of("v".repeat(2000)).version().length(), is(2000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.of("v".repeat(2001)));
        assertThat(e.getMessage(), containsString("2001 characters"));
    }

    @Test
    public void refusesABuildNumberBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new BuildRef("job", 0));
    }
}
