package io.jenkins.plugins.tiers.config;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.tiers.model.Ladder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class NamedLaddersCascTest {

    @Rule
    public JenkinsConfiguredWithCodeRule j = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("named-ladders.yaml")
    public void importsNamedLadders() {
        NamedLaddersConfiguration config = NamedLaddersConfiguration.get();
        assertThat(config.names(), contains("standard"));
        Ladder ladder = config.ladder("standard").orElseThrow().toDraft("shop").toLadder();
        assertThat(ladder.ids(), is("dev, staging, production"));
        assertThat(ladder.tier("production").orElseThrow().credentialsId(), is("prod-deployer"));
        assertThat(
                ladder.tier("production")
                        .orElseThrow()
                        .gate()
                        .approval()
                        .orElseThrow()
                        .required(),
                is(2));
        assertThat(ladder.tier("staging").orElseThrow().gate().minTests(), is(100));
    }

    @Test
    @ConfiguredWithCode("named-ladders.yaml")
    public void exportsWhatItImported() throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = getUnclassifiedRoot(context).get("namedLadders");
        String exported = toYamlString(node);
        assertThat(exported, containsString("name: \"standard\""));
        assertThat(exported, containsString("credentialsId: \"prod-deployer\""));
        assertThat(exported, containsString("strategy: \"blue-green\""));
        assertThat(exported, containsString("groups: \"release-managers\""));
        assertThat(exported, containsString("zone: \"Europe/Paris\""));
        assertThat(exported, containsString("soak: \"2h\""));
        assertThat(exported, not(containsString("allowSelfApproval")));
    }

    @Test
    @ConfiguredWithCode("named-ladders.yaml")
    public void exportedYamlConfiguresTheSameLadders() throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = toYamlString(getUnclassifiedRoot(context).get("namedLadders"));
        List<NamedLadder> before = NamedLaddersConfiguration.get().getLadders();
        Path file = Files.createTempFile("tiers", ".yaml");
        Files.writeString(file, "unclassified:\n  namedLadders:\n" + exported.indent(4), StandardCharsets.UTF_8);
        NamedLaddersConfiguration.get().setLadders(List.of());
        ConfigurationAsCode.get().configure(file.toUri().toString());
        j.assertEqualDataBoundBeans(before, NamedLaddersConfiguration.get().getLadders());
    }

    @Test
    @ConfiguredWithCode("every-field.yaml")
    public void laddersLoadedByConfigurationAsCodeSurviveTheFormUnchanged() throws Exception {
        List<NamedLadder> loaded = NamedLaddersConfiguration.get().getLadders();
        assertThat(NamedLaddersConfiguration.get().names(), contains("complete", "bare"));
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exportedBefore = toYamlString(getUnclassifiedRoot(context).get("namedLadders"));

        j.configRoundtrip(); // Manage Jenkins > System, opened and saved as it is

        j.assertEqualDataBoundBeans(loaded, NamedLaddersConfiguration.get().getLadders());
        assertThat(toYamlString(getUnclassifiedRoot(context).get("namedLadders")), is(exportedBefore));
    }
}
