package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.succeeded;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** What every store accepts when it is filled from another ledger. */
public class CopyCheckTest {

    @Test
    public void acceptsTheApplicationsEventsInOrderAcrossGaps() {
        CopyCheck check = new CopyCheck("target", Events.APP);
        check.accept(succeeded("staging", "1.0", 1).withSeq(1));
        check.accept(succeeded("staging", "1.1", 2).withSeq(7));
        assertThat(check.copied(), is(2L));
        assertThat(check.last(), is(7L));
    }

    @Test
    public void refusesAnotherApplicationsEvent() {
        CopyCheck check = new CopyCheck("target", "billing");
        LedgerException e = assertThrows(
                LedgerException.class,
                () -> check.accept(succeeded("staging", "1.0", 1).withSeq(1)));
        assertThat(e.getMessage(), containsString("refused an event of application \"shop\" (seq 1)"));
        assertThat(e.getMessage(), containsString("this ledger holds \"billing\" only"));
    }

    @Test
    public void anUnboundTargetTakesAnyApplication() {
        CopyCheck check = new CopyCheck("target", null);
        check.accept(succeeded("staging", "1.0", 1).withSeq(1));
        assertThat(check.copied(), is(1L));
    }

    @Test
    public void refusesAnEventOutOfOrderOrBeyondAnyLedger() {
        CopyCheck check = new CopyCheck("target", Events.APP);
        check.accept(succeeded("staging", "1.0", 1).withSeq(5));
        LedgerException back = assertThrows(
                LedgerException.class,
                () -> check.accept(succeeded("staging", "1.1", 2).withSeq(5)));
        assertThat(back.getMessage(), containsString("refused event 5: out of order after 5"));
        assertThrows(
                LedgerException.class,
                () -> check.accept(succeeded("staging", "1.1", 2).withSeq(SequenceCheck.MAX_SEQ + 1)));
    }
}
