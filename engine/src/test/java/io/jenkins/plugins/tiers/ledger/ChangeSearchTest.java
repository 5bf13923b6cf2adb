package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.jenkins.plugins.tiers.gate.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ChangeSearchTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private FileLedger ledger;

    @Before
    public void history() throws Exception {
        ledger = FileLedger.open(folder.newFolder().toPath());
        ViewHistory.write(ledger);
    }

    @After
    public void close() {
        ledger.close();
    }

    @Test
    public void aCommitTellsWhichTiersItReachedAndWhen() {
        List<ChangeSearch.Hit> hits = ChangeSearch.find(ledger, ViewHistory.LADDER, "abc123");
        assertThat(hits.size(), is(1));
        ChangeSearch.Hit hit = hits.get(0);
        assertThat(hit.version(), is("1.0"));
        assertThat(hit.furthest(), is("production"));
        assertThat(
                hit.reached().stream().map(ChangeSearch.Reached::tier).toList(),
                contains("dev", "staging", "production"));
        assertThat(hit.reached().get(2).displayName(), is("Production"));
        assertThat(hit.reached().get(2).at(), is(ViewHistory.day(2)));
    }

    @Test
    public void anIssueKeyInTheVersionFindsItsCandidate() {
        ChangeSearch.Hit hit =
                ChangeSearch.find(ledger, ViewHistory.LADDER, "proj-42").get(0);
        assertThat(hit.version(), is("1.1 PROJ-42"));
        assertThat(hit.furthest(), is("dev"));
    }

    @Test
    public void aCandidateThatReachedNothingSaysSo() {
        ledger.append(LedgerEvent.verdict(
                new Verdict(
                        ViewHistory.APP,
                        "dev",
                        ViewHistory.candidate("3.0", "fff0000", 4),
                        List.of(),
                        Map.of(),
                        ViewHistory.day(25)),
                null,
                "shop-build #4"));
        ChangeSearch.Hit hit =
                ChangeSearch.find(ledger, ViewHistory.LADDER, "3.0").get(0);
        assertThat(hit.reached(), is(empty()));
        assertThat(hit.furthest(), nullValue());
    }

    @Test
    public void blankQueryFindsNothing() {
        assertThat(ChangeSearch.find(ledger, ViewHistory.LADDER, "  "), is(empty()));
        assertThat(ChangeSearch.find(ledger, ViewHistory.LADDER, null), is(empty()));
    }
}
