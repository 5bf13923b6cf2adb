package io.jenkins.plugins.tiers.store;

import static org.junit.Assume.assumeTrue;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A PostgreSQL store on a controller without the PostgreSQL API plugin: the step fails closed and
 * names the plugin to install. A class of its own, since the harness keeps installed plugins for
 * every later test of the JVM.
 */
public class PostgresLedgerStoreWithoutDriverTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void theStepFailsNamingThePluginToInstall() throws Exception {
        assumeTrue(
                "another test of this JVM installed the driver plugin",
                j.jenkins.getPluginManager().getPlugin(PostgresForJenkins.DRIVER_PLUGIN) == null);
        PostgresForJenkins db = PostgresForJenkins.require();
        db.addCredential("ledger-db", db.password);
        LedgerStoreConfiguration.get().setStore(db.store("ledger-db"));
        WorkflowJob p = PostgresForJenkins.deployingJob(j, "1.0");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("install the PostgreSQL API plugin", b);
        j.assertLogNotContains("deploying", b);
    }
}
