package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.model.BuildRef;
import java.util.Optional;
import org.junit.Test;

public class LinkTemplateTest {

    @Test
    public void expandsJenkinsJobUrlsWithEncodedSegments() {
        LinkTemplate t = new LinkTemplate("https://ci.example.com/{jobUrl}/{number}/");
        assertThat(
                t.linkTo(new BuildRef("shop/check out/<main>", 12)),
                is(Optional.of("https://ci.example.com/job/shop/job/check%20out/job/%3Cmain%3E/12/")));
    }

    @Test
    public void expandsPlainJobNames() {
        LinkTemplate t = new LinkTemplate("{job}/{number}/");
        assertThat(t.linkTo(new BuildRef("a/b\"c", 3)), is(Optional.of("a/b%22c/3/")));
    }

    @Test
    public void jobNamesCannotInjectASchemeOrEscapeThePath() {
        LinkTemplate t = new LinkTemplate("{job}/{number}/");
        assertThat(t.linkTo(new BuildRef("javascript:alert(1)", 1)), is(Optional.of("javascript%3Aalert%281%29/1/")));
        assertThat(t.linkTo(new BuildRef("//evil.example", 1)), is(Optional.of("evil.example/1/")));
    }

    @Test
    public void rejectsUnsafeTemplates() {
        assertThrows(IllegalArgumentException.class, () -> new LinkTemplate("javascript:alert('{job}')"));
        assertThrows(IllegalArgumentException.class, () -> new LinkTemplate("data:text/html,{job}"));
        assertThrows(IllegalArgumentException.class, () -> new LinkTemplate("//evil.example/{job}"));
    }

    @Test
    public void noTemplateOrNoBuildMeansNoLink() {
        assertThat(LinkTemplate.NONE.linkTo(new BuildRef("a", 1)), is(Optional.empty()));
        assertThat(new LinkTemplate("  ").linkTo(new BuildRef("a", 1)), is(Optional.empty()));
        assertThat(new LinkTemplate("{job}/{number}/").linkTo(null), is(Optional.empty()));
    }
}
