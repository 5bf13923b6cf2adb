package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.gate.GatePolicy;
import org.junit.Test;

public class TierTest {

    @Test
    public void defaultsToItsIdAsNameADirectStrategyAndTheDefaultGate() {
        Tier t = Tier.of("staging", TierKind.STAGING);
        assertThat(t.displayName(), is("staging"));
        assertThat(t.strategy(), is(Strategy.direct()));
        assertThat(t.gate(), is(GatePolicy.DEFAULT));
        assertThat(t.link().isPresent(), is(false));
    }

    @Test
    public void acceptsOnlyHttpAddresses() {
        Tier t = new Tier("prod", "Production", TierKind.PRODUCTION, "https://shop.example", null, null, false, null);
        assertThat(t.link().orElseThrow(), is("https://shop.example"));
        InvalidDefinitionException e = assertThrows(
                InvalidDefinitionException.class,
                () -> new Tier("prod", null, TierKind.PRODUCTION, "javascript:alert(1)", null, null, false, null));
        assertThat(e.getMessage(), is("url: \"javascript:alert(1)\" must be an http or https address"));
    }

    @Test
    public void quotesHostileIdsWithoutControlCharacters() {
        InvalidDefinitionException e =
                assertThrows(InvalidDefinitionException.class, () -> Tier.of("a\nb\"", TierKind.OTHER));
        assertThat(e.getMessage(), is("id: \"a\\u000ab\\\"\" must match [a-z0-9][a-z0-9-]*"));
    }

    @Test
    public void kindsHaveLowerCaseLabels() {
        assertThat(TierKind.fromLabel("Production").orElseThrow(), is(TierKind.PRODUCTION));
        assertThat(TierKind.fromLabel("prod").isPresent(), is(false));
    }
}
