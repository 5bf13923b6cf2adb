package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.APP;
import static io.jenkins.plugins.tiers.ledger.Events.at;
import static io.jenkins.plugins.tiers.ledger.Events.candidate;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.report.TestTotals;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The {@code with...} copies of an event change one field and keep every other, the id included. */
public class LedgerEventCopiesTest {

    private static final List<Integer> STEPS = List.of(5, 25, 100);

    @Test
    public void everyCopyKeepsTheIdSeqAndStrategyFields() {
        Verdict check = new Verdict(
                APP,
                "production",
                candidate("2.0"),
                List.of(new Finding("tests", Finding.Outcome.PASS, "TESTS_PASSED", "1 test")),
                Map.of(),
                at(2));
        EvidenceSummary totals = new EvidenceSummary(new TestTotals(1, 0, 0, 0, 0, 0.1), List.of(), 0);
        LedgerEvent event = LedgerEvent.canaryStepReached(APP, "production", candidate("2.0"), "ci", at(3), 2, STEPS)
                .withId("run-7-step-2")
                .withSeq(41)
                .withCheck(check)
                .withCheckEvidence(totals);
        assertThat(event.id(), is("run-7-step-2"));
        assertThat(event.seq(), is(41L));
        assertThat(event.verdict(), is(check));
        assertThat(event.evidence(), is(totals));
        assertThat(event.step(), is(2));
        assertThat(event.steps(), is(STEPS));
        assertThat(event.weight(), is(25));
        assertThat(event.type(), is(EventType.CANARY_STEP_REACHED));
        assertThat(event.actor(), is("ci"));
    }

    @Test
    public void givingAnEventToAnotherApplicationRenamesItAndItsVerdictOnly() {
        LedgerEvent event = Events.passed("staging", "1.4", 5).withSeq(9).withId("run-3");
        LedgerEvent renamed = event.withApplication("shop-renamed");
        assertThat(renamed.application(), is("shop-renamed"));
        assertThat(renamed.verdict().application(), is("shop-renamed"));
        assertThat(renamed.verdict().findings(), is(event.verdict().findings()));
        assertThat(renamed.evidence(), is(event.evidence()));
        assertThat(renamed.seq(), is(9L));
        assertThat(renamed.id(), is("run-3"));
        assertThat(renamed.withApplication(APP), is(event));
    }
}
