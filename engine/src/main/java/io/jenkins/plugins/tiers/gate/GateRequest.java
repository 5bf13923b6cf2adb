package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Ladder;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a gate judges besides the past: which candidate asks to enter which tier of which
 * ladder, on what test evidence, with what stricter rules from the pipeline, who started the run
 * and when, and the approvals given so far. A value, so the same request always gets the same
 * verdict at the same time against the same history.
 *
 * @param ladder the application's ladder
 * @param tier the id of the tier to enter
 * @param candidate the candidate
 * @param evidence the test evidence, or why it could not be read
 * @param tightening the pipeline's stricter rules, merged onto the tier's gate; {@code null} for none
 * @param rollback whether this is an explicit rollback to an older candidate
 * @param freezeOverride an emergency override of freeze windows, or {@code null}
 * @param startedBy the user or run that started the promotion (for self-approval); may be empty
 * @param requestedAt when the gate was first asked, from which approval timeouts count; {@code
 *     null} for "now" (an approval timeout then cannot have passed)
 * @param approvals the approvals and refusals given so far, in any order
 */
public record GateRequest(
        Ladder ladder,
        String tier,
        Candidate candidate,
        GateEvidence evidence,
        GatePolicy tightening,
        boolean rollback,
        FreezeOverride freezeOverride,
        String startedBy,
        Instant requestedAt,
        List<Approval> approvals)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public GateRequest {
        Objects.requireNonNull(ladder, "ladder");
        Objects.requireNonNull(tier, "tier");
        if (ladder.tier(tier).isEmpty()) {
            throw new IllegalArgumentException("no tier \"" + tier + "\" in the ladder of " + ladder.application()
                    + "; known tiers: " + ladder.ids());
        }
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(evidence, "evidence");
        startedBy = startedBy == null ? "" : startedBy.trim();
        approvals = List.copyOf(approvals);
    }

    /** A request with no tightening, approvals, rollback or override; add them with the builder. */
    public static Builder builder(Ladder ladder, String tier, Candidate candidate, GateEvidence evidence) {
        return new Builder(ladder, tier, candidate, evidence);
    }

    public Optional<GatePolicy> pipelineRules() {
        return Optional.ofNullable(tightening);
    }

    public Optional<Instant> firstAsked() {
        return Optional.ofNullable(requestedAt);
    }

    public Optional<FreezeOverride> override() {
        return Optional.ofNullable(freezeOverride);
    }

    /**
     * The tier's gate, tightened by the pipeline's rules if any.
     *
     * @throws PolicyRelaxedException when the pipeline's rules would relax the gate
     */
    public GatePolicy effectivePolicy() {
        GatePolicy gate = ladder.tier(tier).orElseThrow().gate();
        return tightening == null ? gate : gate.tightenedBy(tightening);
    }

    /** Builds a {@link GateRequest}. */
    public static final class Builder {
        private final Ladder ladder;
        private final String tier;
        private final Candidate candidate;
        private final GateEvidence evidence;
        private GatePolicy tightening;
        private boolean rollback;
        private FreezeOverride freezeOverride;
        private String startedBy = "";
        private Instant requestedAt;
        private final List<Approval> approvals = new ArrayList<>();

        private Builder(Ladder ladder, String tier, Candidate candidate, GateEvidence evidence) {
            this.ladder = ladder;
            this.tier = tier;
            this.candidate = candidate;
            this.evidence = evidence;
        }

        public Builder tightenedBy(GatePolicy rules) {
            tightening = rules;
            return this;
        }

        public Builder rollback(boolean value) {
            rollback = value;
            return this;
        }

        public Builder freezeOverride(FreezeOverride value) {
            freezeOverride = value;
            return this;
        }

        public Builder startedBy(String who) {
            startedBy = who;
            return this;
        }

        public Builder requestedAt(Instant when) {
            requestedAt = when;
            return this;
        }

        public Builder approvals(List<Approval> given) {
            approvals.addAll(given);
            return this;
        }

        public Builder approval(Approval given) {
            approvals.add(given);
            return this;
        }

        public GateRequest build() {
            return new GateRequest(
                    ladder,
                    tier,
                    candidate,
                    evidence,
                    tightening,
                    rollback,
                    freezeOverride,
                    startedBy,
                    requestedAt,
                    approvals);
        }
    }
}
