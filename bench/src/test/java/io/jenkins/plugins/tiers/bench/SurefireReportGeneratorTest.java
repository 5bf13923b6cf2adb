package io.jenkins.plugins.tiers.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SurefireReportGeneratorTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void writesWellFormedReportWithTheRequestedCounts() throws Exception {
        SurefireReportGenerator generator = new SurefireReportGenerator(1000, 100, 5, 10, 3);
        Path file = generator.writeTo(tmp.newFile("TEST-generated.xml").toPath());

        assertThat(ReadThroughBenchmark.countTestCases(XMLInputFactory.newDefaultFactory(), file), is(1000));
        assertThat(generator.failures(), is(10));
        String text = Files.readString(file);
        assertThat(text.split("<failure ", -1).length - 1, is(10));
        assertThat(text, containsString("failures=\"10\""));
    }

    @Test
    public void isDeterministic() throws Exception {
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        new SurefireReportGenerator(50, 7, 2, 5, 2).write(a);
        new SurefireReportGenerator(50, 7, 2, 5, 2).write(b);
        assertThat(a.toString(), is(b.toString()));
    }

    @Test
    public void countsFailuresAsCeilingOfTheShare() {
        assertThat(new SurefireReportGenerator(101, 100, 1, 0, 0).failures(), is(2));
        assertThat(new SurefireReportGenerator(100, 0, 1, 0, 0).failures(), is(0));
    }
}
