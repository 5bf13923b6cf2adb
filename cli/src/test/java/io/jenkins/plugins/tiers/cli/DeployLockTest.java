package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * One {@code tiers deploy} at a time per tier, across processes: a real second {@code tiers}
 * process holds the tier's lock in the middle of a canary while this one tries to deploy.
 */
public class DeployLockTest {

    private static final String LADDER = "application: shop\n"
            + "tiers:\n"
            + "  - id: development\n"
            + "  - id: production\n"
            + "    strategy: canary\n"
            + "    steps: [5, 25, 100]\n";

    /** Step 1 of the holder's canary waits until the test lets it go (or kills it). */
    private static final String HOLD_AT_STEP_ONE = "[ \"$DEPLOY_ABORT\" = true ] && exit 0;"
            + " if [ \"$DEPLOY_STEP\" = 1 ]; then touch \"$DIR/started\";"
            + " while [ ! -f \"$DIR/release\" ]; do sleep 0.05; done; fi; exit 0";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path dir;
    private Process holder;
    private Instant buildStart;

    @Before
    public void ladderAndReports() throws Exception {
        buildStart = Instant.now().minusSeconds(60);
        dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("tiers.yaml"), LADDER);
        Path reports = Files.createDirectories(dir.resolve("build/target/surefire-reports"));
        Files.writeString(
                reports.resolve("TEST-com.shop.OrderIT.xml"),
                "<testsuite name=\"com.shop.OrderIT\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
                        + "  <testcase classname=\"com.shop.OrderIT\" name=\"a\"/>\n"
                        + "</testsuite>\n");
    }

    @After
    public void killHolder() {
        if (holder != null && holder.isAlive()) {
            holder.descendants().forEach(ProcessHandle::destroyForcibly);
            holder.destroyForcibly();
        }
    }

    private int tiers(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--ladder");
        all.add(2, dir.resolve("tiers.yaml").toString());
        CommandLine cli = TiersCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    private void passes(String tier, String version) {
        int code = tiers(
                "gate",
                "--tier",
                tier,
                "--candidate",
                version,
                "--tests",
                "**/TEST-*.xml",
                "--base",
                dir.resolve("build").toString(),
                "--newer-than",
                buildStart.toString());
        assertThat(err.toString(), code, is(ExitCodes.OK));
    }

    private List<LedgerEvent> events() throws Exception {
        try (FileLedger ledger =
                FileLedger.open(dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")), "shop")) {
            return ledger.events();
        }
    }

    /** {@code tiers deploy} of 1.0 into production in a JVM of its own, held at step 1. */
    private Process holdProduction() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                TiersCommand.class.getName(),
                "deploy",
                "--ladder",
                dir.resolve("tiers.yaml").toString(),
                "--tier",
                "production",
                "--candidate",
                "1.0",
                "--actor",
                "alice",
                "--check",
                "true",
                "--",
                "sh",
                "-c",
                HOLD_AT_STEP_ONE);
        pb.environment().put("DIR", dir.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("holder.log").toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dir.resolve("started"))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the holder did not reach step 1: " + Files.readString(dir.resolve("holder.log")));
            }
            Thread.sleep(20);
        }
        return p;
    }

    @Test
    public void aSecondDeployIntoTheTierIsRefusedNamingTheHolderAndTheLockGoesWithTheHoldersProcess() throws Exception {
        passes("development", "1.0");
        assertThat(err.toString(), tiers("deploy", "--tier", "development", "--candidate", "1.0", "--", "true"), is(0));
        passes("production", "1.0");
        holder = holdProduction();
        int before = events().size();

        int code = tiers("deploy", "--tier", "production", "--candidate", "1.0", "--check", "true", "--", "true");

        assertThat(err.toString(), code, is(ExitCodes.BUSY));
        assertThat(
                err.toString(),
                containsString("refused: another tiers deploy into production is running: tiers deploy of 1.0 into"
                        + " production by alice (pid " + holder.pid() + " on "));
        assertThat(err.toString(), containsString("tier-production.lock"));
        // refused before it read or wrote anything: the holder's canary is untouched
        assertThat(events().size(), is(before));
        // another tier is not held
        passes("development", "1.1");
        assertThat(err.toString(), tiers("deploy", "--tier", "development", "--candidate", "1.1", "--", "true"), is(0));

        // the holder dies mid-canary: the system releases its lock, the next run takes it and
        // withdraws the abandoned canary first
        holder.descendants().forEach(ProcessHandle::destroyForcibly);
        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        code = tiers("deploy", "--tier", "production", "--candidate", "1.0", "--check", "true", "--", "true");
        assertThat(err.toString(), code, is(ExitCodes.OK));
        // killed while its step 1 ran: no step was reached
        assertThat(err.toString(), containsString("was abandoned at step 0 of 3"));
        assertThat(events().get(events().size() - 1).type(), is(EventType.CANARY_COMPLETED));
        Path lock =
                dir.resolve(".tiers").resolve(LedgerDirectoryName.of("shop")).resolve("tier-production.lock");
        assertThat(Files.readString(lock), is("")); // released: it names no holder
    }

    @Test
    public void aSecondRunInTheSameJvmIsRefusedTooAndTheLockIsTakenAgainOnceReleased() throws Exception {
        Path file = tmp.newFolder("ledger").toPath().resolve("tier-production.lock");
        StringBuilder busy = new StringBuilder();
        Optional<TierLock> first = TierLock.tryAcquire(file, "tiers deploy of 2.0 into production by bob", busy);
        assertThat(first.isPresent(), is(true));
        Optional<TierLock> second = TierLock.tryAcquire(file, "tiers deploy of 2.1 into production by eve", busy);
        assertThat(second.isPresent(), is(false));
        assertThat(busy.toString(), containsString("tiers deploy of 2.0 into production by bob (pid "));
        first.get().close();
        Optional<TierLock> third = TierLock.tryAcquire(file, "tiers deploy of 2.1 into production by eve", busy);
        assertThat(third.isPresent(), is(true));
        third.get().close();
    }
}
