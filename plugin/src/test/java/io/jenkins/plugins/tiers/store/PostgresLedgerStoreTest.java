package io.jenkins.plugins.tiers.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.tiers.config.ApprovalConfig;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.GateConfig;
import io.jenkins.plugins.tiers.config.TierConfig;
import io.jenkins.plugins.tiers.ledger.Approval;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.PostgresLedger;
import io.jenkins.plugins.tiers.model.BuildRef;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.steps.Ladders;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The ledger in PostgreSQL, in a real Jenkins against a real server: steps record into it, the job
 * page reads what another controller appended, and a store that cannot be used fails closed saying
 * why, never showing the password.
 */
public class PostgresLedgerStoreTest {

    private static final String SECRET = PostgresForJenkins.WRONG_PASSWORD;

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private PostgresForJenkins db;

    @After
    public void dropSchema() throws Exception {
        if (db != null && j.jenkins.getPluginManager().getPlugin(PostgresForJenkins.DRIVER_PLUGIN) != null) {
            db.dropSchema();
        }
    }

    /** The store in this test's schema, the driver plugin installed, credential {@code ledger-db} right. */
    private void useTheDatabase() throws Exception {
        useTheDatabase(null);
    }

    /** As {@link #useTheDatabase()}, the credential holding {@code password} instead. */
    private void useTheDatabase(String password) throws Exception {
        db = PostgresForJenkins.installedIn(j, password);
        LedgerStoreConfiguration.get().setStore(db.store("ledger-db"));
    }

    @Test
    public void theDefaultStoreIsTheControllersDisk() {
        assertThat(LedgerStoreConfiguration.get().getStore(), instanceOf(DiskLedgerStore.class));
    }

    @Test
    public void stepsRecordIntoPostgresAndThePageShowsWhatAnotherControllerAppended() throws Exception {
        useTheDatabase();

        WorkflowJob p = PostgresForJenkins.deployingJob(j, "1.0");
        j.buildAndAssertSuccess(p);

        // another controller, with connections of its own, reads what this one recorded
        try (Ledger other = PostgresLedger.open(db.otherController(), db.location.toString(), db.schema, "shop")) {
            assertThat(other.liveState().live("dev").orElseThrow().candidate().version(), is("1.0"));
            List<EventType> types =
                    other.events().stream().map(LedgerEvent::type).toList();
            assertThat(types.contains(EventType.GATE_VERDICT), is(true));
            assertThat(types.contains(EventType.DEPLOYMENT_SUCCEEDED), is(true));

            // ... and deploys 7.7 to dev from its side: this controller's page shows it at the next read
            Candidate elsewhere = new Candidate("7.7", new BuildRef("release/shop", 12), "77aa", Instant.now());
            other.append(LedgerEvent.deploymentStarted("shop", "dev", elsewhere, "release-controller", Instant.now()));
            other.append(
                    LedgerEvent.deploymentSucceeded("shop", "dev", elsewhere, "release-controller", Instant.now()));
        }
        HtmlPage page = j.createWebClient().getPage(p, "tiers/");
        assertThat(page.asNormalizedText(), containsString("7.7"));
        assertThat(
                ApplicationLedgers.forApplication("shop")
                        .liveState()
                        .live("dev")
                        .orElseThrow()
                        .candidate()
                        .version(),
                is("7.7"));
    }

    @Test
    public void anUnreachableDatabaseFailsTheStepNamingItAndNeverItsPassword() throws Exception {
        db = PostgresForJenkins.installedIn(j, SECRET);
        PostgresLedgerStore closed = new PostgresLedgerStore("jdbc:postgresql://127.0.0.1:1/tiers");
        closed.setCredentialsId("ledger-db");
        LedgerStoreConfiguration.get().setStore(closed);

        WorkflowJob p = PostgresForJenkins.deployingJob(j, "1.0");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("postgresql://127.0.0.1:1/tiers?schema=tiers", b);
        j.assertLogNotContains("deploying", b);
        j.assertLogNotContains(SECRET, b);
    }

    @Test
    public void aWrongPasswordFailsTheStepWithoutShowingIt() throws Exception {
        useTheDatabase(SECRET);
        WorkflowJob p = PostgresForJenkins.deployingJob(j, "1.0");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains(db.location.toString(), b);
        j.assertLogNotContains(SECRET, b);
        j.assertLogNotContains("deploying", b);
    }

    @Test
    public void aChangedCredentialIsUsedAtTheNextStepWithoutReopening() throws Exception {
        useTheDatabase(SECRET);
        WorkflowJob p = PostgresForJenkins.deployingJob(j, "1.0");
        j.buildAndAssertStatus(Result.FAILURE, p);

        com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance()
                .getCredentials()
                .clear();
        db.addCredential("ledger-db", db.password);
        j.buildAndAssertSuccess(p);
    }

    /**
     * A gate waiting for an approval on this controller lets the run through when the approval is
     * recorded on another controller: within seconds (the ledger watch), not at the minute's recheck.
     */
    @Test
    public void aWaitingGateIsApprovedFromAnotherController() throws Exception {
        useTheDatabase();
        GateConfig oneApproval = new GateConfig();
        ApprovalConfig approval = new ApprovalConfig("1");
        oneApproval.setApproval(approval);
        TierConfig dev = new TierConfig("dev");
        TierConfig production = new TierConfig("production");
        production.setGate(oneApproval);
        DeploymentTiersJobProperty ladder = new DeploymentTiersJobProperty();
        ladder.setApplication("shop");
        ladder.setTiers(List.of(dev, production));
        WorkflowJob p = Ladders.pipeline(
                j,
                "shop",
                ladder,
                "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "  junit 'reports/*.xml'\n  deployTo(tier: 'dev', version: '1.0') { echo 'dev' }\n"
                        + "}\n"
                        + "tierGate(tier: 'production', version: '1.0')\n"
                        + "node { deployTo(tier: 'production', version: '1.0') { echo 'promoted' } }\n");
        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("The gate of production waits for 1.0", run);

        try (Ledger other = PostgresLedger.open(db.otherController(), db.location.toString(), db.schema, "shop")) {
            Candidate waiting = other.candidate("1.0").orElseThrow().candidate();
            other.append(LedgerEvent.approval(
                    "shop",
                    "production",
                    waiting,
                    new Approval(true, "carol", List.of(), "from the release controller"),
                    Instant.now()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run.isBuilding() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat("approved within 30 s, well before the 60 s recheck", run.isBuilding(), is(false));
        j.assertBuildStatusSuccess(run);
        j.assertLogContains("promoted", run);
    }
}
