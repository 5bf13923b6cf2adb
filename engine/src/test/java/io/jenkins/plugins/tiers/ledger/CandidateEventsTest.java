package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.rolledBack;
import static io.jenkins.plugins.tiers.ledger.Events.succeeded;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.Test;

/** Which events make up a candidate's path, the same in every store. */
public class CandidateEventsTest {

    @Test
    public void aRollbackAwayFromACandidateIsOnItsPathAndOnItsTargets() {
        CandidateEvents gathered = new CandidateEvents();
        gathered.want("1.1");
        gathered.want("1.0");
        gathered.add(succeeded("prod", "1.0", 1).withSeq(1));
        gathered.add(succeeded("prod", "1.1", 2).withSeq(2));
        gathered.add(rolledBack("prod", "1.0", "1.1", 3).withSeq(3));
        List<CandidatePath> paths = gathered.paths(List.of("prod"));
        assertThat(paths.stream().map(p -> p.candidate().version()).toList(), contains("1.1", "1.0"));
        assertThat(paths.get(0).events().size(), is(2));
        assertThat(paths.get(1).events().size(), is(2));
    }

    @Test
    public void newestOrdersByEachCandidatesOwnLatestEvent() {
        CandidateEvents gathered = new CandidateEvents();
        gathered.want("1.0");
        gathered.add(succeeded("test", "1.0", 1).withSeq(1));
        gathered.want("1.1");
        gathered.add(succeeded("test", "1.1", 2).withSeq(2));
        gathered.add(succeeded("prod", "1.0", 3).withSeq(3));
        gathered.want("2.0"); // wanted, never seen: no path
        List<CandidatePath> newest = gathered.newest(5, List.of("test", "prod"));
        assertThat(newest.stream().map(p -> p.candidate().version()).toList(), contains("1.0", "1.1"));
        assertThat(gathered.newest(1, List.of()).size(), is(1));
    }
}
