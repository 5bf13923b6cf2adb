package io.jenkins.plugins.tiers.store;

import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import io.jenkins.plugins.tiers.ledger.DriverDataSource;
import io.jenkins.plugins.tiers.ledger.PostgresLocation;
import io.jenkins.plugins.tiers.steps.Ladders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The PostgreSQL server the store tests run against ({@code TIERS_TEST_POSTGRES_URL}, {@code _USER},
 * {@code _PASSWORD}, as {@code .ci/run} exports them), and the PostgreSQL API plugin as a controller
 * would have it: a plugin whose {@code WEB-INF/lib} holds the real driver, installed into the running
 * Jenkins. The test runtime has no such plugin, so it is packed here from the driver jar Maven
 * fetched for the engine's tests.
 */
final class PostgresForJenkins {

    static final String DRIVER_PLUGIN = "postgresql-api";

    final PostgresLocation location;
    final String user;
    final String password;
    final String schema = "j_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);

    private PostgresForJenkins(PostgresLocation location, String user, String password) {
        this.location = location.withSchema(schema);
        this.user = user;
        this.password = password;
    }

    /** A password that is not the database's, which no page, log or message may show. */
    static final String WRONG_PASSWORD = "s3cret-not-the-password";

    /**
     * The configured server, the driver plugin installed in {@code j}, and the global credential
     * {@code ledger-db} holding {@code password} (the right one when null).
     */
    static PostgresForJenkins installedIn(JenkinsRule j, String password) throws Exception {
        PostgresForJenkins db = require();
        installDriverPlugin(j);
        db.addCredential("ledger-db", password == null ? db.password : password);
        return db;
    }

    /** The configured server; skips the calling test (fails it when {@code CI=true}) when there is none. */
    static PostgresForJenkins require() {
        String url = System.getenv("TIERS_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            String why =
                    "TIERS_TEST_POSTGRES_URL is not set: the PostgreSQL store tests need a server (see README, \"The tests\")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(why, false);
        }
        PostgresLocation location = PostgresLocation.parse(url);
        String user = Optional.ofNullable(System.getenv("TIERS_TEST_POSTGRES_USER"))
                .orElse(location.user().orElse(System.getProperty("user.name")));
        String password = Optional.ofNullable(System.getenv("TIERS_TEST_POSTGRES_PASSWORD"))
                .orElse("");
        return new PostgresForJenkins(location, user, password);
    }

    /** A Pipeline job {@code shop} on the four usual tiers that deploys {@code version} into dev. */
    static WorkflowJob deployingJob(JenkinsRule j, String version) throws Exception {
        return Ladders.pipeline(
                j,
                "shop",
                Ladders.fourTiers("shop"),
                "node {\n" + Ladders.writeReport(Ladders.passingReport())
                        + "deployTo(tier: 'dev', version: '" + version
                        + "', tests: 'reports/*.xml') { echo 'deploying' }\n}");
    }

    /** {@code jdbc:postgresql://host:port/database} of the server. */
    String jdbcUrl() {
        return location.jdbcUrl();
    }

    /** A global username/password credential {@code id} holding {@code password}. */
    void addCredential(String id, String withPassword) throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, id, "ledger database", user, withPassword));
        SystemCredentialsProvider.getInstance().save();
    }

    /** The store in this test's own schema, logging in with credential {@code id}. */
    PostgresLedgerStore store(String credentialsId) {
        PostgresLedgerStore store = new PostgresLedgerStore(jdbcUrl());
        store.setSchema(schema);
        store.setCredentialsId(credentialsId);
        return store;
    }

    /** A data source of its own, as another controller has, once the driver plugin is installed. */
    DriverDataSource otherController() {
        return new DriverDataSource(
                () -> PostgresLedgerStore.driver(location.toString()),
                jdbcUrl(),
                () -> new DriverDataSource.Login(user, password),
                PostgresLedgerStore.CONNECT_TIMEOUT,
                PostgresLedgerStore.SOCKET_TIMEOUT,
                "another controller");
    }

    /** Drops this test's schema. */
    void dropSchema() throws Exception {
        try (Connection c = otherController().getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /**
     * Installs the PostgreSQL API plugin, packed from the driver jar in the local Maven repository.
     * The test harness keeps one plugin manager for every test of a JVM, so it is installed once.
     */
    static void installDriverPlugin(JenkinsRule j) throws Exception {
        if (j.jenkins.getPluginManager().getPlugin(DRIVER_PLUGIN) != null) {
            return;
        }
        Path driver = driverJar();
        Path plugins = j.jenkins.getRootDir().toPath().resolve("plugins");
        Files.createDirectories(plugins);
        Path archive = plugins.resolve("postgresql-api.jpi");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Short-Name", DRIVER_PLUGIN);
        main.putValue("Long-Name", "PostgreSQL API Plugin");
        main.putValue("Plugin-Version", driver.getParent().getFileName().toString());
        main.putValue("Jenkins-Version", "2.361");
        try (OutputStream out = Files.newOutputStream(archive);
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new ZipEntry("WEB-INF/lib/" + driver.getFileName()));
            Files.copy(driver, jar);
            jar.closeEntry();
        }
        j.jenkins.getPluginManager().dynamicLoad(archive.toFile());
    }

    /** The newest {@code org.postgresql:postgresql} jar in the local Maven repository. */
    private static Path driverJar() throws IOException {
        Path repository =
                Paths.get(System.getProperty("user.home"), ".m2", "repository", "org", "postgresql", "postgresql");
        if (!Files.isDirectory(repository)) {
            fail("no PostgreSQL driver in " + repository + ": run mvn verify once (the engine's tests fetch it)");
        }
        try (Stream<Path> versions = Files.list(repository)) {
            return versions.map(v -> v.resolve("postgresql-" + v.getFileName() + ".jar"))
                    .filter(Files::isRegularFile)
                    .max(Comparator.comparing(PostgresForJenkins::versionKey))
                    .orElseThrow(() -> new IOException("no driver jar under " + repository));
        }
    }

    private static String versionKey(Path jar) {
        StringBuilder key = new StringBuilder();
        for (String part : jar.getParent().getFileName().toString().split("\\.")) {
            key.append(String.format(Locale.ROOT, "%08d", part.matches("\\d+") ? Integer.parseInt(part) : 0));
        }
        return key.toString();
    }
}
