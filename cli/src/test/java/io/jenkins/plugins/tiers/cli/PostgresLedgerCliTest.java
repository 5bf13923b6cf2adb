package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerDigest;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.PostgresLedger;
import io.jenkins.plugins.tiers.ledger.PostgresLocation;
import io.jenkins.plugins.tiers.model.Candidate;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code tiers} on a PostgreSQL ledger, run as separate processes as a CI would run it: the same
 * answers as from files, the password only from the environment or a pgpass file and never
 * printed, and {@code tiers ledger copy} both ways. Needs the server named by {@code
 * TIERS_TEST_POSTGRES_URL} (skipped without it, failed in CI).
 */
public class PostgresLedgerCliTest {

    private static final String LADDER =
            "application: shop\n" + "tiers:\n" + "  - id: testing\n" + "  - id: staging\n" + "  - id: production\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private PostgresLocation server;
    private String user;
    private String password;
    private String schema;
    private Path dir;

    @Before
    public void server() throws IOException {
        String url = System.getenv("TIERS_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            String why = "TIERS_TEST_POSTGRES_URL is not set: the PostgreSQL CLI tests need a server (see README)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + "; in CI they must run, .ci/run starts one");
            }
            assumeTrue(why, false);
        }
        schema = "c_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        server = PostgresLocation.parse(url).withSchema(schema);
        user = System.getenv().getOrDefault("TIERS_TEST_POSTGRES_USER", System.getProperty("user.name"));
        password = System.getenv().getOrDefault("TIERS_TEST_POSTGRES_PASSWORD", "");
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("tiers.yaml"), LADDER);
    }

    @After
    public void dropSchema() throws SQLException {
        if (schema != null) {
            try (Connection c = dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
    }

    private PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {server.host()});
        ds.setPortNumbers(new int[] {server.port()});
        ds.setDatabaseName(server.database());
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    private String url() {
        return server.toString();
    }

    private Path fileLedger() {
        return dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop"));
    }

    /** What a finished {@code tiers} process said. */
    private record Run(int exit, String out, String err, long millis) {}

    /** Runs {@code tiers} in a process of its own, in the ladder's folder, with only {@code env} for the database. */
    private Run tiers(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                TiersCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("TIERS_DB"));
        pb.environment().put("PGPASSFILE", dir.resolve("no-such-pgpass").toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp.getRoot().toPath(), "out", ".txt");
        Path err = Files.createTempFile(tmp.getRoot().toPath(), "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tiers " + args[0] + " did not finish");
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
    }

    private Map<String, String> credentials() {
        Map<String, String> env = new HashMap<>();
        env.put("TIERS_DB_USER", user);
        env.put("TIERS_DB_PASSWORD", password);
        return env;
    }

    private static Candidate candidate(String version) {
        return new Candidate(version, null, "c0ffee" + version.replace(".", ""), Instant.parse("2026-03-01T08:00:00Z"));
    }

    private void recordInFiles() {
        try (FileLedger ledger = FileLedger.open(fileLedger(), "shop")) {
            Instant t = Instant.parse("2026-03-02T08:00:00Z");
            for (int i = 0; i < 4; i++) {
                String v = "1." + i;
                for (String tier : List.of("testing", "staging", "production")) {
                    if (tier.equals("production") && i == 3) {
                        break;
                    }
                    t = t.plusSeconds(3600);
                    ledger.append(LedgerEvent.deploymentSucceeded("shop", tier, candidate(v), "ci", t));
                }
            }
            t = t.plusSeconds(3600);
            ledger.append(LedgerEvent.deploymentFailed("shop", "production", candidate("1.3"), "ci", t, 2, "exit 2"));
            ledger.append(LedgerEvent.rolledBack("shop", "staging", candidate("1.2"), "ci", t.plusSeconds(60), "1.3"));
        }
    }

    /** The JSON without its "window" (the metrics' window ends now, a moment later in the second run). */
    private static JsonNode withoutNow(String json) throws IOException {
        JsonNode tree = new ObjectMapper().readTree(json);
        if (tree instanceof ObjectNode object) {
            object.remove("window");
        }
        return tree;
    }

    @Test
    public void statusHistoryAndMetricsSayTheSameOfACopiedLedgerAsOfItsFiles() throws Exception {
        recordInFiles();
        Run copy = tiers(credentials(), "ledger", "copy", "--from", fileLedger().toString(), "--to", url());
        assertThat(copy.err(), copy.exit(), is(0));
        assertThat(copy.out(), containsString("Copied 13 event(s) of shop"));
        assertThat(copy.out(), containsString("verified: 13 event(s), sha256 "));
        for (List<String> command : List.of(
                List.of("status", "--json"),
                List.of("history", "--json"),
                List.of("history", "--commit", "C0FFEE12", "--json"),
                List.of("metrics", "--json", "--window", "400d"))) {
            List<String> onFiles = new ArrayList<>(command);
            onFiles.addAll(List.of("--ledger", fileLedger().toString()));
            List<String> onDatabase = new ArrayList<>(command);
            onDatabase.addAll(List.of("--ledger", url()));
            Run files = tiers(Map.of(), onFiles.toArray(String[]::new));
            Run database = tiers(credentials(), onDatabase.toArray(String[]::new));
            assertThat(command + ": " + files.err(), files.exit(), is(0));
            assertThat(command + ": " + database.err(), database.exit(), is(0));
            assertThat(String.join(" ", command), withoutNow(database.out()), is(withoutNow(files.out())));
        }
        Run report = tiers(
                credentials(),
                "report",
                "--ledger",
                url(),
                "--out",
                dir.resolve("page").toString());
        assertThat(report.err(), report.exit(), is(0));
        assertThat(Files.readString(dir.resolve("page").resolve("index.html")), containsString("1.2"));
    }

    @Test
    public void gateAndDeployRecordInTheDatabaseWhereAnotherProcessSeesThem() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.writeString(
                reports.resolve("TEST-CartIT.xml"),
                "<testsuite name=\"CartIT\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\">"
                        + "<testcase classname=\"CartIT\" name=\"adds\"/><testcase classname=\"CartIT\""
                        + " name=\"removes\"/></testsuite>\n");
        Run gate = tiers(
                credentials(),
                "gate",
                "--tier",
                "testing",
                "--candidate",
                "2.0",
                "--tests",
                "*.xml",
                "--base",
                reports.toString(),
                "--ledger",
                url());
        assertThat(gate.out() + gate.err(), gate.exit(), is(0));
        Run deploy = tiers(
                credentials(),
                "deploy",
                "--tier",
                "testing",
                "--candidate",
                "2.0",
                "--ledger",
                url(),
                "--",
                "sh",
                "-c",
                "exit 0");
        assertThat(deploy.err(), deploy.exit(), is(0));
        Run status = tiers(credentials(), "status", "--ledger", url());
        assertThat(status.err(), status.exit(), is(0));
        assertThat(status.out(), containsString("2.0"));
        try (PostgresLedger ledger = PostgresLedger.open(dataSource(), server, "shop")) {
            assertThat(
                    ledger.events().stream().map(e -> e.type().name()).toList(),
                    is(List.of("GATE_VERDICT", "DEPLOYMENT_STARTED", "DEPLOYMENT_SUCCEEDED")));
            assertThat(
                    ledger.liveState().live("testing").orElseThrow().candidate().version(), is("2.0"));
        }
        assertThat(Files.exists(dir.resolve(".tiers")), is(false)); // nothing went to files
    }

    @Test
    public void thePasswordComesFromTheEnvironmentOrAPgpassFileAndIsNeverPrinted() throws Exception {
        assumeTrue("the test role has a password", !password.isEmpty());
        recordInFiles();
        assertThat(
                tiers(credentials(), "ledger", "copy", "--from", fileLedger().toString(), "--to", url())
                        .exit(),
                is(0));
        Map<String, String> wrong = new HashMap<>(credentials());
        wrong.put("TIERS_DB_PASSWORD", "not-" + password);
        Run refused = tiers(wrong, "status", "--ledger", url(), "--json");
        assertThat(refused.exit(), is(ExitCodes.INPUT));
        assertThat(refused.err(), containsString(url()));
        assertThat(refused.err() + refused.out(), not(containsString(password)));

        Map<String, String> viaPgpgassword = Map.of("PGUSER", user, "PGPASSWORD", password);
        assertThat(tiers(viaPgpgassword, "status", "--ledger", url()).exit(), is(0));

        Path pgpass = dir.resolve("pgpass");
        Files.writeString(
                pgpass,
                "# host:port:database:user:password\nother:*:*:*:nope\n" + server.host() + ":" + server.port() + ":"
                        + server.database() + ":" + user + ":" + password.replace(":", "\\:") + "\n");
        Run fromPgpass = tiers(Map.of("PGUSER", user, "PGPASSFILE", pgpass.toString()), "status", "--ledger", url());
        assertThat(fromPgpass.err(), fromPgpass.exit(), is(0));
        assertThat(fromPgpass.out() + fromPgpass.err(), not(containsString(password)));

        String withPassword = "postgresql://" + user + ":" + password + "@" + server.host() + ":" + server.port() + "/"
                + server.database();
        Run onTheCommandLine = tiers(Map.of(), "status", "--ledger", withPassword);
        assertThat(onTheCommandLine.exit(), is(not(0)));
        assertThat(onTheCommandLine.err(), containsString("holds a password"));
        assertThat(onTheCommandLine.err() + onTheCommandLine.out(), not(containsString(password)));
    }

    @Test
    public void copyRefusesATargetWithEventsUnlessReplacingAndCopiesBackToFiles() throws Exception {
        recordInFiles();
        String[] copy = {"ledger", "copy", "--from", fileLedger().toString(), "--to", url()};
        assertThat(tiers(credentials(), copy).exit(), is(0));
        Run again = tiers(credentials(), copy);
        assertThat(again.exit(), is(ExitCodes.INPUT));
        assertThat(again.err(), containsString("refusing to copy over them"));
        List<String> replacing = new ArrayList<>(List.of(copy));
        replacing.add("--replace");
        assertThat(tiers(credentials(), replacing.toArray(String[]::new)).exit(), is(0));

        Path back = dir.resolve("back");
        Run toFiles = tiers(credentials(), "ledger", "copy", "--from", url(), "--to", back.toString(), "--json");
        assertThat(toFiles.err(), toFiles.exit(), is(0));
        assertThat(toFiles.out(), containsString("\"events\" : 13"));
        try (FileLedger original = FileLedger.open(fileLedger(), "shop");
                FileLedger copied = FileLedger.open(back, "shop")) {
            assertThat(LedgerDigest.of(copied), is(LedgerDigest.of(original)));
            assertThat(copied.liveState(), is(original.liveState()));
        }
    }

    @Test
    public void anUnreachableDatabaseFailsPromptlyNamingIt() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String nowhere = "postgresql://127.0.0.1:" + closed + "/tiers?schema=tiers";
        Run status = tiers(credentials(), "status", "--ledger", nowhere);
        assertThat(status.exit(), is(ExitCodes.INPUT));
        assertThat(status.err(), containsString("postgresql://127.0.0.1:" + closed + "/tiers?schema=tiers"));
        assertThat(status.err(), containsString("cannot be reached"));
        assertThat(status.millis(), lessThan(20_000L));
        Run gate = tiers(credentials(), "gate", "--tier", "testing", "--candidate", "2.0", "--ledger", nowhere);
        assertThat("a gate that cannot read its ledger never passes", gate.exit(), is(not(0)));
    }
}
