package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Ant-style patterns relative to a base directory, stale reports dropped, nothing matched refused. */
public class ReportGlobTest {

    private static final Instant BUILD_STARTED = Instant.parse("2026-11-26T04:00:00Z");
    private static final String SUITE = "<testsuite name=\"s\"><testcase name=\"a\"/></testsuite>";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path base;

    @Before
    public void workspace() throws IOException {
        base = folder.getRoot().toPath();
        write("core/target/surefire-reports/TEST-a.xml", BUILD_STARTED.plusSeconds(60));
        write("core/target/surefire-reports/TEST-b.xml", BUILD_STARTED.plusSeconds(60));
        write("core/target/surefire-reports/a.txt", BUILD_STARTED.plusSeconds(60));
        write("web/target/failsafe-reports/TEST-it.xml", BUILD_STARTED.plusSeconds(90));
        write("old/target/surefire-reports/TEST-old.xml", BUILD_STARTED.minusSeconds(3600));
        write("TEST-root.xml", BUILD_STARTED.plusSeconds(1));
    }

    private void write(String relative, Instant modified) throws IOException {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, SUITE, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    @Test
    public void doubleStarMatchesAnyDepthIncludingNone() throws ReportException {
        ReportSet set = ReportGlob.parse("**/TEST-*.xml").collect(base);
        assertThat(
                set.files(),
                contains(
                        "TEST-root.xml",
                        "core/target/surefire-reports/TEST-a.xml",
                        "core/target/surefire-reports/TEST-b.xml",
                        "old/target/surefire-reports/TEST-old.xml",
                        "web/target/failsafe-reports/TEST-it.xml"));
        assertThat(set.warnings(), is(empty()));
    }

    @Test
    public void jenkinsStylePatternsSeparatedByCommas() throws ReportException {
        ReportSet set = ReportGlob.parse("**/target/*-reports/TEST-*.xml, web/**/TEST-it.xml")
                .collect(base);
        assertThat(
                set.files(),
                contains(
                        "core/target/surefire-reports/TEST-a.xml",
                        "core/target/surefire-reports/TEST-b.xml",
                        "old/target/surefire-reports/TEST-old.xml",
                        "web/target/failsafe-reports/TEST-it.xml"));
    }

    @Test
    public void singleStarAndQuestionMarkStayInOneDirectory() {
        ReportGlob glob = ReportGlob.of(List.of("core/*/TEST-?.xml"));
        assertThat(glob.matches("core/target/TEST-a.xml"), is(true));
        assertThat(glob.matches("core/target/surefire-reports/TEST-a.xml"), is(false));
        assertThat(glob.matches("core/target/TEST-ab.xml"), is(false));
        assertThat(glob.matches("core/target/TEST-(.xml"), is(true));
    }

    @Test
    public void aTrailingSlashMeansEverythingBelow() {
        ReportGlob glob = ReportGlob.parse("reports/");
        assertThat(glob.matches("reports/a/b/c.xml"), is(true));
        assertThat(glob.matches("other/c.xml"), is(false));
    }

    @Test
    public void regexCharactersInPatternsAreLiteral() {
        ReportGlob glob = ReportGlob.parse("a+b/[x].xml");
        assertThat(glob.matches("a+b/[x].xml"), is(true));
        assertThat(glob.matches("aab/x.xml"), is(false));
    }

    @Test
    public void aPatternThatMatchesNothingIsAnErrorNotZeroTests() {
        ReportException e = assertThrows(ReportException.class, () -> ReportGlob.parse("**/build/test-results/*.xml")
                .collect(base));
        assertThat(
                e.getMessage(),
                is("**/build/test-results/*.xml: matched no files under " + base
                        + "; expected at least one test report"));
    }

    @Test
    public void staleReportsAreDroppedWithAWarningNamingThem() throws ReportException {
        ReportSet set = ReportGlob.parse("**/TEST-*.xml").collect(base, BUILD_STARTED);
        assertThat(
                set.files(),
                contains(
                        "TEST-root.xml",
                        "core/target/surefire-reports/TEST-a.xml",
                        "core/target/surefire-reports/TEST-b.xml",
                        "web/target/failsafe-reports/TEST-it.xml"));
        assertThat(
                set.warnings(),
                contains(
                        "ignored 1 report(s) older than 2026-11-26T04:00:00Z: old/target/surefire-reports/TEST-old.xml"));
        TestEvidence evidence = new TestReportReader().read(set);
        assertThat(evidence.totals().passed(), is(4));
        assertThat(evidence.warnings(), is(set.warnings()));
        assertThat(evidence.files().get(0).path(), is("TEST-root.xml"));
        assertThat(evidence.oldestReport().orElseThrow(), is(BUILD_STARTED.plusSeconds(1)));
    }

    @Test
    public void onlyStaleReportsIsAnError() {
        ReportException e = assertThrows(
                ReportException.class, () -> ReportGlob.parse("old/**/*.xml").collect(base, BUILD_STARTED));
        assertThat(
                e.getMessage(),
                is("old/**/*.xml: all 1 matching files are older than 2026-11-26T04:00:00Z (left over from an earlier"
                        + " build?): old/target/surefire-reports/TEST-old.xml"));
    }

    @Test
    public void patternsMayNotLeaveTheBaseDirectory() {
        IllegalArgumentException up =
                assertThrows(IllegalArgumentException.class, () -> ReportGlob.parse("../other/*.xml"));
        assertThat(up.getMessage(), is("report pattern '../other/*.xml' climbs out of the base directory with '..'"));
        IllegalArgumentException absolute =
                assertThrows(IllegalArgumentException.class, () -> ReportGlob.parse("/etc/*.xml"));
        assertThat(
                absolute.getMessage(),
                is("report pattern '/etc/*.xml' is absolute; expected a path relative to the base directory"));
        assertThrows(IllegalArgumentException.class, () -> ReportGlob.parse(" , "));
    }

    @Test
    public void aMissingBaseDirectoryIsAnError() {
        Path missing = base.resolve("nope");
        ReportException e = assertThrows(
                ReportException.class, () -> ReportGlob.parse("*.xml").collect(missing));
        assertThat(e.getMessage(), is(missing + ": the base directory for '*.xml' does not exist"));
    }
}
