package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Patterns a person gives on their own machine may be absolute or lead out of the base directory;
 * the confining patterns of the Jenkins steps still refuse both.
 */
public class ReportGlobAnywhereTest {

    private static final Instant BUILD_STARTED = Instant.parse("2026-11-26T04:00:00Z");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path base;
    private Path reports;

    @Before
    public void directories() throws IOException {
        base = Files.createDirectories(folder.getRoot().toPath().resolve("work"));
        reports = Files.createDirectories(folder.getRoot().toPath().resolve("reports"));
        write(reports.resolve("TEST-a.xml"), BUILD_STARTED.plusSeconds(60));
        write(reports.resolve("nested/TEST-b.xml"), BUILD_STARTED.plusSeconds(60));
        write(reports.resolve("TEST-old.xml"), BUILD_STARTED.minusSeconds(60));
        write(base.resolve("TEST-here.xml"), BUILD_STARTED.plusSeconds(60));
    }

    private static void write(Path file, Instant modified) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<testsuite name=\"s\"><testcase name=\"a\"/></testsuite>");
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }

    @Test
    public void anAbsolutePathToOneReportIsReadAndNamedAsGiven() throws ReportException {
        String absolute = slashes(reports.resolve("TEST-a.xml"));
        ReportSet found = ReportGlob.anywhere(List.of(absolute)).collect(base);
        assertThat(found.files(), contains(absolute));
        assertThat(new TestReportReader().read(found).totals().tests(), is(1));
    }

    @Test
    public void aSymlinkedReportOutsideTheWorkingDirectoryMakesTheEvidenceIncompleteToo()
            throws IOException, ReportException {
        Path elsewhere = folder.newFile("TEST-failing.xml").toPath();
        Files.createSymbolicLink(reports.resolve("TEST-linked.xml"), elsewhere);
        String root = slashes(reports);
        ReportSet found = ReportGlob.anywhere(List.of(root + "/TEST-*.xml")).collect(base);
        assertThat(found.incomplete().size(), is(1));
        assertThat(found.incomplete().get(0).startsWith(root + "/TEST-linked.xml matches"), is(true));
        assertThat(new TestReportReader().read(found).isComplete(), is(false));
    }

    @Test
    public void anAbsolutePatternMatchesUnderItsLiteralDirectory() throws ReportException {
        String root = slashes(reports);
        ReportSet found = ReportGlob.anywhere(List.of(root + "/**/TEST-*.xml")).collect(base, BUILD_STARTED);
        assertThat(found.files(), contains(root + "/TEST-a.xml", root + "/nested/TEST-b.xml"));
        assertThat(found.warnings().size(), is(1));
        assertThat(found.warnings().get(0).contains(root + "/TEST-old.xml"), is(true));
    }

    @Test
    public void aPatternClimbingOutOfTheBaseDirectoryIsReadWithTheOthers() throws ReportException {
        ReportSet found =
                ReportGlob.anywhere(List.of("../reports/TEST-a.xml", "*.xml")).collect(base);
        assertThat(found.files(), contains("../reports/TEST-a.xml", "TEST-here.xml"));
        assertThat(new TestReportReader().read(found).totals().tests(), is(2));
    }

    @Test
    public void nothingMatchedAnywhereIsStillAnError() {
        ReportException e = assertThrows(ReportException.class, () -> ReportGlob.anywhere(List.of("../reports/*.json"))
                .collect(base));
        assertThat(e.getMessage().contains("matched no files"), is(true));
    }

    @Test
    public void climbingAfterAWildcardIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ReportGlob.anywhere(List.of("../**/../TEST-*.xml")));
        assertThat(
                e.getMessage(),
                is("report pattern '../**/../TEST-*.xml' climbs with '..' after a wildcard; put '..' before it"));
    }

    @Test
    public void theConfiningPatternsOfTheJenkinsStepsStillRefuseAbsolutePathsAndClimbing() {
        assertThat(ReportGlob.parse("**/TEST-*.xml").confined(), is(true));
        assertThat(ReportGlob.anywhere(List.of("**/TEST-*.xml")).confined(), is(false));
        assertThrows(IllegalArgumentException.class, () -> ReportGlob.parse(slashes(reports) + "/TEST-a.xml"));
        assertThrows(IllegalArgumentException.class, () -> ReportGlob.parse("../reports/TEST-a.xml"));
    }
}
