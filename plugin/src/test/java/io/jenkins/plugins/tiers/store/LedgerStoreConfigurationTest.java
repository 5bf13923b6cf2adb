package io.jenkins.plugins.tiers.store;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.PostgresLedger;
import io.jenkins.plugins.tiers.steps.Ladders;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The ledger store in Manage Jenkins → System and in Configuration as Code: the form keeps it, the
 * Test connection button is for administrators only and never shows a password, and changing the
 * store is felt at the next use.
 */
public class LedgerStoreConfigurationTest {

    private static final String SECRET = PostgresForJenkins.WRONG_PASSWORD;

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private PostgresForJenkins db;

    @After
    public void dropSchema() throws Exception {
        if (db != null) {
            db.dropSchema();
        }
    }

    private PostgresForJenkins database() throws Exception {
        db = PostgresForJenkins.installedIn(j, null);
        db.addCredential("wrong-password", SECRET);
        return db;
    }

    private void secure() {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader"));
    }

    private WebRequest testConnection(String credentialsId, HttpMethod method) throws Exception {
        String query = "url=" + URLEncoder.encode(db.jdbcUrl(), StandardCharsets.UTF_8) + "&schema=" + db.schema
                + "&credentialsId=" + credentialsId;
        return new WebRequest(
                new URL(
                        j.getURL(),
                        "descriptorByName/" + PostgresLedgerStore.class.getName() + "/testConnection?" + query),
                method);
    }

    @Test
    public void testConnectionIsAnAdministratorsPostAndSaysWhatTheRoleMayDo() throws Exception {
        database();
        secure();
        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        Page ok = admin.getPage(admin.addCrumb(testConnection("ledger-db", HttpMethod.POST)));
        String text = ok.getWebResponse().getContentAsString();
        assertThat(text, containsString("Connected to PostgreSQL 1"));
        assertThat(text, containsString("as " + db.user));
        assertThat(text, containsString("Schema " + db.schema + " does not exist yet"));

        Page wrong = admin.getPage(admin.addCrumb(testConnection("wrong-password", HttpMethod.POST)));
        String refused = wrong.getWebResponse().getContentAsString();
        assertThat(refused, containsString(db.location.toString()));
        assertThat(refused, not(containsString(SECRET)));
        assertThat(refused, not(containsString("Connected")));

        Page missing = admin.getPage(admin.addCrumb(testConnection("no-such-credential", HttpMethod.POST)));
        assertThat(missing.getWebResponse().getContentAsString(), containsString("no-such-credential"));

        admin.setThrowExceptionOnFailingStatusCode(false);
        Page get = admin.getPage(testConnection("ledger-db", HttpMethod.GET));
        assertThat(get.getWebResponse().getStatusCode(), greaterThanOrEqualTo(400));
        assertThat(get.getWebResponse().getContentAsString(), not(containsString("Connected")));
        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);
        assertThat(
                reader.getPage(reader.addCrumb(testConnection("ledger-db", HttpMethod.POST)))
                        .getWebResponse()
                        .getStatusCode(),
                is(403));
        // testing created nothing: the schema is still to be made
        assertThat(
                admin.getPage(admin.addCrumb(testConnection("ledger-db", HttpMethod.POST)))
                        .getWebResponse()
                        .getContentAsString(),
                containsString("does not exist yet"));
    }

    @Test
    public void onlyAdministratorsSeeTheControllersCredentialsListed() throws Exception {
        database();
        secure();
        String fill = "descriptorByName/" + PostgresLedgerStore.class.getName() + "/fillCredentialsIdItems";
        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        String listed = admin.getPage(admin.addCrumb(new WebRequest(new URL(j.getURL(), fill), HttpMethod.POST)))
                .getWebResponse()
                .getContentAsString();
        assertThat(listed, containsString("ledger-db"));
        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        String hidden = reader.getPage(reader.addCrumb(new WebRequest(new URL(j.getURL(), fill), HttpMethod.POST)))
                .getWebResponse()
                .getContentAsString();
        assertThat(hidden, not(containsString("ledger-db")));
    }

    @Test
    public void theSystemFormKeepsThePostgresStore() throws Exception {
        database();
        PostgresLedgerStore store = db.store("ledger-db");
        LedgerStoreConfiguration.get().setStore(store);
        HtmlPage page = j.createWebClient().goTo("manage/configure");
        assertThat(page.asNormalizedText(), containsString("Ledger store"));
        j.configRoundtrip();
        j.assertEqualDataBoundBeans(store, LedgerStoreConfiguration.get().getStore());
    }

    @Test
    public void changingTheStoreIsFeltAtTheNextUse() throws Exception {
        database();
        assertThat(ApplicationLedgers.forApplication("shop"), instanceOf(FileLedger.class));
        LedgerStoreConfiguration.get().setStore(db.store("ledger-db"));
        assertThat(ApplicationLedgers.forApplication("shop"), instanceOf(PostgresLedger.class));
        LedgerStoreConfiguration.get().setStore(null);
        assertThat(LedgerStoreConfiguration.get().getStore(), instanceOf(DiskLedgerStore.class));
        assertThat(ApplicationLedgers.forApplication("shop"), instanceOf(FileLedger.class));
    }

    @Test
    public void configurationAsCodeConfiguresAndExportsTheStore() throws Exception {
        database();
        Path yaml = Files.createTempFile("tiers-ledger", ".yaml");
        Files.writeString(
                yaml,
                "unclassified:\n  deploymentTiersLedger:\n    store:\n      postgresql:\n"
                        + "        url: \"" + db.jdbcUrl() + "\"\n"
                        + "        schema: \"" + db.schema + "\"\n"
                        + "        credentialsId: \"ledger-db\"\n",
                StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(yaml.toUri().toString());
        j.assertEqualDataBoundBeans(
                db.store("ledger-db"), LedgerStoreConfiguration.get().getStore());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = toYamlString(getUnclassifiedRoot(context).get("deploymentTiersLedger"));
        assertThat(exported, containsString("postgresql:"));
        assertThat(exported, containsString("url: \"" + db.jdbcUrl() + "\""));
        assertThat(exported, containsString("credentialsId: \"ledger-db\""));
        assertThat(exported, not(containsString(db.password.isEmpty() ? "\u0000" : db.password)));

        // what a controller configured this way records lands in the database
        WorkflowJob p = PostgresForJenkins.deployingJob(j, "1.0");
        j.buildAndAssertSuccess(p);
        assertThat(ApplicationLedgers.forApplication("shop"), instanceOf(PostgresLedger.class));
    }

    @Test
    public void theJobPageSaysTheDatabaseCannotBeReachedRatherThanFailing() throws Exception {
        database();
        WorkflowJob p = Ladders.pipeline(j, "shop", Ladders.fourTiers("shop"), "echo 'nothing'");
        PostgresLedgerStore closed = new PostgresLedgerStore("jdbc:postgresql://127.0.0.1:1/tiers");
        closed.setCredentialsId("wrong-password");
        LedgerStoreConfiguration.get().setStore(closed);
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.setThrowExceptionOnFailingStatusCode(false);
        Page page = wc.getPage(p, "tiers/");
        String text = page.getWebResponse().getContentAsString();
        assertThat(text, containsString("postgresql://127.0.0.1:1/tiers"));
        assertThat(text, not(containsString(SECRET)));
        assertThat(page.getWebResponse().getStatusCode(), is(503));
        // the job page's box and the overview of every application say it too
        String jobPage = wc.getPage(p).getWebResponse().getContentAsString();
        assertThat(jobPage, containsString("The ledger cannot be read"));
        String overview = wc.goTo("tiers/").getWebResponse().getContentAsString();
        assertThat(overview, containsString("postgresql://127.0.0.1:1/tiers"));
        assertThat(overview, not(containsString(SECRET)));
        SystemCredentialsProvider.getInstance().getCredentials().clear();
        j.assertBuildStatus(Result.SUCCESS, p.scheduleBuild2(0));
    }

    /** A password in the URL would be saved in clear in the controller's configuration: refused. */
    @Test
    public void aUrlHoldingAPasswordIsRefusedByTheFormAndByConfigurationAsCode() throws Exception {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> new PostgresLedgerStore("jdbc:postgresql://db.example/tiers?password=hunter2"));
        assertThat(refused.getMessage(), not(containsString("hunter2")));

        database();
        PostgresLedgerStore saved = db.store("ledger-db");
        LedgerStoreConfiguration.get().setStore(saved);
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.setThrowExceptionOnFailingStatusCode(false);
        HtmlPage page = wc.goTo("manage/configure");
        HtmlForm form = page.getFormByName("config");
        // the store's URL field (Jenkins' own location field is named _.url too)
        HtmlInput url = form.getInputsByName("_.url").stream()
                .filter(i -> i.getValue().equals(db.jdbcUrl()))
                .findFirst()
                .orElseThrow();
        url.setValue(db.jdbcUrl() + "?password=hunter2");
        HtmlPage answer = j.submit(form);
        assertThat(answer.getWebResponse().getStatusCode(), is(400));
        assertThat(answer.asNormalizedText(), containsString("credential"));
        j.assertEqualDataBoundBeans(saved, LedgerStoreConfiguration.get().getStore());

        Path yaml = Files.createTempFile("tiers-ledger", ".yaml");
        Files.writeString(
                yaml,
                "unclassified:\n  deploymentTiersLedger:\n    store:\n      postgresql:\n"
                        + "        url: \"jdbc:postgresql://db.example/tiers?password=hunter2\"\n",
                StandardCharsets.UTF_8);
        assertThrows(Exception.class, () -> ConfigurationAsCode.get()
                .configure(yaml.toUri().toString()));
        j.assertEqualDataBoundBeans(saved, LedgerStoreConfiguration.get().getStore());
        for (Path file :
                List.of(j.jenkins.getRootDir().toPath().resolve(LedgerStoreConfiguration.class.getName() + ".xml"))) {
            assertThat(Files.readString(file), not(containsString("hunter2")));
        }
    }
}
