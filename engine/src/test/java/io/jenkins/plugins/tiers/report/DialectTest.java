package io.jenkins.plugins.tiers.report;

import static io.jenkins.plugins.tiers.report.Reports.counts;
import static io.jenkins.plugins.tiers.report.Reports.fixture;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import org.junit.Test;

/** One hand-written fixture per tool that writes JUnit XML, each with exact counts. */
public class DialectTest {

    private static List<String> suiteNames(TestEvidence evidence) {
        return evidence.suites().stream().map(SuiteSummary::name).toList();
    }

    private static List<String> failedIds(TestEvidence evidence) {
        return evidence.failures().stream()
                .map(f -> f.kind() + " " + f.id().displayName())
                .toList();
    }

    @Test
    public void surefireCountsRerunFailuresAsFailedAndFlakyElementsAsFlaky() throws ReportException {
        TestEvidence e = fixture("surefire.xml");
        assertThat(counts(e), equalTo(new int[] {1, 1, 1, 1, 2}));
        assertThat(e.totals().tests(), is(6));
        assertThat(e.totals().durationSeconds(), closeTo(1.234, 1e-9));
        assertThat(suiteNames(e), contains("com.acme.OrderServiceTest"));
        assertThat(
                failedIds(e),
                contains(
                        "FAILURE com.acme.OrderServiceTest.rejectsAnEmptyCart",
                        "ERROR com.acme.OrderServiceTest.talksToTheDatabase"));
        TestFailure failure = e.failures().get(0);
        assertThat(failure.message(), is("expected: <400> but was: <200>"));
        assertThat(
                failure.detail(),
                is("org.opentest4j.AssertionFailedError: expected: <400> but was: <200>\n"
                        + "\tat com.acme.OrderServiceTest.rejectsAnEmptyCart(OrderServiceTest.java:42)"));
        assertThat(
                e.flaky(),
                contains(
                        new TestId("com.acme.OrderServiceTest", "sometimesTimesOut"),
                        new TestId("com.acme.OrderServiceTest", "sometimesErrors")));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void gradle() throws ReportException {
        TestEvidence e = fixture("gradle.xml");
        assertThat(counts(e), equalTo(new int[] {2, 1, 0, 1, 0}));
        assertThat(e.totals().durationSeconds(), closeTo(0.456, 1e-9));
        assertThat(failedIds(e), contains("FAILURE com.acme.CartTest.computesTax()"));
        assertThat(e.failures().get(0).message(), is("java.lang.AssertionError: expected 7 but was 8"));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void antJoinsPackageAndSuiteName() throws ReportException {
        TestEvidence e = fixture("ant-TESTS-TestSuites.xml");
        assertThat(counts(e), equalTo(new int[] {2, 0, 1, 0, 0}));
        assertThat(suiteNames(e), contains("org.acme.text.ParserTest", "org.acme.text.LexerTest"));
        assertThat(e.totals().durationSeconds(), closeTo(0.036, 1e-9));
        assertThat(failedIds(e), contains("ERROR org.acme.text.LexerTest.testUnicode"));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void junit5ConsoleLauncherLegacyXml() throws ReportException {
        TestEvidence e = fixture("junit5-console-legacy.xml");
        assertThat(counts(e), equalTo(new int[] {2, 1, 0, 1, 0}));
        assertThat(suiteNames(e), contains("JUnit Jupiter"));
        assertThat(failedIds(e), contains("FAILURE com.acme.CalculatorTests.divides()"));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void pytestXunit1CountsXfailAsSkipped() throws ReportException {
        TestEvidence e = fixture("pytest-xunit1.xml");
        assertThat(counts(e), equalTo(new int[] {1, 1, 1, 2, 0}));
        assertThat(e.totals().durationSeconds(), closeTo(1.25, 1e-9));
        assertThat(failedIds(e), contains("FAILURE tests.test_api.test_post", "ERROR tests.test_api.test_fixture"));
        assertThat(e.failures().get(1).message(), is("failed on setup with \"fixture 'db' not found\""));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void pytestXunit2() throws ReportException {
        TestEvidence e = fixture("pytest-xunit2.xml");
        assertThat(counts(e), equalTo(new int[] {2, 1, 0, 0, 0}));
        assertThat(failedIds(e), contains("FAILURE tests.test_math.test_div"));
        assertThat(e.failures().get(0).detail(), is("tests/test_math.py:8: ZeroDivisionError"));
    }

    @Test
    public void jestJunitFailureWithoutMessageKeepsTheDetail() throws ReportException {
        TestEvidence e = fixture("jest-junit.xml");
        assertThat(counts(e), equalTo(new int[] {2, 1, 0, 1, 0}));
        assertThat(suiteNames(e), contains("src/cart.test.js", "src/user.test.js"));
        assertThat(failedIds(e), contains("FAILURE Cart computes totals.Cart computes totals"));
        assertThat(e.failures().get(0).message(), is(""));
        assertThat(e.failures().get(0).detail(), startsWith("Error: expect(received).toBe(expected)"));
        assertThat(e.totals().durationSeconds(), closeTo(1.6, 1e-9));
    }

    @Test
    public void mochaJunitReporterKeepsTheEmptyRootSuite() throws ReportException {
        TestEvidence e = fixture("mocha-junit-reporter.xml");
        assertThat(counts(e), equalTo(new int[] {2, 1, 0, 1, 0}));
        assertThat(suiteNames(e), contains("Root Suite", "API", "API pending"));
        assertThat(failedIds(e), contains("FAILURE rejects bad tokens.API rejects bad tokens"));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void goJunitReport() throws ReportException {
        TestEvidence e = fixture("go-junit-report.xml");
        assertThat(counts(e), equalTo(new int[] {3, 1, 0, 1, 0}));
        assertThat(suiteNames(e), contains("example.com/shop/cart", "example.com/shop/user"));
        assertThat(failedIds(e), contains("FAILURE example.com/shop/cart.TestTotal"));
        assertThat(e.failures().get(0).detail(), is("cart_test.go:21: total = 31, want 30"));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void cargoNextestFlakyFailureIsFlaky() throws ReportException {
        TestEvidence e = fixture("cargo-nextest.xml");
        assertThat(counts(e), equalTo(new int[] {2, 1, 0, 0, 1}));
        assertThat(e.flaky(), contains(new TestId("shop::cart", "tests::retries")));
        assertThat(failedIds(e), contains("FAILURE shop::cart.tests::totals"));
        assertThat(e.failures().get(0).message(), is("test failure"));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void catch2() throws ReportException {
        TestEvidence e = fixture("catch2.xml");
        assertThat(counts(e), equalTo(new int[] {1, 1, 1, 1, 0}));
        assertThat(
                failedIds(e),
                contains("FAILURE shop-tests.global.Cart/computes totals", "ERROR shop-tests.global.Checkout throws"));
        assertThat(e.failures().get(0).detail(), startsWith("FAILED:\n  REQUIRE( total == 30 )"));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void cypress() throws ReportException {
        TestEvidence e = fixture("cypress.xml");
        assertThat(counts(e), equalTo(new int[] {2, 1, 0, 0, 0}));
        assertThat(suiteNames(e), contains("Root Suite", "Login"));
        assertThat(e.totals().durationSeconds(), closeTo(4.2, 1e-9));
    }

    @Test
    public void playwright() throws ReportException {
        TestEvidence e = fixture("playwright.xml");
        assertThat(counts(e), equalTo(new int[] {2, 1, 0, 1, 0}));
        assertThat(failedIds(e), contains("FAILURE login.spec.ts.login › rejects a wrong password"));
        assertThat(e.failures().get(0).detail(), startsWith("[chromium] › login.spec.ts:20:5"));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void bazelTestXmlNamesTheTargetWhenThereIsNoClass() throws ReportException {
        TestEvidence e = fixture("bazel-test.xml");
        assertThat(counts(e), equalTo(new int[] {0, 0, 1, 0, 0}));
        assertThat(failedIds(e), contains("ERROR //shop/cart:cart_test.//shop/cart:cart_test"));
        assertThat(e.failures().get(0).message(), is("exited with error code 1"));
        assertThat(e.warnings(), is(empty()));
    }

    @Test
    public void unrulyReportsAreCountedFromTheElementsWithAWarning() throws ReportException {
        TestEvidence e = fixture("unruly.xml");
        assertThat(counts(e), equalTo(new int[] {4, 0, 0, 2, 0}));
        assertThat(suiteNames(e), contains("inner", "unruly.xml"));
        assertThat(e.totals().durationSeconds(), closeTo(1235.0, 1e-9));
        assertThat(
                e.warnings(),
                contains("unruly.xml:3: suite 'unruly.xml' declares tests=\"9\" but contains 5 <testcase> elements;"
                        + " counted the elements"));
    }
}
