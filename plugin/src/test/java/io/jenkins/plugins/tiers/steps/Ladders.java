package io.jenkins.plugins.tiers.steps;

import io.jenkins.plugins.tiers.config.ApprovalConfig;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.GateConfig;
import io.jenkins.plugins.tiers.config.TierConfig;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.Assume;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Ladders and test reports for the step tests, built through the job property exactly as a user
 * configures them, and report files as Surefire writes them.
 */
public final class Ladders {

    static final String[] FOUR = {"dev", "test", "staging", "production"};

    private Ladders() {}

    /**
     * Skips (never fails) a test that needs a plugin this Jenkins lacks: Declarative Pipeline
     * ({@code pipeline-model-definition}) or the {@code properties} step ({@code workflow-multibranch}).
     * Every such test has a scripted-Pipeline or API equivalent that runs everywhere.
     */
    public static void assumePlugin(JenkinsRule j, String shortName) {
        Assume.assumeTrue("needs the " + shortName + " plugin", j.jenkins.getPlugin(shortName) != null);
    }

    /** A Pipeline job with this ladder and this (sandboxed) script. */
    public static WorkflowJob pipeline(JenkinsRule j, String name, DeploymentTiersJobProperty ladder, String script)
            throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.addProperty(ladder);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** dev, test, staging, production with the default gates (at least one test, no failures). */
    public static DeploymentTiersJobProperty fourTiers(String application) {
        List<TierConfig> tiers = new ArrayList<>();
        String[] kinds = {"development", "testing", "staging", "production"};
        for (int i = 0; i < FOUR.length; i++) {
            TierConfig tier = new TierConfig(FOUR[i]);
            tier.setKind(kinds[i]);
            tiers.add(tier);
        }
        return property(application, tiers);
    }

    static DeploymentTiersJobProperty property(String application, List<TierConfig> tiers) {
        DeploymentTiersJobProperty property = new DeploymentTiersJobProperty();
        if (application != null) {
            property.setApplication(application);
        }
        property.setTiers(tiers);
        return property;
    }

    static TierConfig tier(String id, String kind, GateConfig gate) {
        TierConfig tier = new TierConfig(id);
        tier.setKind(kind);
        if (gate != null) {
            tier.setGate(gate);
        }
        return tier;
    }

    static GateConfig gate(String minTests, String maxFailures, boolean noNewFailures) {
        GateConfig gate = new GateConfig();
        gate.setMinTests(minTests);
        gate.setMaxFailures(maxFailures);
        gate.setNoNewFailures(noNewFailures);
        return gate;
    }

    /** A gate that needs {@code required} distinct approvers, who may not have started the run. */
    static GateConfig approvalGate(String required) {
        GateConfig gate = new GateConfig();
        ApprovalConfig approval = new ApprovalConfig(required);
        approval.setAllowSelfApproval(false);
        gate.setApproval(approval);
        return gate;
    }

    /** A Surefire report of {@code shop.CartTest} where the named tests fail and the others pass. */
    static String report(String[] passing, String... failing) {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"shop.CartTest\" tests=\"")
                .append(passing.length + failing.length)
                .append("\" failures=\"")
                .append(failing.length)
                .append("\" errors=\"0\" skipped=\"0\" time=\"0.5\">\n");
        for (String name : passing) {
            xml.append("  <testcase classname=\"shop.CartTest\" name=\"")
                    .append(name)
                    .append("\" time=\"0.1\"/>\n");
        }
        for (String name : failing) {
            xml.append("  <testcase classname=\"shop.CartTest\" name=\"")
                    .append(name)
                    .append("\" time=\"0.1\">\n")
                    .append("    <failure message=\"expected 2 but was 3\" type=\"java.lang.AssertionError\">")
                    .append("java.lang.AssertionError: expected 2 but was 3\n\tat shop.CartTest.")
                    .append(name)
                    .append("(CartTest.java:42)</failure>\n")
                    .append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        return xml.toString();
    }

    public static String passingReport() {
        return report(new String[] {"adds", "removes", "totals"});
    }

    /** A Pipeline statement writing {@code xml} to {@code reports/TEST-shop.CartTest.xml}. */
    public static String writeReport(String xml) {
        return "writeFile file: 'reports/TEST-shop.CartTest.xml', text: '''" + xml + "'''\n";
    }
}
