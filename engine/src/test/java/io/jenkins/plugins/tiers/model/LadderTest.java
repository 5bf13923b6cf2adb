package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.gate.GatePolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class LadderTest {

    private static Ladder fourTiers() {
        return Ladder.of(
                "shop",
                Tier.of("development", TierKind.DEVELOPMENT),
                Tier.of("testing", TierKind.TESTING),
                Tier.of("staging", TierKind.STAGING),
                Tier.of("production", TierKind.PRODUCTION));
    }

    @Test
    public void findsTiersAndTheTierBelow() {
        Ladder ladder = fourTiers();
        assertThat(ladder.indexOf("staging"), is(2));
        assertThat(ladder.below("staging").orElseThrow().id(), is("testing"));
        assertThat(ladder.below("development").isPresent(), is(false));
        assertThat(ladder.below("nowhere").isPresent(), is(false));
        assertThat(ladder.ids(), is("development, testing, staging, production"));
    }

    @Test
    public void aTierIdThatBreaksThePatternIsNamedWithItsIndex() {
        List<Tier> tiers = new ArrayList<>(fourTiers().tiers());
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> {
            try {
                tiers.set(2, Tier.of("Prod", TierKind.PRODUCTION));
            } catch (InvalidDefinitionException inner) {
                throw inner.within("tiers[2]");
            }
        });
        assertThat(e.getMessage(), is("tiers[2].id: \"Prod\" must match [a-z0-9][a-z0-9-]*"));
        assertThat(e.field(), is("tiers[2].id"));
    }

    @Test
    public void duplicateIdsNameBothPositions() {
        InvalidDefinitionException e = assertThrows(
                InvalidDefinitionException.class,
                () -> Ladder.of("shop", Tier.of("qa", TierKind.TESTING), Tier.of("qa", TierKind.STAGING)));
        assertThat(e.getMessage(), is("tiers[1].id: \"qa\" is already the id of tiers[0]"));
    }

    @Test
    public void holdsOneToTwentyTiers() {
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> new Ladder("shop", List.of()))
                        .getMessage(),
                is("tiers: a ladder needs at least one tier"));
        List<Tier> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(Tier.of("t" + i, TierKind.OTHER));
        }
        assertThat(new Ladder("shop", twenty).tiers().size(), is(20));
        twenty.add(Tier.of("t20", TierKind.OTHER));
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> new Ladder("shop", twenty))
                        .getMessage(),
                is("tiers: a ladder has at most 20 tiers, this one has 21"));
    }

    @Test
    public void aBaselineMustNameATierOfTheLadder() {
        Tier staging = Tier.of("staging", TierKind.STAGING)
                .withGate(GatePolicy.builder()
                        .noNewFailures(true)
                        .baselineTier("prod")
                        .build());
        InvalidDefinitionException e = assertThrows(
                InvalidDefinitionException.class,
                () -> Ladder.of("shop", staging, Tier.of("production", TierKind.PRODUCTION)));
        assertThat(
                e.getMessage(),
                is("tiers[0].gate.baseline: no tier \"prod\" in this ladder; known tiers: staging, production"));
    }

    @Test
    public void aBlankApplicationIsRefused() {
        assertThat(
                assertThrows(InvalidDefinitionException.class, () -> Ladder.of(" ", Tier.of("a", TierKind.OTHER)))
                        .field(),
                is("application"));
    }
}
