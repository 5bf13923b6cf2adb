package io.jenkins.plugins.tiers.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import hudson.model.FreeStyleProject;
import hudson.model.JobProperty;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.steps.Ladders;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.SymbolLookup;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class DeploymentTiersJobPropertyTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    static TierConfig tier(String id, String kind) {
        TierConfig tier = new TierConfig(id);
        tier.setKind(kind);
        return tier;
    }

    static DeploymentTiersJobProperty ownLadder() {
        TierConfig dev = tier("dev", "development");
        TierConfig staging = tier("staging", "staging");
        staging.setDisplayName("Staging");
        staging.setUrl("https://staging.example.com/");
        staging.setStrategy("canary");
        staging.setCanarySteps("10, 50, 100");
        staging.setCanaryPause("10m, 30m");
        GateConfig gate = new GateConfig();
        gate.setMinTests("100");
        gate.setMinPassRate("99.5");
        gate.setNoNewFailures(true);
        gate.setSoak("2h");
        ApprovalConfig approval = new ApprovalConfig("2");
        approval.setGroups("release-managers");
        gate.setApproval(approval);
        FreezeConfig weekend = new FreezeConfig("Europe/Paris");
        weekend.setName("weekend");
        weekend.setDays("sat, sun");
        weekend.setFrom("00:00");
        weekend.setTo("23:59");
        gate.setFreeze(List.of(weekend));
        staging.setGate(gate);
        TierConfig production = tier("production", "production");
        production.setStrategy("blue-green");
        production.setSwitchMode("auto");
        production.setPreviewUrl("https://preview.example.com");
        DeploymentTiersJobProperty property = new DeploymentTiersJobProperty();
        property.setApplication("shop");
        property.setTiers(List.of(dev, staging, production));
        return property;
    }

    @Test
    public void ownLadderSurvivesAConfigurationRoundTrip() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("p");
        DeploymentTiersJobProperty before = ownLadder();
        p.addProperty(before);
        j.configRoundtrip(p);
        DeploymentTiersJobProperty after = p.getProperty(DeploymentTiersJobProperty.class);
        assertThat(after, notNullValue());
        j.assertEqualDataBoundBeans(before, after);
        ResolvedLadder resolved = LadderResolver.forJob(p).orElseThrow();
        assertThat(resolved.application(), is("shop"));
        assertThat(resolved.administratorDefined(), is(false));
        assertThat(resolved.ladder().tiers().stream().map(Tier::id).toList(), contains("dev", "staging", "production"));
        assertThat(resolved.ladder().tier("staging").orElseThrow().gate().minTests(), is(100));
        assertThat(
                resolved.ladder().tier("staging").orElseThrow().strategy().pauseAfter(2),
                is(java.time.Duration.ofMinutes(30)));
        assertThat(resolved.ladder().tier("production").orElseThrow().strategy().autoSwitch(), is(true));
        assertThat(
                resolved.ladder().tier("production").orElseThrow().strategy().previewUrl(),
                is("https://preview.example.com"));
    }

    /** Tiers whose every optional field is unset, and a gate and an approval likewise. */
    static List<TierConfig> bareTiers() {
        TierConfig bare = new TierConfig("bare");
        TierConfig gated = new TierConfig("gated");
        GateConfig gate = new GateConfig();
        gate.setApproval(new ApprovalConfig(null));
        gated.setGate(gate);
        TierConfig other = tier("last", "other");
        other.setStrategy("blue-green");
        return List.of(bare, gated, other);
    }

    @Test
    public void tiersWithEveryFieldUnsetSurviveAConfigurationRoundTrip() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("bare");
        DeploymentTiersJobProperty before = new DeploymentTiersJobProperty();
        before.setTiers(bareTiers());
        p.addProperty(before);
        j.configRoundtrip(p);
        DeploymentTiersJobProperty after = p.getProperty(DeploymentTiersJobProperty.class);
        j.assertEqualDataBoundBeans(before, after);
        TierConfig bare = after.getTiers().get(0);
        assertThat(bare.getKind(), nullValue());
        assertThat(bare.getStrategy(), nullValue());
        assertThat(after.getTiers().get(2).getKind(), is("other"));
        assertThat(after.getTiers().get(2).getStrategy(), is("blue-green"));
    }

    @Test
    public void configurePageShowsEveryLabelWithItsParentheses() throws Exception {
        // The property's details are rendered even when its box is not ticked.
        FreeStyleProject plain = j.createFreeStyleProject("plain");
        String plainPage =
                j.createWebClient().getPage(plain, "configure").getWebResponse().getContentAsString();
        assertThat(plainPage, containsString("Tiers (lowest first)"));
        FreeStyleProject p = j.createFreeStyleProject("p");
        p.addProperty(ownLadder());
        String page =
                j.createWebClient().getPage(p, "configure").getWebResponse().getContentAsString();
        assertThat(page, containsString("Tiers (lowest first)"));
        assertThat(page, containsString("Minimum pass rate (%)"));
        assertThat(page, containsString("Maximum skipped tests (%)"));
    }

    @Test
    public void namedLadderIsPickedByNameAndIsAFloor() throws Exception {
        NamedLadder standard = new NamedLadder("standard");
        standard.setTiers(List.of(tier("dev", "development"), tier("prod", "production")));
        NamedLaddersConfiguration.get().setLadders(List.of(standard));
        FreeStyleProject p = j.createFreeStyleProject("checkout");
        DeploymentTiersJobProperty property = new DeploymentTiersJobProperty();
        property.setLadderName("standard");
        p.addProperty(property);
        j.configRoundtrip(p);
        assertThat(p.getProperty(DeploymentTiersJobProperty.class).getLadderName(), is("standard"));
        ResolvedLadder resolved = LadderResolver.forJob(p).orElseThrow();
        assertThat(resolved.application(), is("checkout"));
        assertThat(resolved.administratorDefined(), is(true));
        assertThat(resolved.ladder().ids(), is("dev, prod"));
    }

    @Test
    public void jobWithoutThePropertyHasNoLadder() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        assertThat(LadderResolver.forJob(p).isPresent(), is(false));
        j.configRoundtrip(p);
        assertThat(p.getProperty(DeploymentTiersJobProperty.class), nullValue());
    }

    @Test
    public void missingNamedLadderFailsClosedNamingTheField() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        DeploymentTiersJobProperty property = new DeploymentTiersJobProperty();
        property.setLadderName("gone");
        p.addProperty(property);
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> LadderResolver.forJob(p));
        assertThat(e.field(), is("deploymentTiers.ladderName"));
        assertThat(e.getMessage(), containsString("\"gone\""));
    }

    @Test
    public void brokenTierIsReportedWithItsPath() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        DeploymentTiersJobProperty property = new DeploymentTiersJobProperty();
        property.setTiers(List.of(tier("dev", "development"), tier("Bad Id", "production")));
        p.addProperty(property);
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> LadderResolver.forJob(p));
        assertThat(e.field(), containsString("tiers[1]"));
    }

    @Test
    public void pipelinePropertiesStepSetsTheLadder() throws Exception {
        // Skipped where the properties step is missing; theStepSyntaxBindsTheProperty proves the binding.
        Ladders.assumePlugin(j, "workflow-multibranch");
        WorkflowJob p = j.createProject(WorkflowJob.class, "pipe");
        p.setDefinition(new CpsFlowDefinition(
                "properties([deploymentTiers(application: 'shop', tiers: ["
                        + "[id: 'dev', kind: 'development'],"
                        + "[id: 'prod', kind: 'production', gate: [minTests: '10', approval: [required: '1']]]])])",
                true));
        j.buildAndAssertSuccess(p);
        ResolvedLadder resolved = LadderResolver.forJob(p).orElseThrow();
        assertThat(resolved.application(), is("shop"));
        assertThat(resolved.ladder().ids(), is("dev, prod"));
        assertThat(
                resolved.ladder().tier("prod").orElseThrow().gate().approval().isPresent(), is(true));
    }

    @Test
    public void declarativeOptionsSetTheLadder() throws Exception {
        // Skipped where Declarative is missing; theStepSyntaxBindsTheProperty proves the binding.
        Ladders.assumePlugin(j, "pipeline-model-definition");
        NamedLadder standard = new NamedLadder("standard");
        standard.setTiers(List.of(tier("dev", "development")));
        NamedLaddersConfiguration.get().setLadders(List.of(standard));
        WorkflowJob p = j.createProject(WorkflowJob.class, "declarative");
        p.setDefinition(new CpsFlowDefinition(
                "pipeline { agent none\n"
                        + "  options { deploymentTiers(ladderName: 'standard') }\n"
                        + "  stages { stage('x') { steps { echo 'ok' } } } }",
                true));
        j.buildAndAssertSuccess(p);
        assertThat(LadderResolver.forJob(p).orElseThrow().ladder().ids(), is("dev"));
    }

    /**
     * What {@code properties([deploymentTiers(...)])} and {@code options { deploymentTiers(...) }}
     * do, without the plugins that provide them: the symbol finds the descriptor and the same
     * arguments bind to the property through structs, as both of them bind it.
     */
    @Test
    public void theStepSyntaxBindsTheProperty() throws Exception {
        assertThat(
                SymbolLookup.get().findDescriptor(JobProperty.class, "deploymentTiers"),
                instanceOf(DeploymentTiersJobProperty.DescriptorImpl.class));
        DeploymentTiersJobProperty own = new DescribableModel<>(DeploymentTiersJobProperty.class)
                .instantiate(Map.of(
                        "application",
                        "shop",
                        "tiers",
                        List.of(
                                Map.of("id", "dev", "kind", "development"),
                                Map.of(
                                        "id",
                                        "prod",
                                        "kind",
                                        "production",
                                        "gate",
                                        Map.of("minTests", "10", "approval", Map.of("required", "1"))))));
        WorkflowJob p = j.createProject(WorkflowJob.class, "pipe");
        p.addProperty(own);
        ResolvedLadder resolved = LadderResolver.forJob(p).orElseThrow();
        assertThat(resolved.application(), is("shop"));
        assertThat(resolved.ladder().ids(), is("dev, prod"));
        assertThat(
                resolved.ladder().tier("prod").orElseThrow().gate().approval().isPresent(), is(true));

        NamedLadder standard = new NamedLadder("standard");
        standard.setTiers(List.of(tier("dev", "development")));
        NamedLaddersConfiguration.get().setLadders(List.of(standard));
        WorkflowJob named = j.createProject(WorkflowJob.class, "declarative");
        named.addProperty(
                new DescribableModel<>(DeploymentTiersJobProperty.class).instantiate(Map.of("ladderName", "standard")));
        assertThat(LadderResolver.forJob(named).orElseThrow().ladder().ids(), is("dev"));
    }
}
