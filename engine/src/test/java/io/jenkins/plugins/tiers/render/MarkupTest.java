package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Optional;
import org.junit.Test;

public class MarkupTest {

    @Test
    public void escapesMarkupCharactersInText() {
        assertThat(Markup.text("a<b>&c\"d'e"), is("a&lt;b&gt;&amp;c\"d'e"));
    }

    @Test
    public void escapesQuotesAndNewlinesInAttributes() {
        assertThat(Markup.attr("x\" onload='y'\n"), is("x&quot; onload=&#39;y&#39; "));
    }

    @Test
    public void replacesCharactersXmlCannotHold() {
        assertThat(Markup.text("a\u0000b\u001bc\uD800d\uFFFFe\u0085"), is("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFD"));
    }

    @Test
    public void keepsSurrogatePairsWhole() {
        assertThat(Markup.text("ok \uD83D\uDE80"), is("ok \uD83D\uDE80"));
    }

    @Test
    public void acceptsHttpHttpsAndRelativeUrls() {
        assertThat(
                Markup.safeUrl("https://ci.example.com/job/a/1/"), is(Optional.of("https://ci.example.com/job/a/1/")));
        assertThat(Markup.safeUrl("HTTP://host:8080/x?y=1#z"), is(Optional.of("HTTP://host:8080/x?y=1#z")));
        assertThat(Markup.safeUrl("../../job/a/1/"), is(Optional.of("../../job/a/1/")));
        assertThat(Markup.safeUrl(" job/a/1/ "), is(Optional.of("job/a/1/")));
    }

    @Test
    public void dropsEveryOtherScheme() {
        for (String bad : new String[] {
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\u0000script:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "//evil.example/",
            "/\\evil.example/",
            "https:/no-host",
            "http://",
            "a b",
            "",
            null
        }) {
            assertThat(String.valueOf(bad), Markup.safeUrl(bad), is(Optional.empty()));
        }
    }

    @Test
    public void shortensWithAnEllipsisWithoutSplittingSurrogates() {
        assertThat(Markup.shorten("abcdef", 4), is("abc\u2026"));
        assertThat(Markup.shorten("abc", 4), is("abc"));
        assertThat(Markup.shorten("ab\uD83D\uDE80cd", 4), is("ab\u2026"));
    }
}
