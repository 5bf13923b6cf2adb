package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PromotionFilterTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private List<CandidatePath> recent;

    @Before
    public void history() throws Exception {
        try (FileLedger ledger = FileLedger.open(folder.newFolder().toPath())) {
            ViewHistory.write(ledger);
            recent = ledger.lastCandidates(10);
        }
    }

    private static List<String> versions(List<CandidatePath> paths) {
        return paths.stream().map(CandidatePath::version).toList();
    }

    @Test
    public void noFilterKeepsEveryCandidateInOrder() {
        assertThat(
                versions(PromotionFilter.NONE.apply(recent, ViewHistory.day(30))),
                contains("2.0", "1.1 PROJ-42", "1.0"));
    }

    @Test
    public void windowKeepsCandidatesWithAnEventInside() {
        PromotionFilter week = PromotionFilter.parse(
                "7d", null, ViewHistory.LADDER.tiers().stream().map(t -> t.id()).toList());
        assertThat(week.window(), is(Duration.ofDays(7)));
        assertThat(versions(week.apply(recent, ViewHistory.day(21))), contains("2.0"));
        assertThat(versions(week.apply(recent, ViewHistory.day(5))), contains("1.1 PROJ-42", "1.0"));
    }

    @Test
    public void tierKeepsCandidatesSeenThere() {
        PromotionFilter staging = PromotionFilter.parse("all", "staging", List.of("dev", "staging", "production"));
        assertThat(staging.window(), is((Duration) null));
        assertThat(versions(staging.apply(recent, ViewHistory.day(30))), contains("1.1 PROJ-42", "1.0"));
    }

    @Test
    public void explainsAValueItCannotUse() {
        IllegalArgumentException window = assertThrows(
                IllegalArgumentException.class, () -> PromotionFilter.parse("forever", null, List.of("dev")));
        assertThat(window.getMessage(), containsString("\"forever\""));
        IllegalArgumentException tier = assertThrows(
                IllegalArgumentException.class, () -> PromotionFilter.parse(null, "qa", List.of("dev", "prod")));
        assertThat(tier.getMessage(), containsString("tiers: dev, prod"));
    }

    @Test
    public void labelsTheWindowAsTheDropDownDoes() {
        for (String label : PromotionFilter.WINDOWS) {
            assertThat(PromotionFilter.parse(label, null, List.of()).windowLabel(), is(label));
        }
    }
}
