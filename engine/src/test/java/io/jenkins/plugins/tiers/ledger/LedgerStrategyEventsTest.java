package io.jenkins.plugins.tiers.ledger;

import static io.jenkins.plugins.tiers.ledger.Events.APP;
import static io.jenkins.plugins.tiers.ledger.Events.at;
import static io.jenkins.plugins.tiers.ledger.Events.blocked;
import static io.jenkins.plugins.tiers.ledger.Events.candidate;
import static io.jenkins.plugins.tiers.ledger.Events.passed;
import static io.jenkins.plugins.tiers.ledger.Events.started;
import static io.jenkins.plugins.tiers.ledger.Events.succeeded;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.BlueGreen.Idle;
import io.jenkins.plugins.tiers.strategy.Canary;
import io.jenkins.plugins.tiers.strategy.Slot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LedgerStrategyEventsTest {

    private static final List<Integer> STEPS = List.of(5, 25, 100);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir() {
        return tmp.getRoot().toPath().resolve("ledger");
    }

    private void append(LedgerEvent... events) throws IOException {
        try (FileLedger ledger = FileLedger.open(dir())) {
            for (LedgerEvent e : events) {
                ledger.append(e);
            }
        }
    }

    private TierState tier(String id) throws IOException {
        try (FileLedger ledger = FileLedger.open(dir())) {
            return ledger.liveState().tier(id);
        }
    }

    private void blueGreenWithTwoSwitches() throws IOException {
        append(
                LedgerEvent.slotDeploymentStarted(APP, "staging", candidate("1.0"), "ci", at(1), "green"),
                LedgerEvent.slotDeployed(APP, "staging", candidate("1.0"), "ci", at(2), "green"),
                LedgerEvent.switched(APP, "staging", candidate("1.0"), "ci", at(3), "green"),
                LedgerEvent.slotDeploymentStarted(APP, "staging", candidate("1.1"), "ci", at(4), "blue"),
                LedgerEvent.slotDeployed(APP, "staging", candidate("1.1"), "ci", at(5), "blue"));
    }

    @Test
    public void aCandidateDeployedIntoTheIdleSlotIsNotLiveBeforeTheSwitch() throws IOException {
        blueGreenWithTwoSwitches();
        TierState staging = tier("staging");
        assertThat(staging.live().candidate().version(), is("1.0"));
        BlueGreen slots = staging.slots();
        assertThat(slots.activeSlot(), is(Slot.GREEN));
        assertThat(slots.idle().version(), is("1.1"));
        assertThat(slots.idleRole(), is(Idle.AWAITING_SWITCH));
    }

    @Test
    public void aSwitchMakesTheIdleCandidateLiveAndASwitchBackIsARollback() throws IOException {
        blueGreenWithTwoSwitches();
        append(LedgerEvent.switched(APP, "staging", candidate("1.1"), "ci", at(6), "blue"));
        TierState switched = tier("staging");
        assertThat(switched.live().candidate().version(), is("1.1"));
        assertThat(switched.slots().describe(), is("blue active: 1.1; green idle: 1.0 previous"));
        append(LedgerEvent.switchedBack(APP, "staging", candidate("1.0"), "alice", at(7), "green", "1.1", "errors"));
        TierState back = tier("staging");
        assertThat(back.live().candidate().version(), is("1.0"));
        assertThat(back.live().rollback(), is(true));
        assertThat(back.slots().idleRole(), is(Idle.WITHDRAWN));
    }

    @Test
    public void aSlotDeploymentThatNeverFinishedLeavesTheIdleSlotDeployingAndTheLiveCandidateAlone()
            throws IOException {
        blueGreenWithTwoSwitches();
        append(LedgerEvent.slotDeploymentStarted(APP, "staging", candidate("1.2"), "ci", at(8), "blue"));
        TierState staging = tier("staging");
        assertThat(staging.live().candidate().version(), is("1.0"));
        assertThat(staging.slots().idleRole(), is(Idle.DEPLOYING));
        assertThat(staging.slots().idle().version(), is("1.2"));
    }

    @Test
    public void aCanaryInProgressLeavesTheOldCandidateLiveAndSaysHowFarItGot() throws IOException {
        append(
                succeeded("production", "2.14.28", 1),
                LedgerEvent.canaryStarted(APP, "production", candidate("2.14.29"), "ci", at(2), STEPS),
                LedgerEvent.canaryStepReached(APP, "production", candidate("2.14.29"), "ci", at(3), 1, STEPS),
                LedgerEvent.canaryStepReached(APP, "production", candidate("2.14.29"), "ci", at(4), 2, STEPS));
        TierState production = tier("production");
        assertThat(production.live().candidate().version(), is("2.14.28"));
        assertThat(production.canary().describe(), is("2.14.29 canary 25% (step 2 of 3) over 2.14.28"));
        // crash point: the process died here; the next reader still sees it unfinished, never live
        assertThat(production.canaryInProgress().isPresent(), is(true));
    }

    @Test
    public void onlyTheCompletedCanaryBecomesLiveAndAnAbortedOneNever() throws IOException {
        append(
                succeeded("production", "2.14.28", 1),
                LedgerEvent.canaryStarted(APP, "production", candidate("2.14.29"), "ci", at(2), STEPS),
                LedgerEvent.canaryStepReached(APP, "production", candidate("2.14.29"), "ci", at(3), 1, STEPS),
                LedgerEvent.canaryAborted(
                        APP, "production", candidate("2.14.29"), "ci", at(4), 1, STEPS, null, "check failed"));
        TierState aborted = tier("production");
        assertThat(aborted.live().candidate().version(), is("2.14.28"));
        assertThat(aborted.canary().status(), is(Canary.Status.ABORTED));
        assertThat(aborted.canary().weight(), is(0));
        assertThat(aborted.canary().reason(), is("check failed"));
        append(
                LedgerEvent.canaryStarted(APP, "production", candidate("2.14.30"), "ci", at(5), STEPS),
                LedgerEvent.canaryStepReached(APP, "production", candidate("2.14.30"), "ci", at(6), 1, STEPS),
                LedgerEvent.canaryStepReached(APP, "production", candidate("2.14.30"), "ci", at(7), 2, STEPS),
                LedgerEvent.canaryCompleted(APP, "production", candidate("2.14.30"), "ci", at(8), STEPS));
        TierState completed = tier("production");
        assertThat(completed.live().candidate().version(), is("2.14.30"));
        assertThat(completed.canary().status(), is(Canary.Status.COMPLETED));
        assertThat(completed.canary().over().version(), is("2.14.28"));
    }

    @Test
    public void strategyEventsSurviveTheSnapshot() throws IOException {
        blueGreenWithTwoSwitches();
        append(LedgerEvent.canaryStarted(APP, "production", candidate("2.0"), "ci", at(9), STEPS));
        try (FileLedger ledger = FileLedger.open(dir())) {
            // reopened from the snapshot written on close
            assertThat(ledger.liveState().tier("staging").slots().idleRole(), is(Idle.AWAITING_SWITCH));
            assertThat(ledger.liveState().tier("production").canary().status(), is(Canary.Status.IN_PROGRESS));
            assertThat(ledger.liveState().tier("dev").slots(), is(nullValue()));
        }
        assertThat(Files.readString(dir().resolve(FileLedger.SNAPSHOT)), containsString("\"activeSlot\":\"green\""));
        Files.delete(dir().resolve(FileLedger.SNAPSHOT));
        assertThat(tier("staging").slots().idle().version(), is("1.1"));
    }

    @Test
    public void writesTheStrategyFieldsOnTheLine() throws IOException {
        append(LedgerEvent.canaryStepReached(APP, "production", candidate("2.0"), "ci", at(3), 2, STEPS));
        String line = Files.readAllLines(dir().resolve(FileLedger.EVENTS)).get(0);
        assertThat(line, containsString("\"type\":\"CANARY_STEP_REACHED\""));
        assertThat(line, containsString("\"step\":2,\"steps\":[5,25,100],\"weight\":25"));
    }

    @Test
    public void anEventOfAnUnknownTypeIsSetAsideAndCountedSoTheGateBlocksInsteadOfLosingARefusal() throws IOException {
        append(passed("staging", "1.0", 1), blocked("staging", "1.0", 2));
        Path log = dir().resolve(FileLedger.EVENTS);
        Files.writeString(
                log,
                "{\"schema\":2,\"seq\":3,\"type\":\"APPROVAL_REVOKED\",\"time\":\"2026-03-01T08:03:00Z\","
                        + "\"application\":\"shop\",\"tier\":\"staging\",\"candidate\":{\"version\":\"1.0\"}}\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        append(started("dev", "1.1", 4));
        try (FileLedger ledger = FileLedger.open(dir())) {
            assertThat(ledger.liveState().skippedLines(), is(1));
            assertThat(
                    ledger.unaccounted(),
                    contains(containsString("line 3: not a ledger event: unknown event type \"APPROVAL_REVOKED\"")));
            assertThat(LedgerPromotionHistory.of(ledger).unaccountedLines().size(), is(1));
            assertThat(ledger.events().size(), is(3));
        }
    }

    @Test
    public void theCandidatePathShowsTheSlotTheSwitchBackAndTheAbortedCanary() throws IOException {
        blueGreenWithTwoSwitches();
        append(
                LedgerEvent.switched(APP, "staging", candidate("1.1"), "ci", at(6), "blue"),
                LedgerEvent.switchedBack(APP, "staging", candidate("1.0"), "alice", at(7), "green", "1.1", "errors"),
                LedgerEvent.canaryStarted(APP, "production", candidate("1.0"), "ci", at(8), STEPS),
                LedgerEvent.canaryStepReached(APP, "production", candidate("1.0"), "ci", at(9), 1, STEPS),
                LedgerEvent.canaryAborted(APP, "production", candidate("1.0"), "ci", at(10), 1, STEPS, null, "5xx"));
        try (FileLedger ledger = FileLedger.open(dir())) {
            CandidatePath withdrawn = ledger.candidate("1.1").orElseThrow();
            TierStep staging = withdrawn.tiers().stream()
                    .filter(t -> t.tier().equals("staging"))
                    .findFirst()
                    .orElseThrow();
            assertThat(staging.deployment(), is(DeploymentOutcome.ROLLED_BACK_FROM));
            assertThat(staging.liveAt(), is(at(6)));
            assertThat(
                    withdrawn.events().stream().map(LedgerEvent::type).toList(),
                    contains(
                            EventType.DEPLOYMENT_STARTED,
                            EventType.SLOT_DEPLOYED,
                            EventType.SWITCHED,
                            EventType.SWITCHED_BACK));
            CandidatePath canary = ledger.candidate("1.0").orElseThrow();
            TierStep production = canary.tiers().stream()
                    .filter(t -> t.tier().equals("production"))
                    .findFirst()
                    .orElseThrow();
            assertThat(production.deployment(), is(DeploymentOutcome.CANARY_ABORTED));
            assertThat(production.liveAt(), is(nullValue()));
        }
    }

    @Test
    public void onlyASwitchOrACanaryStepCarriesItsCheckAndOnlyItsOwn() {
        LedgerEvent check = passed("production", "2.0", 1);
        LedgerEvent step = LedgerEvent.canaryStepReached(APP, "production", candidate("2.0"), "ci", at(3), 2, STEPS);
        assertThat(step.withCheck(check.verdict()).verdict(), is(check.verdict()));
        org.junit.Assert.assertThrows(IllegalArgumentException.class, () -> LedgerEvent.canaryStepReached(
                        APP, "production", candidate("2.1"), "ci", at(3), 2, STEPS)
                .withCheck(check.verdict()));
        org.junit.Assert.assertThrows(IllegalArgumentException.class, () -> succeeded("production", "2.0", 4)
                .withCheck(check.verdict()));
    }
}
