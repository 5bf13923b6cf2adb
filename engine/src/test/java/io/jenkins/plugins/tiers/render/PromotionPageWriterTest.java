package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    public void neverWritesThroughASymlinkPlantedAtTheOldTemporaryName() throws IOException {
        Path folder = tmp.newFolder("published").toPath();
        Path victim = tmp.newFile("victim.txt").toPath();
        Files.writeString(victim, "precious", StandardCharsets.UTF_8);
        Files.createSymbolicLink(folder.resolve(".index.html.tmp"), victim);

        Path page = new PromotionPageWriter().write(SampleViews.demo(), folder);

        assertThat(Files.readString(victim, StandardCharsets.UTF_8), is("precious"));
        assertThat(Files.isSymbolicLink(page), is(false));
        assertThat(Files.readString(page, StandardCharsets.UTF_8), containsString("shop/checkout"));
        assertThat(Files.isSymbolicLink(folder.resolve(".index.html.tmp")), is(true));
        try (var files = Files.list(folder)) {
            assertThat(files.count(), is(2L)); // the page and the planted link, no temporary file left
        }
    }

    @Test
    public void thePublishedPageIsReadableByEveryone() throws IOException {
        Path page = new PromotionPageWriter()
                .write(SampleViews.demo(), tmp.newFolder("site").toPath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(page)), is("rw-r--r--"));
    }

    @Test
    public void namesTheFolderWhenItCannotBeCreated() throws IOException {
        Path file = tmp.newFile("not-a-folder").toPath();
        IOException e = org.junit.Assert.assertThrows(
                IOException.class, () -> new PromotionPageWriter().write(SampleViews.demo(), file.resolve("x")));
        assertThat(e.getMessage(), containsString("not-a-folder"));
    }
}
