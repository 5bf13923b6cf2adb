package io.jenkins.plugins.tiers.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.Optional;
import org.junit.Test;

public class DraftChecksTest {

    private static String problem(Optional<String> answer) {
        return answer.orElseThrow(() -> new AssertionError("expected a problem"));
    }

    @Test
    public void acceptsWhatASavedLadderAccepts() {
        assertThat(DraftChecks.tierId("staging").isPresent(), is(false));
        assertThat(DraftChecks.url("https://staging.example.com/").isPresent(), is(false));
        assertThat(DraftChecks.strategy("canary", "10, 50, 100").isPresent(), is(false));
        assertThat(DraftChecks.count("0").isPresent(), is(false));
        assertThat(DraftChecks.percent("99.5").isPresent(), is(false));
        assertThat(DraftChecks.duration("1h30m").isPresent(), is(false));
        assertThat(DraftChecks.flaky("allow 2").isPresent(), is(false));
        assertThat(DraftChecks.quorum("").isPresent(), is(false));
        assertThat(DraftChecks.zone("Europe/Paris").isPresent(), is(false));
        assertThat(DraftChecks.zone("").isPresent(), is(false));
        assertThat(DraftChecks.flaky("3").isPresent(), is(false));
        assertThat(DraftChecks.timeOfDay("24:00").isPresent(), is(false));
        assertThat(DraftChecks.days("sat, sun").isPresent(), is(false));
        assertThat(DraftChecks.timeOfDay("18:00").isPresent(), is(false));
        assertThat(DraftChecks.localDateTime("2026-12-24T18:00").isPresent(), is(false));
        assertThat(DraftChecks.ladderName("standard-2").isPresent(), is(false));
    }

    @Test
    public void explainsWhatIsWrong() {
        assertThat(problem(DraftChecks.tierId("Bad Id")), containsString("must match"));
        assertThat(problem(DraftChecks.tierId("")), containsString("needs an id"));
        assertThat(problem(DraftChecks.url("ftp://example.com")), containsString("http or https"));
        assertThat(problem(DraftChecks.strategy("rolling", null)), containsString("direct, blue-green or canary"));
        assertThat(problem(DraftChecks.count("-1")), containsString("negative"));
        assertThat(problem(DraftChecks.count("many")), containsString("not a whole number"));
        assertThat(problem(DraftChecks.percent("101")), containsString("0 to 100"));
        assertThat(problem(DraftChecks.duration("two hours")), containsString("not a duration"));
        assertThat(problem(DraftChecks.duration("0s")), containsString("longer than zero"));
        assertThat(
                problem(DraftChecks.flaky("sometimes")),
                is(
                        "\"sometimes\" is not a flaky policy; use ignore, fail, or the number of flaky tests allowed (2 or allow 2)"));
        assertThat(problem(DraftChecks.quorum("0")), containsString("at least one"));
        assertThat(problem(DraftChecks.zone("Mars/Olympus")), containsString("not a time zone"));
        assertThat(problem(DraftChecks.days("someday")), containsString("not a day"));
        assertThat(problem(DraftChecks.timeOfDay("6pm")), containsString("18:00"));
        assertThat(problem(DraftChecks.ladderName("a b")), containsString("must match"));
    }

    @Test
    public void refusesControlCharactersInShownText() {
        assertThat(problem(DraftChecks.text("Prod\u0007")), containsString("control character at position 5"));
        assertThat(problem(DraftChecks.application("shop\nrm -rf")), containsString("control character"));
    }

    @Test
    public void hostileInputComesBackQuotedNotInterpreted() {
        String answer = problem(DraftChecks.tierId("<script>alert(1)</script>"));
        // Escaping is the renderer's job; the message quotes the text as written.
        assertThat(answer, containsString("\"<script>alert(1)</script>\""));
    }
}
