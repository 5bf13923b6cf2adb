package io.jenkins.plugins.tiers.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the ledger holds about one candidate, arranged per tier for an auditor: the verdicts
 * with their evidence and policy, the approvals (who, when, with what comment), the deployments
 * and rollbacks, each with its time, actor and ledger position. One JSON document to keep beside a
 * release, exported from the ledger alone.
 *
 * @param schema the version of this document's shape, {@link #SCHEMA}
 * @param application the application
 * @param candidate the candidate: version, origin build (the artifact's source), revision, change time
 * @param exportedAt when the record was taken
 * @param tiers one entry per tier the candidate was seen at, in ladder order (tiers no longer in
 *     the ladder follow, so nothing recorded is left out)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(
        int schema, String application, Candidate candidate, Instant exportedAt, List<TierRecord> tiers) {

    /** The shape this code writes. */
    public static final int SCHEMA = 1;

    public AuditRecord {
        tiers = List.copyOf(tiers);
    }

    /**
     * What happened to the candidate at one tier.
     *
     * @param tier the tier id
     * @param displayName the tier's name in the ladder, or its id when it left the ladder
     * @param reached when it first became live there, or null
     * @param events its events at the tier, in ledger order
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TierRecord(String tier, String displayName, Instant reached, List<LedgerEvent> events) {
        public TierRecord {
            events = List.copyOf(events);
        }
    }

    /** The audit record of one candidate of this ladder's application. */
    public static AuditRecord of(Ladder ladder, CandidatePath path, Instant exportedAt) {
        Set<String> order = new LinkedHashSet<>();
        ladder.tiers().forEach(t -> order.add(t.id()));
        path.events().forEach(e -> order.add(e.tier()));
        List<TierRecord> tiers = new ArrayList<>();
        for (String id : order) {
            List<LedgerEvent> events =
                    path.events().stream().filter(e -> e.tier().equals(id)).toList();
            if (events.isEmpty()) {
                continue;
            }
            String name = ladder.tier(id).map(Tier::displayName).orElse(id);
            tiers.add(new TierRecord(id, name, path.reached(id).orElse(null), events));
        }
        return new AuditRecord(SCHEMA, ladder.application(), path.candidate(), exportedAt, tiers);
    }

    /** The record as indented JSON, times in ISO-8601, absent values left out. */
    public String toJson() {
        try {
            return new LedgerCodec()
                    .mapper()
                    .writer()
                    .with(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
