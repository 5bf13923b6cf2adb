package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.gate.ApprovalDraft;
import io.jenkins.plugins.tiers.gate.FreezeDraft;
import io.jenkins.plugins.tiers.gate.GateDraft;
import io.jenkins.plugins.tiers.gate.GatePolicy;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class LadderDraftTest {

    static TierDraft tier(String id, String kind) {
        return new TierDraft(id, null, kind, null, null, null, null, false, null);
    }

    static GateDraft gate(String minTests, String soak) {
        return new GateDraft(
                minTests, null, null, null, null, false, null, null, null, null, null, soak, null, List.of());
    }

    @Test
    public void readsEveryFieldOfAFullLadder() {
        GateDraft gate = new GateDraft(
                "100",
                "2",
                "99.5%",
                "5",
                "1.5",
                true,
                "staging",
                "com.example.FlakyTest\n\n  com.example.Other*  ",
                "smoke*",
                "allow 3",
                "1d",
                "2h",
                new ApprovalDraft("2", "alice, bob", "release-managers", false, "12h"),
                List.of(new FreezeDraft("weekend", "Europe/Paris", "sat, sun", "00:00", "00:00", null, null)));
        TierDraft prod = new TierDraft(
                " production ",
                "Production",
                "Production",
                "https://shop.example.com/",
                "prod-deployer",
                "canary",
                "10, 50, 100",
                false,
                gate);
        Ladder ladder = new LadderDraft("shop", List.of(tier("dev", "development"), tier("staging", "staging"), prod))
                .toLadder();

        Tier tier = ladder.tier("production").orElseThrow();
        assertThat(tier.displayName(), is("Production"));
        assertThat(tier.kind(), is(TierKind.PRODUCTION));
        assertThat(tier.credentialsId(), is("prod-deployer"));
        assertThat(tier.strategy(), is(Strategy.canary(10, 50, 100)));
        GatePolicy policy = tier.gate();
        assertThat(policy.minTests(), is(100));
        assertThat(policy.maxFailures(), is(2));
        assertThat(policy.minPassRate().getAsDouble(), is(99.5));
        assertThat(policy.maxSkipped().getAsInt(), is(5));
        assertThat(policy.maxSkippedPercent().getAsDouble(), is(1.5));
        assertThat(policy.noNewFailures(), is(true));
        assertThat(policy.baselineTier().orElseThrow(), is("staging"));
        assertThat(policy.quarantine(), contains("com.example.FlakyTest", "com.example.Other*"));
        assertThat(policy.requiredSuites(), contains("smoke*"));
        assertThat(policy.flaky().toString(), is("allow 3"));
        assertThat(policy.maxReportAge().orElseThrow(), is(Duration.ofDays(1)));
        assertThat(policy.soak().orElseThrow(), is(Duration.ofHours(2)));
        assertThat(policy.approval().orElseThrow().required(), is(2));
        assertThat(policy.approval().orElseThrow().users(), contains("alice", "bob"));
        assertThat(policy.approval().orElseThrow().timeout(), is(Duration.ofHours(12)));
        assertThat(policy.freeze().get(0).describe(), containsString("weekend"));
    }

    @Test
    public void blankFieldsTakeTheDefaults() {
        Tier tier = new LadderDraft(
                        "shop", List.of(new TierDraft("dev", " ", "", " ", "", "", "", false, gate("", ""))))
                .toLadder()
                .tiers()
                .get(0);
        assertThat(tier.displayName(), is("dev"));
        assertThat(tier.kind(), is(TierKind.OTHER));
        assertThat(tier.strategy(), is(Strategy.direct()));
        assertThat(tier.gate(), is(GatePolicy.DEFAULT));
    }

    @Test
    public void namesTheTierAndRuleAtFault() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> new LadderDraft(
                        "shop",
                        List.of(
                                tier("dev", "development"),
                                new TierDraft(
                                        "prod",
                                        null,
                                        "production",
                                        null,
                                        null,
                                        null,
                                        null,
                                        false,
                                        gate("10", "two hours"))))
                .toLadder());
        assertThat(e.field(), is("tiers[1].gate.soak"));
        assertThat(e.problem(), containsString("not a duration"));
    }

    @Test
    public void refusesAnUnknownKindNamingTheChoices() {
        InvalidDefinitionException e = assertThrows(
                InvalidDefinitionException.class,
                () -> new LadderDraft("shop", List.of(tier("dev", "prod"))).toLadder());
        assertThat(e.field(), is("tiers[0].kind"));
        assertThat(e.problem(), containsString("development, testing, staging, production or other"));
    }

    @Test
    public void refusesCanaryStepsWithoutACanary() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> new LadderDraft(
                        "shop", List.of(new TierDraft("dev", null, null, null, null, "direct", "10, 50", false, null)))
                .toLadder());
        assertThat(e.field(), is("tiers[0].canarySteps"));
    }

    @Test
    public void refusesDecreasingCanarySteps() {
        InvalidDefinitionException e =
                assertThrows(InvalidDefinitionException.class, () -> TierDraft.strategy("canary", "50, 10"));
        assertThat(e.field(), is("canarySteps"));
        assertThat(e.problem(), containsString("increase"));
    }

    @Test
    public void refusesAMissingIdAndAnEmptyLadder() {
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> tier(" ", null)
                                .toTier())
                        .field(),
                is("id"));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> new LadderDraft("shop", null).toLadder())
                        .field(),
                is("tiers"));
    }

    @Test
    public void refusesAnApprovalQuorumOfZero() {
        GateDraft gate = new GateDraft(
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                new ApprovalDraft("0", null, null, false, null),
                null);
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, gate::toPolicy);
        assertThat(e.field(), is("approval.required"));
    }

    @Test
    public void refusesABaselineThatIsNoTierOfTheLadder() {
        GateDraft gate =
                new GateDraft(null, null, null, null, null, true, "qa", null, null, null, null, null, null, null);
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> new LadderDraft(
                        "shop", List.of(new TierDraft("prod", null, null, null, null, null, null, false, gate)))
                .toLadder());
        assertThat(e.problem(), containsString("\"qa\""));
    }
}
