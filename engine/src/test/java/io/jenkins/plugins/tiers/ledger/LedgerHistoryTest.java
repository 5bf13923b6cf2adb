package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Baseline;
import io.jenkins.plugins.tiers.gate.LiveEntry;
import io.jenkins.plugins.tiers.report.TestId;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LedgerHistoryTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Ledger ledger(LedgerEvent... events) throws Exception {
        Path dir = tmp.newFolder().toPath();
        FileLedger ledger = FileLedger.open(dir);
        for (LedgerEvent e : events) {
            ledger.append(e);
        }
        return ledger;
    }

    @Test
    public void answersWhatIsLiveAndWhatPassed() throws Exception {
        try (Ledger ledger = ledger(
                Events.passed("testing", "1.4.2", 1),
                Events.succeeded("testing", "1.4.2", 2),
                Events.blocked("staging", "1.4.2", 3))) {
            LedgerHistory history = new LedgerHistory(ledger);
            LiveEntry live = history.liveIn("testing").orElseThrow();
            assertThat(live.candidate().version(), is("1.4.2"));
            assertThat(live.since(), is(Events.at(2)));
            assertThat(live.deployedBy(), is("alice"));
            assertThat(history.liveIn("staging").isPresent(), is(false));
            assertThat(history.hasPassed("testing", "1.4.2"), is(true));
            assertThat(history.hasPassed("staging", "1.4.2"), is(false));
            assertThat(history.hasPassed("testing", "9.9"), is(false));
        }
    }

    @Test
    public void theBaselineIsTheLiveCandidatesEvidenceElseTheLastToPass() throws Exception {
        try (Ledger ledger = ledger(
                Events.passed("production", "1.4.0", 1, "refund"),
                Events.passed("production", "1.4.1", 2, "refund", "cancel"))) {
            Baseline last = new LedgerHistory(ledger).baselineFor("production").orElseThrow();
            assertThat(last.source(), is(Baseline.Source.LAST_PASSED));
            assertThat(last.describe(), is("1.4.1, the last to pass production"));
            assertThat(
                    last.failures(),
                    containsInAnyOrder(new TestId("ShopTest", "refund"), new TestId("ShopTest", "cancel")));
        }
        try (Ledger ledger = ledger(
                Events.passed("production", "1.4.0", 1, "refund"),
                Events.succeeded("production", "1.4.0", 2),
                Events.passed("production", "1.4.1", 3, "refund", "cancel"))) {
            Baseline live = new LedgerHistory(ledger).baselineFor("production").orElseThrow();
            assertThat(live.describe(), is("1.4.0 live in production"));
            assertThat(live.failures(), containsInAnyOrder(new TestId("ShopTest", "refund")));
            assertThat(new LedgerHistory(ledger).baselineFor("staging").isPresent(), is(false));
        }
    }

    @Test
    public void readsApprovalsAndTheFirstWaitOfACandidateAtATier() throws Exception {
        try (Ledger ledger = ledger(
                Events.waiting("production", "1.4.2", 5),
                Events.waiting("production", "1.4.2", 9),
                LedgerEvent.approval(
                        Events.APP,
                        "production",
                        Events.candidate("1.4.2"),
                        new Approval(false, "bob", java.util.List.of("release-managers"), "not yet"),
                        Events.at(10)))) {
            LedgerHistory history = new LedgerHistory(ledger);
            assertThat(history.firstWaiting("production", "1.4.2").orElseThrow(), is(Events.at(5)));
            io.jenkins.plugins.tiers.gate.Approval answer =
                    history.approvals("production", "1.4.2").get(0);
            assertThat(answer.person(), is("bob"));
            assertThat(answer.decision(), is(io.jenkins.plugins.tiers.gate.Approval.Decision.REFUSE));
            assertThat(answer.comment(), is("not yet"));
            assertThat(answer.groups().contains("release-managers"), is(true));
            assertThat(history.approvals("staging", "1.4.2").isEmpty(), is(true));
        }
    }
}
