package io.jenkins.plugins.tiers.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

/** The bounded text a failure's detail is gathered in. */
public class TextPrefixTest {

    private static TextPrefix written(int limit, String... parts) {
        TextPrefix text = new TextPrefix();
        text.reset(limit);
        for (String part : parts) {
            text.write(part.toCharArray(), 0, part.length());
        }
        return text;
    }

    @Test
    public void keepsUpToTheLimitAndNotesThatMoreCame() {
        TextPrefix text = written(5, "abc", "defgh");
        assertThat(text.strippedText(), is("abcde"));
        assertThat(text.truncated(), is(true));
        TextPrefix exact = written(5, "ab", "cde");
        assertThat(exact.strippedText(), is("abcde"));
        assertThat(exact.truncated(), is(false));
    }

    @Test
    public void aCrLfSplitBetweenTwoWritesIsOneLineFeed() {
        assertThat(written(100, "a\r", "\nb").strippedText(), is("a\nb"));
        assertThat(written(100, "a\r\nb\rc").strippedText(), is("a\nb\nc"));
        assertThat(written(100, "a\r", "\r\n", "b").strippedText(), is("a\n\nb"));
    }

    @Test
    public void theLineFeedOfACrLfAtTheLimitIsNotMoreText() {
        TextPrefix text = written(2, "a\r", "\n");
        assertThat(text.truncated(), is(false));
        assertThat(written(2, "a\r", "\nb").truncated(), is(true));
    }

    @Test
    public void resetForgetsTheLastFailure() {
        TextPrefix text = written(10, "abc\r");
        text.reset(1);
        text.write("\nb".toCharArray(), 0, 2); // a line feed of its own now, not the end of the last CR LF
        assertThat(text.strippedText(), is(""));
        assertThat(text.truncated(), is(true));
    }

    @Test
    public void stringsAreWrittenLikeCharacters() {
        TextPrefix text = new TextPrefix();
        text.reset(4);
        text.write("--ab\r\ncd--", 2, 6);
        assertThat(text.strippedText(), is("ab\nc"));
        assertThat(text.truncated(), is(true));
    }

    @Test
    public void anyTextCutIntoAnyWritesKeepsWhatTheWholeTextWouldKeep() {
        java.util.Random random = new java.util.Random(3);
        char[] alphabet = {'a', 'b', '\r', '\n', ' '};
        for (int round = 0; round < 5_000; round++) {
            char[] text = new char[random.nextInt(60)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int limit = random.nextInt(50);
            TextPrefix prefix = new TextPrefix();
            prefix.reset(limit);
            for (int at = 0; at < text.length; ) {
                int n = Math.min(text.length - at, random.nextInt(8));
                prefix.write(text, at, n);
                at += n;
            }
            String lines = new String(text).replace("\r\n", "\n").replace('\r', '\n');
            String kept = lines.substring(0, Math.min(limit, lines.length()));
            String context = "round " + round + ", limit " + limit + ": " + new String(text).replace("\r", "\\r");
            assertThat(context, prefix.strippedText(), is(kept.strip()));
            assertThat(context, prefix.truncated(), is(lines.length() > limit));
        }
    }
}
