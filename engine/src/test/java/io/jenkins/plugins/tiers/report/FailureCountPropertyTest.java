package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Random mixes of outcome elements, status attributes, duplicate identities, suites and files: the
 * failed and errored tests the reader reports are never fewer than an independent oracle counts
 * with the JDK's DOM parser. The oracle merges only what may be merged (named cases of one suite of
 * one file, some attempt of which passed) and adds what suites declare but do not list.
 */
public class FailureCountPropertyTest {
    private static final String[] CHILDREN = {
        "failure",
        "error",
        "skipped",
        "rerunFailure",
        "rerunError",
        "flakyFailure",
        "Failure",
        "j:failure",
        "system-out"
    };
    private static final String[] STATUSES = {"passed", "failed", "skipped", "run", "completed", "kaput"};

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theReaderNeverCountsFewerFailuresThanTheOracle() throws Exception {
        Random random = new Random(20261207);
        DocumentBuilderFactory dom = DocumentBuilderFactory.newInstance();
        dom.setNamespaceAware(false);
        DocumentBuilder parser = dom.newDocumentBuilder();
        for (int round = 0; round < 400; round++) {
            List<Path> files = new ArrayList<>();
            int oracle = 0;
            StringBuilder all = new StringBuilder();
            for (int f = 0, n = 1 + random.nextInt(3); f < n; f++) {
                String xml = report(random);
                all.append(xml).append('\n');
                Path file = folder.getRoot().toPath().resolve("r" + round + "-" + f + ".xml");
                Files.writeString(file, xml);
                files.add(file);
                oracle += failingTests(parser.parse(file.toFile()).getDocumentElement());
            }
            TestEvidence e = new TestReportReader().read(files);
            int reported = e.totals().failed() + e.totals().errored();
            assertThat(all.toString(), reported, greaterThanOrEqualTo(oracle));
        }
    }

    private static String report(Random random) {
        StringBuilder xml = new StringBuilder("<testsuites xmlns:j=\"urn:x\">");
        for (int s = 0, suites = 1 + random.nextInt(3); s < suites; s++) {
            xml.append("<testsuite name=\"s").append(random.nextInt(2)).append('"');
            if (random.nextInt(4) == 0) {
                xml.append(" failures=\"").append(random.nextInt(4)).append('"');
            }
            xml.append('>');
            for (int c = 0, cases = random.nextInt(7); c < cases; c++) {
                xml.append("<testcase classname=\"c").append(random.nextInt(2)).append('"');
                if (random.nextInt(10) != 0) {
                    xml.append(" name=\"t").append(random.nextInt(3)).append('"');
                }
                if (random.nextInt(5) == 0) {
                    xml.append(" status=\"")
                            .append(STATUSES[random.nextInt(STATUSES.length)])
                            .append('"');
                }
                xml.append('>');
                for (int k = 0, children = random.nextInt(3); k < children; k++) {
                    String child = CHILDREN[random.nextInt(CHILDREN.length)];
                    xml.append('<')
                            .append(child)
                            .append(" message=\"m\">x</")
                            .append(child)
                            .append('>');
                }
                xml.append("</testcase>");
            }
            xml.append("</testsuite>");
        }
        return xml.append("</testsuites>").toString();
    }

    /** Failing tests of one file, counted without the reader's code. */
    private static int failingTests(Element root) {
        int failing = 0;
        NodeList suites = root.getElementsByTagName("testsuite");
        for (int s = 0; s < suites.getLength(); s++) {
            Element suite = (Element) suites.item(s);
            Map<String, boolean[]> named = new LinkedHashMap<>(); // id -> {failed, passed}
            int listed = 0;
            for (Node n = suite.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element testCase) || !testCase.getTagName().equals("testcase")) {
                    continue;
                }
                String outcome = outcome(testCase);
                if (!outcome.equals("pass") && !outcome.equals("skip")) {
                    listed++;
                }
                if (!testCase.hasAttribute("name")) {
                    failing += outcome.equals("fail") ? 1 : 0;
                    continue;
                }
                boolean[] seen = named.computeIfAbsent(
                        testCase.getAttribute("classname") + "#" + testCase.getAttribute("name"), k -> new boolean[2]);
                seen[0] |= outcome.equals("fail");
                seen[1] |= outcome.equals("pass");
            }
            for (boolean[] seen : named.values()) {
                failing += seen[0] && !seen[1] ? 1 : 0;
            }
            if (suite.hasAttribute("failures")) {
                failing += Math.max(0, Integer.parseInt(suite.getAttribute("failures")) - listed);
            }
        }
        return failing;
    }

    private static String outcome(Element testCase) {
        boolean fail = false;
        boolean skip = false;
        NodeList children = testCase.getElementsByTagName("*");
        for (int i = 0; i < children.getLength(); i++) {
            String name = children.item(i).getNodeName().toLowerCase(Locale.ROOT);
            name = name.substring(name.indexOf(':') + 1);
            fail |= name.equals("failure") || name.equals("error") || name.startsWith("rerun");
            skip |= name.equals("skipped");
        }
        String status = testCase.getAttribute("status");
        fail |= !status.isEmpty()
                && !List.of("passed", "skipped", "run", "completed").contains(status);
        skip |= status.equals("skipped");
        return fail ? "fail" : skip ? "skip" : "pass";
    }
}
