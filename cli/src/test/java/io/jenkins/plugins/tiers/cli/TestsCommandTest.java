package io.jenkins.plugins.tiers.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class TestsCommandTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path base;

    @Before
    public void reports() throws IOException {
        base = folder.getRoot().toPath();
        write(
                "app/target/surefire-reports/TEST-com.acme.CartTest.xml",
                """
                <testsuite name="com.acme.CartTest" tests="4" time="1.5">
                  <testcase classname="com.acme.CartTest" name="adds" time="0.5"/>
                  <testcase classname="com.acme.CartTest" name="totals" time="0.5">
                    <failure message="expected 30 but was 31">java.lang.AssertionError: expected 30 but was 31</failure>
                  </testcase>
                  <testcase classname="com.acme.CartTest" name="retries"><flakyFailure message="x"/></testcase>
                  <testcase classname="com.acme.CartTest" name="later"><skipped/></testcase>
                </testsuite>
                """,
                Instant.parse("2026-11-26T04:10:00Z"));
        write(
                "app/target/surefire-reports/TEST-com.acme.OldTest.xml",
                """
                <testsuite name="com.acme.OldTest"><testcase classname="com.acme.OldTest" name="x"/></testsuite>
                """,
                Instant.parse("2026-11-25T04:10:00Z"));
    }

    private void write(String relative, String content, Instant modified) throws IOException {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private int run(String... args) {
        CommandLine cli = TiersCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    public void printsTotalsFailuresAndFlakyTests() {
        assertThat(run("tests", "--base", base.toString(), "**/TEST-*.xml"), is(ExitCodes.OK));
        assertThat(
                out.toString(),
                is(
                        """
                5 tests: 2 passed, 1 failed, 0 errored, 1 skipped, 1 flaky in 1.500 s (2 suites, 2 files)
                FAILED  com.acme.CartTest.totals: expected 30 but was 31
                FLAKY   com.acme.CartTest.retries
                """));
        assertThat(err.toString(), is(""));
    }

    @Test
    public void jsonNamesTheTotalsAndTestsIsTheSumOfTheOthers() throws IOException {
        assertThat(
                run(
                        "tests",
                        "--json",
                        "--base",
                        base.toString(),
                        "--newer-than",
                        "2026-11-26T04:00:00Z",
                        "app/**/TEST-*.xml"),
                is(ExitCodes.OK));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("tests").asInt(), is(4));
        assertThat(json.get("passed").asInt(), is(1));
        assertThat(json.get("failed").asInt(), is(1));
        assertThat(json.get("errored").asInt(), is(0));
        assertThat(json.get("skipped").asInt(), is(1));
        assertThat(json.get("flaky").asInt(), is(1));
        assertThat(json.get("durationSeconds").asDouble(), is(1.5));
        assertThat(json.at("/failures/0/className").asText(), is("com.acme.CartTest"));
        assertThat(json.at("/failures/0/name").asText(), is("totals"));
        assertThat(json.at("/failures/0/kind").asText(), is("failure"));
        assertThat(json.at("/failures/0/detail").asText(), is("java.lang.AssertionError: expected 30 but was 31"));
        assertThat(json.at("/flakyTests/0").asText(), is("com.acme.CartTest.retries"));
        assertThat(json.at("/suites/0/name").asText(), is("com.acme.CartTest"));
        assertThat(json.at("/suites/0/tests").asInt(), is(4));
        assertThat(json.at("/suites/0/flaky").asInt(), is(1));
        assertThat("totals are top-level keys, not an object", json.has("totals"), is(false));
        assertThat(json.at("/files/0/path").asText(), is("app/target/surefire-reports/TEST-com.acme.CartTest.xml"));
        assertThat(json.at("/files/0/lastModified").asText(), is("2026-11-26T04:10:00Z"));
        assertThat(
                json.at("/warnings/0").asText(),
                is("ignored 1 report(s) older than 2026-11-26T04:00:00Z:"
                        + " app/target/surefire-reports/TEST-com.acme.OldTest.xml"));
    }

    @Test
    public void failuresASuiteDeclaresButDoesNotListAreReportedAsFailedAndIncomplete() throws IOException {
        write(
                "app/target/surefire-reports/TEST-summary.xml",
                "<testsuite name=\"Summary\" tests=\"1\" failures=\"1\"><system-out>FAIL</system-out></testsuite>",
                Instant.now());
        assertThat(run("tests", "--base", base.toString(), "**/TEST-summary.xml"), is(ExitCodes.OK));
        assertThat(
                out.toString(),
                is(
                        """
                1 tests: 0 passed, 1 failed, 0 errored, 0 skipped, 0 flaky in 0.000 s (1 suites, 1 files)
                incomplete: app/target/surefire-reports/TEST-summary.xml:1: suite 'Summary' declares failures="1" but \
                lists 0 failed or errored test cases; the 1 unlisted are counted as failed
                warning: app/target/surefire-reports/TEST-summary.xml:1: suite 'Summary' declares tests="1" but \
                contains 0 <testcase> elements; counted the elements
                warning: app/target/surefire-reports/TEST-summary.xml: contains no test cases
                """));
        assertThat(run("tests", "--json", "--base", base.toString(), "**/TEST-summary.xml"), is(ExitCodes.OK));
        JsonNode json = new ObjectMapper()
                .readTree(out.toString().substring(out.toString().indexOf('{')));
        assertThat(json.get("failed").asInt(), is(1));
        assertThat(json.get("incomplete").size(), is(1));
    }

    @Test
    public void aBadReportExitsWithTheInputErrorNamingTheFile() throws IOException {
        write("app/target/surefire-reports/TEST-broken.xml", "<testsuite><testcase name=\"a\">", Instant.now());
        assertThat(run("tests", "--base", base.toString(), "**/TEST-*.xml"), is(ExitCodes.INPUT));
        assertThat(
                err.toString(),
                is(
                        "tiers tests: app/target/surefire-reports/TEST-broken.xml:1:30: the report ends too early (truncated?):"
                                + " Unexpected EOF; was expecting a close tag for element <testcase>\n"));
        assertThat(out.toString(), is(""));
    }

    @Test
    public void aPatternThatMatchesNothingIsAnInputError() {
        assertThat(run("tests", "--base", base.toString(), "build/test-results/**/*.xml"), is(ExitCodes.INPUT));
        assertThat(err.toString(), containsString("tiers tests: build/test-results/**/*.xml: matched no files under "));
    }

    @Test
    public void usageErrorsExitWith64() {
        assertThat(run("tests"), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("Missing required parameter: 'GLOB'"));
        assertThat(run("tests", "--newer-than", "yesterday", "*.xml"), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("'yesterday' is not an instant; expected ISO-8601 such as"));
        assertThat(run("tests", "**/../*.xml"), is(ExitCodes.USAGE));
        assertThat(err.toString(), containsString("report pattern '**/../*.xml' climbs with '..' after a wildcard"));
    }

    @Test
    public void readsAnAbsoluteReportPathAndPatternsOutsideTheWorkingDirectory() throws IOException {
        Path cart = base.resolve("app/target/surefire-reports/TEST-com.acme.CartTest.xml");
        assertThat(run("tests", cart.toString()), is(ExitCodes.OK));
        assertThat(out.toString(), containsString("4 tests: 1 passed, 1 failed"));
        out.getBuffer().setLength(0);
        Path elsewhere = Files.createDirectories(base.resolve("elsewhere"));
        assertThat(
                run(
                        "tests",
                        "--base",
                        elsewhere.toString(),
                        "--json",
                        "../app/target/surefire-reports/TEST-*Cart*.xml"),
                is(ExitCodes.OK));
        assertThat(
                out.toString(),
                containsString("\"path\" : \"../app/target/surefire-reports/TEST-com.acme.CartTest.xml\""));
    }

    @Test
    public void readsAReportUnderTheHomeDirectoryWrittenWithATilde() throws IOException {
        String home = System.getProperty("user.home");
        try {
            System.setProperty("user.home", base.resolve("app").toString());
            assertThat(run("tests", "~/target/surefire-reports/TEST-com.acme.CartTest.xml"), is(ExitCodes.OK));
            assertThat(out.toString(), containsString("4 tests: 1 passed, 1 failed"));
        } finally {
            System.setProperty("user.home", home);
        }
    }
}
