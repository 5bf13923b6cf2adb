package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.APP;
import static io.jenkins.plugins.tiers.ledger.Events.at;
import static io.jenkins.plugins.tiers.ledger.Events.candidate;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.strategy.BlueGreen.Idle;
import io.jenkins.plugins.tiers.strategy.Canary;
import io.jenkins.plugins.tiers.strategy.TransitionRefusedException;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class StrategyDecisionsTest {

    private static final List<Integer> STEPS = List.of(5, 25, 100);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FileLedger ledger() {
        return FileLedger.open(tmp.getRoot().toPath().resolve("ledger"));
    }

    private TierState apply(FileLedger ledger, String tier, LedgerEvent... events) {
        for (LedgerEvent e : events) {
            ledger.append(e);
        }
        return ledger.liveState().tier(tier);
    }

    @Test
    public void aSwitchMakesTheCandidateAwaitingItLiveAndASwitchBackRestoresThePreviousOne() {
        try (FileLedger ledger = ledger()) {
            TierState state = apply(
                    ledger,
                    "staging",
                    LedgerEvent.slotDeployed(APP, "staging", candidate("1.0"), "ci", at(1), "green"),
                    LedgerEvent.switched(APP, "staging", candidate("1.0"), "ci", at(2), "green"),
                    LedgerEvent.slotDeploymentStarted(APP, "staging", candidate("1.1"), "ci", at(3), "blue"),
                    LedgerEvent.slotDeployed(APP, "staging", candidate("1.1"), "ci", at(4), "blue"));
            LedgerEvent switched = StrategyDecisions.switchOver(APP, state, "alice", at(5));
            assertThat(switched.type(), is(EventType.SWITCHED));
            assertThat(switched.candidate().version(), is("1.1"));
            assertThat(switched.slot(), is("blue"));
            state = apply(ledger, "staging", switched);
            assertThat(state.liveCandidate().orElseThrow().candidate().version(), is("1.1"));

            LedgerEvent back = StrategyDecisions.switchBack(APP, state, "alice", at(6), "checkout errors");
            assertThat(back.type(), is(EventType.SWITCHED_BACK));
            assertThat(back.candidate().version(), is("1.0"));
            assertThat(back.slot(), is("green"));
            state = apply(ledger, "staging", back);
            assertThat(state.liveCandidate().orElseThrow().candidate().version(), is("1.0"));
            assertThat(state.slotsIfAny().orElseThrow().idleRole(), is(Idle.WITHDRAWN));
        }
    }

    @Test
    public void refusalsComeFromTheStateMachines() {
        try (FileLedger ledger = ledger()) {
            TierState nothing = ledger.liveState().tier("staging");
            assertThat(
                    assertThrows(
                                    TransitionRefusedException.class,
                                    () -> StrategyDecisions.switchOver(APP, nothing, "alice", at(1)))
                            .getMessage(),
                    containsString("nothing to switch to"));
            assertThat(
                    assertThrows(
                                    TransitionRefusedException.class,
                                    () -> StrategyDecisions.switchBack(APP, nothing, "alice", at(1), "why"))
                            .getMessage(),
                    containsString("cannot switch back"));
            assertThat(
                    assertThrows(
                                    TransitionRefusedException.class,
                                    () -> StrategyDecisions.abortCanary(APP, nothing, "alice", at(1), "why"))
                            .getMessage(),
                    containsString("no canary"));
        }
    }

    @Test
    public void anAbortWithdrawsTheCanaryInProgressOnceOnly() {
        try (FileLedger ledger = ledger()) {
            TierState state = apply(
                    ledger,
                    "production",
                    LedgerEvent.canaryStarted(APP, "production", candidate("2.0"), "ci", at(1), STEPS),
                    LedgerEvent.canaryStepReached(APP, "production", candidate("2.0"), "ci", at(2), 1, STEPS));
            LedgerEvent abort = StrategyDecisions.abortCanary(APP, state, "alice", at(3), "latency");
            assertThat(abort.type(), is(EventType.CANARY_ABORTED));
            assertThat(abort.step(), is(1));
            assertThat(abort.actor(), is("alice"));
            TierState after = apply(ledger, "production", abort);
            assertThat(after.canaryIfAny().orElseThrow().status(), is(Canary.Status.ABORTED));
            assertThat(
                    assertThrows(
                                    TransitionRefusedException.class,
                                    () -> StrategyDecisions.abortCanary(APP, after, "bob", at(4), "again"))
                            .getMessage(),
                    containsString("was aborted"));
        }
    }

    @Test
    public void aRunningCanarySeesWhenItWasEndedOrMovedOn() {
        try (FileLedger ledger = ledger()) {
            TierState state = apply(
                    ledger,
                    "production",
                    LedgerEvent.canaryStarted(APP, "production", candidate("2.0"), "ci", at(1), STEPS),
                    LedgerEvent.canaryStepReached(APP, "production", candidate("2.0"), "ci", at(2), 1, STEPS));
            assertThat(state.canaryMovedOn("2.0", 1).isEmpty(), is(true));
            assertThat(state.canaryMovedOn("2.0", 0).orElseThrow(), containsString("2.0 canary 5% (step 1 of 3)"));
            assertThat(state.canaryMovedOn("2.1", 1).isPresent(), is(true));
            TierState aborted =
                    apply(ledger, "production", StrategyDecisions.abortCanary(APP, state, "alice", at(3), "latency"));
            assertThat(aborted.canaryMovedOn("2.0", 1).orElseThrow(), containsString("aborted at step 1 of 3"));
            assertThat(
                    ledger.liveState().tier("staging").canaryMovedOn("2.0", 0).orElseThrow(), is("no canary"));
        }
    }
}
