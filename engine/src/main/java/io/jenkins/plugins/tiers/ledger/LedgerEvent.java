package io.jenkins.plugins.tiers.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.model.Candidate;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the ledger: something that happened to a candidate at a tier, who did it and when.
 * One record with a type rather than a class per type, so that a line written by a newer version
 * (more fields, a new type) still reads, and so {@code jq} sees one shape.
 *
 * <p>Build events with the factory methods; the ledger assigns {@code seq} on append (an event not
 * yet appended has seq 0).
 *
 * @param schema the version of the line format, {@link #SCHEMA} when written by this code
 * @param seq the position in the ledger, 1-based and gapless, assigned by the ledger
 * @param type what happened
 * @param time when it happened
 * @param application the application whose ladder holds the tier
 * @param tier the tier id
 * @param candidate the candidate (for {@link EventType#ROLLED_BACK}: the one live again)
 * @param actor the user id or run reference ({@code job #12}) that caused it
 * @param verdict for verdicts: the verdict with its findings and policy
 * @param evidence for verdicts: the test totals and failed test ids, when the gate read tests
 * @param approval for approvals: the answer
 * @param exitCode for failed deployments: the exit code of the deployment command, if any
 * @param reason for failed deployments and freeze overrides: why, in words
 * @param rolledBackFrom for rollbacks: the version that was live before
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "schema",
    "seq",
    "type",
    "time",
    "application",
    "tier",
    "candidate",
    "actor",
    "status",
    "exitCode",
    "reason",
    "rolledBackFrom",
    "approval",
    "evidence",
    "verdict"
})
public record LedgerEvent(
        int schema,
        long seq,
        EventType type,
        Instant time,
        String application,
        String tier,
        Candidate candidate,
        String actor,
        Verdict verdict,
        EvidenceSummary evidence,
        Approval approval,
        Integer exitCode,
        String reason,
        String rolledBackFrom)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The line format this code writes. Readers accept other versions and ignore unknown fields. */
    public static final int SCHEMA = 1;

    public LedgerEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(candidate, "candidate");
        actor = actor == null ? "" : actor;
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
        if (type == EventType.GATE_VERDICT) {
            Objects.requireNonNull(verdict, "a gate verdict event needs its verdict");
        }
        if (type == EventType.APPROVAL) {
            Objects.requireNonNull(approval, "an approval event needs its approval");
        }
    }

    private static LedgerEvent of(
            EventType type, String application, String tier, Candidate candidate, String actor, Instant time) {
        return new LedgerEvent(
                SCHEMA, 0, type, time, application, tier, candidate, actor, null, null, null, null, null, null);
    }

    /** A gate verdict, at the time it was evaluated, with optional test evidence. */
    public static LedgerEvent verdict(Verdict verdict, EvidenceSummary evidence, String actor) {
        return new LedgerEvent(
                SCHEMA,
                0,
                EventType.GATE_VERDICT,
                verdict.evaluatedAt(),
                verdict.application(),
                verdict.tier(),
                verdict.candidate(),
                actor,
                verdict,
                evidence,
                null,
                null,
                null,
                null);
    }

    /** An approval given or refused; the actor is the person who answered. */
    public static LedgerEvent approval(
            String application, String tier, Candidate candidate, Approval approval, Instant time) {
        return new LedgerEvent(
                SCHEMA,
                0,
                EventType.APPROVAL,
                time,
                application,
                tier,
                candidate,
                approval.person(),
                null,
                null,
                approval,
                null,
                null,
                null);
    }

    public static LedgerEvent deploymentStarted(
            String application, String tier, Candidate candidate, String actor, Instant time) {
        return of(EventType.DEPLOYMENT_STARTED, application, tier, candidate, actor, time);
    }

    public static LedgerEvent deploymentSucceeded(
            String application, String tier, Candidate candidate, String actor, Instant time) {
        return of(EventType.DEPLOYMENT_SUCCEEDED, application, tier, candidate, actor, time);
    }

    /** A failed deployment, with the command's exit code when there was one. */
    public static LedgerEvent deploymentFailed(
            String application,
            String tier,
            Candidate candidate,
            String actor,
            Instant time,
            Integer exitCode,
            String reason) {
        return new LedgerEvent(
                SCHEMA,
                0,
                EventType.DEPLOYMENT_FAILED,
                time,
                application,
                tier,
                candidate,
                actor,
                null,
                null,
                null,
                exitCode,
                reason,
                null);
    }

    /** The tier was rolled back to {@code target}, replacing {@code fromVersion} (null if unknown). */
    public static LedgerEvent rolledBack(
            String application, String tier, Candidate target, String actor, Instant time, String fromVersion) {
        return new LedgerEvent(
                SCHEMA,
                0,
                EventType.ROLLED_BACK,
                time,
                application,
                tier,
                target,
                actor,
                null,
                null,
                null,
                null,
                null,
                fromVersion);
    }

    /** A person deployed through a freeze window. */
    public static LedgerEvent freezeOverride(
            String application, String tier, Candidate candidate, String person, Instant time, String reason) {
        return new LedgerEvent(
                SCHEMA,
                0,
                EventType.FREEZE_OVERRIDE,
                time,
                application,
                tier,
                candidate,
                person,
                null,
                null,
                null,
                null,
                reason,
                null);
    }

    /** The same event at position {@code seq}; used by the ledger on append. */
    public LedgerEvent withSeq(long seq) {
        return new LedgerEvent(
                schema,
                seq,
                type,
                time,
                application,
                tier,
                candidate,
                actor,
                verdict,
                evidence,
                approval,
                exitCode,
                reason,
                rolledBackFrom);
    }

    /** For verdicts, the verdict's status (written to each line for {@code jq}, derived on read); else null. */
    @JsonProperty("status")
    public VerdictStatus status() {
        return verdict == null ? null : verdict.status();
    }

    /** The candidate's version, the key of every history query. */
    public String version() {
        return candidate.version();
    }

    /** True for the events that make a candidate live in the tier. */
    public boolean makesLive() {
        return type == EventType.DEPLOYMENT_SUCCEEDED || type == EventType.ROLLED_BACK;
    }
}
