package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PromotionPageWriterTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void writesIndexHtmlIntoANewFolderAndReplacesAnOldOne() throws IOException {
        Path folder = tmp.getRoot().toPath().resolve("report/nested");
        Path first = new PromotionPageWriter().write(SampleViews.synthetic(2, 2), folder);
        assertThat(first, is(folder.resolve("index.html")));
        Path second = new PromotionPageWriter().write(SampleViews.demo(), folder);
        assertThat(second, is(first));
        assertThat(Files.readString(second, StandardCharsets.UTF_8), containsString("shop/checkout"));
        try (var files = Files.list(folder)) {
            assertThat(files.count(), is(1L));
        }
    }

    @Test
    public void namesTheFolderWhenItCannotBeCreated() throws IOException {
        Path file = tmp.newFile("not-a-folder").toPath();
        IOException e = org.junit.Assert.assertThrows(
                IOException.class, () -> new PromotionPageWriter().write(SampleViews.demo(), file.resolve("x")));
        assertThat(e.getMessage(), containsString("not-a-folder"));
    }
}
