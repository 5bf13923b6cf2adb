package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuditRecordTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void holdsWhoWhenEvidenceAndVerdictPerTierInLadderOrder() throws Exception {
        AuditRecord record;
        try (FileLedger ledger = FileLedger.open(folder.newFolder().toPath())) {
            ViewHistory.write(ledger);
            record = AuditRecord.of(ViewHistory.LADDER, ledger.candidate("1.0").orElseThrow(), ViewHistory.day(30));
        }
        assertThat(
                record.tiers().stream().map(AuditRecord.TierRecord::tier).toList(),
                contains("dev", "staging", "production"));

        JsonNode json = new ObjectMapper().readTree(record.toJson());
        assertThat(json.get("schema").asInt(), is(AuditRecord.SCHEMA));
        assertThat(json.get("application").asText(), is("shop"));
        assertThat(json.get("candidate").get("version").asText(), is("1.0"));
        assertThat(json.get("candidate").get("revision").asText(), is("abc1234def"));
        assertThat(json.get("candidate").get("origin").get("number").asInt(), is(1));
        assertThat(Instant.parse(json.get("exportedAt").asText()), is(ViewHistory.day(30)));
        JsonNode production = json.get("tiers").get(2);
        assertThat(production.get("displayName").asText(), is("Production"));
        assertThat(Instant.parse(production.get("reached").asText()), is(ViewHistory.day(2)));
        JsonNode events = production.get("events");
        assertThat(events.size(), is(4));
        assertThat(events.get(0).get("type").asText(), is("GATE_VERDICT"));
        assertThat(
                events.get(0)
                        .get("verdict")
                        .get("findings")
                        .get(0)
                        .get("message")
                        .asText(),
                is("waiting for 1 approval"));
        assertThat(events.get(1).get("approval").get("person").asText(), is("bob"));
        assertThat(events.get(1).get("approval").get("comment").asText(), is("ship it"));
        assertThat(events.get(3).get("type").asText(), is("DEPLOYMENT_SUCCEEDED"));
        assertThat(events.get(3).get("actor").asText(), is("bob"));
        assertThat(events.get(3).get("seq").asLong() > 0, is(true));
    }

    @Test
    public void keepsEventsAtTiersThatLeftTheLadder() throws Exception {
        AuditRecord record;
        try (FileLedger ledger = FileLedger.open(folder.newFolder().toPath())) {
            ViewHistory.write(ledger);
            ledger.append(LedgerEvent.deploymentSucceeded(
                    ViewHistory.APP,
                    "qa-old",
                    ViewHistory.candidate("1.0", "abc1234def", 1),
                    "carol",
                    ViewHistory.day(3)));
            record = AuditRecord.of(ViewHistory.LADDER, ledger.candidate("1.0").orElseThrow(), ViewHistory.day(30));
        }
        assertThat(record.tiers().get(3).tier(), is("qa-old"));
        assertThat(record.tiers().get(3).displayName(), is("qa-old"));
    }
}
