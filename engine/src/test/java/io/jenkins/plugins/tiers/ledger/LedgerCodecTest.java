package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.model.Candidate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

public class LedgerCodecTest {

    private final LedgerCodec codec = new LedgerCodec();

    private LedgerEvent roundTrip(LedgerEvent event) throws IOException {
        byte[] line = codec.toLine(event.withSeq(42));
        assertThat(line[line.length - 1], is((byte) '\n'));
        return codec.fromLine(line, 0, line.length - 1);
    }

    @Test
    public void everyEventTypeSurvivesARoundTrip() throws IOException {
        Candidate c = Events.candidate("1.0");
        List<LedgerEvent> events = List.of(
                Events.passed("prod", "1.0", 1, "checkout"),
                Events.waiting("prod", "1.0", 2),
                LedgerEvent.approval(
                        "shop",
                        "prod",
                        c,
                        new Approval(false, "carol", List.of("release-managers"), "not on a Friday"),
                        Events.at(3)),
                Events.started("prod", "1.0", 4),
                Events.succeeded("prod", "1.0", 5),
                Events.failed("prod", "1.0", 6),
                Events.rolledBack("prod", "0.9", "1.0", 7),
                LedgerEvent.freezeOverride("shop", "prod", c, "dave", Events.at(8), "hotfix for SHOP-123"));
        for (LedgerEvent e : events) {
            assertThat(e.type().toString(), roundTrip(e), is(e.withSeq(42)));
        }
    }

    @Test
    public void aVerdictLineCarriesItsStatusForJqButTheStatusIsDerivedOnRead() throws IOException {
        String line = new String(codec.toLine(Events.waiting("prod", "1.0", 2)), StandardCharsets.UTF_8);
        assertThat(line, containsString("\"status\":\"WAITING\""));
        String forged =
                line.replace("\"status\":\"WAITING\"", "\"status\":\"PASSED\"").trim();
        assertThat(codec.fromLine(forged).status(), is(VerdictStatus.WAITING));
    }

    @Test
    public void aVerdictWith200000FailuresIsASmallLineThatStillCountsThemAll() throws IOException {
        String[] names = new String[200_000];
        for (int i = 0; i < names.length; i++) {
            names[i] = "test" + i;
        }
        LedgerEvent verdict = Events.passed("prod", "1.0", 1, names);
        byte[] line = codec.toLine(verdict.withSeq(42));
        assertThat(line.length < 100_000, is(true)); // 22 MB before the cap
        LedgerEvent read = codec.fromLine(line, 0, line.length - 1);
        assertThat(read.evidence().failed().size(), is(EvidenceSummary.MAX_FAILED_KEPT));
        assertThat(read.evidence().failedLeftOut(), is(200_000 - EvidenceSummary.MAX_FAILED_KEPT));
        assertThat(read.evidence().totals().failed(), is(200_000));
    }

    @Test
    public void hostileTextStaysOnOneLine() {
        LedgerEvent e = LedgerEvent.deploymentFailed(
                "shop", "prod", Events.candidate("1.0"), "eve", Events.at(1), 1, "line one\nline two\r\u0000");
        String line = new String(codec.toLine(e), StandardCharsets.UTF_8);
        assertThat(line.indexOf('\n'), is(line.length() - 1));
        assertThat(line, not(containsString("\r")));
    }

    @Test
    public void aLineMissingARequiredFieldIsRefusedWithTheReason() {
        IOException e = assertThrows(
                IOException.class,
                () -> codec.fromLine("{\"schema\":1,\"seq\":1,\"type\":\"DEPLOYMENT_STARTED\",\"tier\":\"prod\"}"));
        assertThat(e.getMessage(), containsString("time"));
    }
}
