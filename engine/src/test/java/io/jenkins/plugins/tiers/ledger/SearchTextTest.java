package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

/** What a candidate search finds, the same in every store. */
public class SearchTextTest {

    @Test
    public void findsTextAnywhereInTheVersionIgnoringCaseAndSpace() {
        SearchText search = SearchText.of("  RC1 ");
        assertThat(search.needle(), is("rc1"));
        assertThat(search.matches("2.0-rc1", null), is(true));
        assertThat(search.matches("2.0", null), is(false));
    }

    @Test
    public void findsARevisionByItsStartOnly() {
        SearchText search = SearchText.of("ABC1");
        assertThat(search.matches("2.0", "abc123"), is(true));
        assertThat(search.matches("2.0", "0abc123"), is(false));
    }

    @Test
    public void blankTextIsASearchForNothing() {
        assertThat(SearchText.of("   ").isEmpty(), is(true));
    }
}
