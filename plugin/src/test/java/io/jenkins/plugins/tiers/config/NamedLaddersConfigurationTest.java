package io.jenkins.plugins.tiers.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class NamedLaddersConfigurationTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void laddersSurviveAConfigurationRoundTrip() throws Exception {
        NamedLadder standard = new NamedLadder("standard");
        TierConfig prod = DeploymentTiersJobPropertyTest.tier("prod", "production");
        prod.setCredentialsId("prod-deployer");
        GateConfig gate = new GateConfig();
        gate.setMaxFailures("0");
        gate.setFlaky("allow 2");
        gate.setMaxReportAge("1d");
        prod.setGate(gate);
        standard.setTiers(List.of(DeploymentTiersJobPropertyTest.tier("dev", "development"), prod));
        NamedLadder small = new NamedLadder("small");
        small.setTiers(List.of(DeploymentTiersJobPropertyTest.tier("only", "other")));
        NamedLaddersConfiguration.get().setLadders(List.of(standard, small));

        j.configRoundtrip();

        NamedLaddersConfiguration after = NamedLaddersConfiguration.get();
        assertThat(after.names(), contains("standard", "small"));
        j.assertEqualDataBoundBeans(List.of(standard, small), after.getLadders());
        assertThat(after.ladder("standard").orElseThrow().getTiers().get(1).getCredentialsId(), is("prod-deployer"));
    }

    @Test
    public void laddersWithEveryFieldUnsetSurviveAConfigurationRoundTrip() throws Exception {
        NamedLadder bare = new NamedLadder("bare");
        bare.setTiers(DeploymentTiersJobPropertyTest.bareTiers());
        NamedLaddersConfiguration.get().setLadders(List.of(bare));

        String page = j.createWebClient().goTo("configure").getWebResponse().getContentAsString();
        assertThat(page, containsString("Tiers (lowest first)"));
        j.configRoundtrip();

        j.assertEqualDataBoundBeans(
                List.of(bare), NamedLaddersConfiguration.get().getLadders());
        TierConfig first =
                NamedLaddersConfiguration.get().getLadders().get(0).getTiers().get(0);
        assertThat(first.getKind(), is(nullValue()));
        assertThat(first.getStrategy(), is(nullValue()));
    }

    @Test
    public void removingEveryLadderInTheFormClearsThem() throws Exception {
        NamedLadder standard = new NamedLadder("standard");
        standard.setTiers(List.of(DeploymentTiersJobPropertyTest.tier("dev", "development")));
        NamedLaddersConfiguration.get().setLadders(List.of(standard));
        NamedLaddersConfiguration.get().setLadders(List.of());
        j.configRoundtrip();
        assertThat(NamedLaddersConfiguration.get().getLadders(), is(empty()));
    }

    @Test
    public void refusesALadderTheEngineRefuses() {
        NamedLadder broken = new NamedLadder("broken");
        broken.setTiers(List.of(
                DeploymentTiersJobPropertyTest.tier("dev", "development"),
                DeploymentTiersJobPropertyTest.tier("dev", "production")));
        InvalidDefinitionException e =
                assertThrows(InvalidDefinitionException.class, () -> NamedLaddersConfiguration.get()
                        .setLadders(List.of(broken)));
        assertThat(e.field(), containsString("ladders[0]"));
        assertThat(NamedLaddersConfiguration.get().getLadders(), is(empty()));
    }

    @Test
    public void refusesTwoLaddersWithOneName() {
        NamedLadder a = new NamedLadder("same");
        a.setTiers(List.of(DeploymentTiersJobPropertyTest.tier("dev", "development")));
        NamedLadder b = new NamedLadder("same");
        b.setTiers(List.of(DeploymentTiersJobPropertyTest.tier("dev", "development")));
        InvalidDefinitionException e =
                assertThrows(InvalidDefinitionException.class, () -> NamedLaddersConfiguration.get()
                        .setLadders(List.of(a, b)));
        assertThat(e.field(), is("ladders[1].name"));
    }

    @Test
    public void survivesARestartOfItsStorage() {
        NamedLadder standard = new NamedLadder("standard");
        standard.setTiers(List.of(DeploymentTiersJobPropertyTest.tier("dev", "development")));
        NamedLaddersConfiguration.get().setLadders(List.of(standard));
        NamedLaddersConfiguration reloaded = new NamedLaddersConfiguration();
        assertThat(reloaded.names(), contains("standard"));
    }
}
