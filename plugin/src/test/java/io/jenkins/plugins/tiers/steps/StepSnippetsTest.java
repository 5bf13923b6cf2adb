package io.jenkins.plugins.tiers.steps;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** The Snippet Generator forms of the steps round-trip to the syntax the docs show. */
public class StepSnippetsTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void deployTo() throws Exception {
        SnippetizerTester st = new SnippetizerTester(j);
        st.assertRoundTrip(new DeployToStep("staging"), "deployTo('staging') {\n    // some block\n}");
        DeployToStep full = new DeployToStep("production");
        full.setVersion("1.4.2");
        full.setTests("**/TEST-*.xml");
        full.setRollback(true);
        full.setCredentialsVariable("PROD_TOKEN");
        st.assertRoundTrip(
                full,
                "deployTo(credentialsVariable: 'PROD_TOKEN', rollback: true, tests: '**/TEST-*.xml', tier: 'production', version: '1.4.2') {\n    // some block\n}");
    }

    @Test
    public void tierSwitch() throws Exception {
        SnippetizerTester st = new SnippetizerTester(j);
        st.assertRoundTrip(new TierSwitchStep("staging"), "tierSwitch('staging') {\n    // some block\n}");
        TierSwitchStep back = new TierSwitchStep("staging");
        back.setBack(true);
        back.setReason("500s on checkout");
        st.assertRoundTrip(
                back, "tierSwitch(back: true, reason: '500s on checkout', tier: 'staging') {\n    // some block\n}");
    }

    @Test
    public void tierGate() throws Exception {
        SnippetizerTester st = new SnippetizerTester(j);
        st.assertRoundTrip(new TierGateStep("production"), "tierGate 'production'");
        TierGateStep strict = new TierGateStep("production");
        strict.setMinTests(100);
        strict.setMaxFailures(0);
        strict.setMinPassRate(99.5);
        strict.setNoNewFailures(true);
        strict.setRequiredSuites("*IntegrationTest");
        strict.setMaxReportAge("2h");
        strict.setOnBlocked("unstable");
        st.assertRoundTrip(
                strict,
                "tierGate maxFailures: 0, maxReportAge: '2h', minPassRate: 99.5, minTests: 100, noNewFailures: true, onBlocked: 'unstable', requiredSuites: '*IntegrationTest', tier: 'production'");
    }

    @Test
    public void tierStatus() throws Exception {
        SnippetizerTester st = new SnippetizerTester(j);
        st.assertRoundTrip(new TierStatusStep(), "tierStatus()");
        TierStatusStep other = new TierStatusStep();
        other.setApplication("shop");
        st.assertRoundTrip(other, "tierStatus application: 'shop'");
    }
}
