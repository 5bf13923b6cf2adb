package io.jenkins.plugins.tiers.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.strategy.Slot;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
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
 * @param verdict for verdicts: the verdict with its findings and policy; for a canary abort, the
 *     failing step check; for a switch or canary step, the check that let it happen, when one ran
 * @param evidence for verdicts: the test totals and failed test ids, when the gate read tests; for
 *     a switch or canary event, those its check read, when it read tests
 * @param approval for approvals: the answer
 * @param exitCode for failed deployments: the exit code of the deployment command, if any
 * @param reason for failed deployments and freeze overrides: why, in words
 * @param rolledBackFrom for rollbacks and switch-backs: the version that was live before
 * @param slot for blue-green events: the slot deployed into ({@code DEPLOYMENT_STARTED}, {@code
 *     SLOT_DEPLOYED}, {@code DEPLOYMENT_FAILED}) or made active ({@code SWITCHED}, {@code
 *     SWITCHED_BACK}); its label, {@code blue} or {@code green}
 * @param step for canary events: the step (1-based) reached, or at which the canary was aborted
 *     (0 when none was reached yet)
 * @param steps for canary events: the tier's step percentages
 * @param weight for canary events: the traffic percentage the candidate receives after the event
 * @param id an identifier chosen by whoever appends the event (a UUID), so that an append retried
 *     after a lost connection is stored once; null for events that have none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "schema",
    "seq",
    "id",
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
    "slot",
    "step",
    "steps",
    "weight",
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
        String rolledBackFrom,
        String slot,
        Integer step,
        List<Integer> steps,
        Integer weight,
        String id)
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
        steps = steps == null ? null : List.copyOf(steps);
        if (slot != null && Slot.parse(slot).isEmpty()) {
            throw new IllegalArgumentException("slot must be blue or green, was " + slot);
        }
        if (steps != null && (steps.isEmpty() || steps.get(steps.size() - 1) != 100)) {
            throw new IllegalArgumentException("a canary's steps must end at 100, were " + steps);
        }
        if (step != null && (steps == null || step < 0 || step > steps.size())) {
            throw new IllegalArgumentException("step " + step + " is not one of the steps " + steps);
        }
        if (type == EventType.SLOT_DEPLOYED
                || type == EventType.SWITCHED
                || type == EventType.SWITCHED_BACK
                || type == EventType.SWITCH_CHECK_FAILED) {
            Objects.requireNonNull(slot, "a " + type + " event needs its slot");
        }
        if (type == EventType.SWITCH_CHECK_FAILED) {
            Objects.requireNonNull(verdict, "a switch check failure needs the check's verdict");
        }
        if (type == EventType.CANARY_STEP_REACHED
                || type == EventType.CANARY_ABORTED
                || type == EventType.CANARY_COMPLETED) {
            Objects.requireNonNull(step, "a " + type + " event needs its step");
            Objects.requireNonNull(steps, "a " + type + " event needs the tier's steps");
        }
        if (id != null && (id.isBlank() || id.length() > MAX_ID_LENGTH)) {
            throw new IllegalArgumentException("an event id must be 1 to " + MAX_ID_LENGTH + " characters");
        }
    }

    /** The longest event id accepted: room for a UUID or a host-prefixed one, not for a payload. */
    public static final int MAX_ID_LENGTH = 100;

    /** An event without an id, as written before appends were made idempotent. */
    public LedgerEvent(
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
            String rolledBackFrom,
            String slot,
            Integer step,
            List<Integer> steps,
            Integer weight) {
        this(
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
                rolledBackFrom,
                slot,
                step,
                steps,
                weight,
                null);
    }

    /** An event without strategy fields, as written before blue-green and canary were recorded. */
    public LedgerEvent(
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
            String rolledBackFrom) {
        this(
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
                rolledBackFrom,
                null,
                null,
                null,
                null);
    }

    /**
     * The fields of an event being made: every factory and {@code with...} method names only the
     * fields it sets, instead of passing nineteen positional values.
     */
    private static final class Draft {
        private int schema = SCHEMA;
        private long seq;
        private final EventType type;
        private final Instant time;
        private String application;
        private final String tier;
        private final Candidate candidate;
        private final String actor;
        private Verdict verdict;
        private EvidenceSummary evidence;
        private Approval approval;
        private Integer exitCode;
        private String reason;
        private String rolledBackFrom;
        private String slot;
        private Integer step;
        private List<Integer> steps;
        private Integer weight;
        private String id;

        private Draft(
                EventType type, String application, String tier, Candidate candidate, String actor, Instant time) {
            this.type = type;
            this.time = time;
            this.application = application;
            this.tier = tier;
            this.candidate = candidate;
            this.actor = actor;
        }

        /** A copy of {@code e}, every field included. */
        static Draft of(LedgerEvent e) {
            Draft d = new Draft(e.type, e.application, e.tier, e.candidate, e.actor, e.time);
            d.schema = e.schema;
            d.seq = e.seq;
            d.verdict = e.verdict;
            d.evidence = e.evidence;
            d.approval = e.approval;
            d.exitCode = e.exitCode;
            d.reason = e.reason;
            d.rolledBackFrom = e.rolledBackFrom;
            d.slot = e.slot;
            d.step = e.step;
            d.steps = e.steps;
            d.weight = e.weight;
            d.id = e.id;
            return d;
        }

        Draft verdict(Verdict value) {
            verdict = value;
            return this;
        }

        Draft evidence(EvidenceSummary value) {
            evidence = value;
            return this;
        }

        Draft approval(Approval value) {
            approval = value;
            return this;
        }

        Draft failure(Integer exit, String why) {
            exitCode = exit;
            reason = why;
            return this;
        }

        Draft reason(String why) {
            reason = why;
            return this;
        }

        Draft from(String version) {
            rolledBackFrom = version;
            return this;
        }

        Draft slot(String colour) {
            slot = colour;
            return this;
        }

        /** A canary at step {@code at} of {@code all}, receiving {@code percent}. */
        Draft canary(int at, List<Integer> all, int percent) {
            step = at;
            steps = all;
            weight = percent;
            return this;
        }

        Draft seq(long value) {
            seq = value;
            return this;
        }

        Draft application(String value) {
            application = value;
            return this;
        }

        Draft id(String value) {
            id = value;
            return this;
        }

        LedgerEvent build() {
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
                    rolledBackFrom,
                    slot,
                    step,
                    steps,
                    weight,
                    id);
        }
    }

    private static Draft draft(
            EventType type, String application, String tier, Candidate candidate, String actor, Instant time) {
        return new Draft(type, application, tier, candidate, actor, time);
    }

    /** Blue-green: a deployment of the candidate into the idle {@code slot} began. */
    public static LedgerEvent slotDeploymentStarted(
            String application, String tier, Candidate candidate, String actor, Instant time, String slot) {
        return draft(EventType.DEPLOYMENT_STARTED, application, tier, candidate, actor, time)
                .slot(slot)
                .build();
    }

    /** Blue-green: the deployment into the idle {@code slot} failed; what the slot holds is unknown. */
    public static LedgerEvent slotDeploymentFailed(
            String application,
            String tier,
            Candidate candidate,
            String actor,
            Instant time,
            String slot,
            Integer exitCode,
            String reason) {
        return draft(EventType.DEPLOYMENT_FAILED, application, tier, candidate, actor, time)
                .failure(exitCode, reason)
                .slot(slot)
                .build();
    }

    /** Blue-green: the candidate is deployed into the idle {@code slot}, awaiting the switch. */
    public static LedgerEvent slotDeployed(
            String application, String tier, Candidate candidate, String actor, Instant time, String slot) {
        return draft(EventType.SLOT_DEPLOYED, application, tier, candidate, actor, time)
                .slot(slot)
                .build();
    }

    /** Blue-green: {@code slot} became active with the candidate, which is now live. */
    public static LedgerEvent switched(
            String application, String tier, Candidate candidate, String actor, Instant time, String slot) {
        return draft(EventType.SWITCHED, application, tier, candidate, actor, time)
                .slot(slot)
                .build();
    }

    /** Blue-green: {@code slot} became active again with {@code target}, withdrawing {@code fromVersion}. */
    public static LedgerEvent switchedBack(
            String application,
            String tier,
            Candidate target,
            String actor,
            Instant time,
            String slot,
            String fromVersion,
            String reason) {
        return draft(EventType.SWITCHED_BACK, application, tier, target, actor, time)
                .slot(slot)
                .reason(reason)
                .from(fromVersion)
                .build();
    }

    /** Canary: a canary of the candidate over the live one began, at weight 0. */
    public static LedgerEvent canaryStarted(
            String application, String tier, Candidate candidate, String actor, Instant time, List<Integer> steps) {
        return draft(EventType.DEPLOYMENT_STARTED, application, tier, candidate, actor, time)
                .canary(0, steps, 0)
                .build();
    }

    /** Canary: step {@code step} (1-based, not the last) was reached. */
    public static LedgerEvent canaryStepReached(
            String application,
            String tier,
            Candidate candidate,
            String actor,
            Instant time,
            int step,
            List<Integer> steps) {
        return draft(EventType.CANARY_STEP_REACHED, application, tier, candidate, actor, time)
                .canary(step, steps, steps.get(step - 1))
                .build();
    }

    /**
     * Canary: withdrawn after step {@code step} (0 when none was reached), because of the failing
     * step check {@code verdict} (null when a person aborted it) and {@code reason}.
     */
    public static LedgerEvent canaryAborted(
            String application,
            String tier,
            Candidate candidate,
            String actor,
            Instant time,
            int step,
            List<Integer> steps,
            Verdict verdict,
            String reason) {
        return draft(EventType.CANARY_ABORTED, application, tier, candidate, actor, time)
                .canary(step, steps, 0)
                .verdict(verdict)
                .reason(reason)
                .build();
    }

    /** Canary: the last step (100%) was reached: the candidate takes all traffic and is live. */
    public static LedgerEvent canaryCompleted(
            String application, String tier, Candidate candidate, String actor, Instant time, List<Integer> steps) {
        return draft(EventType.CANARY_COMPLETED, application, tier, candidate, actor, time)
                .canary(steps.size(), steps, 100)
                .build();
    }

    /** A gate verdict, at the time it was evaluated, with optional test evidence. */
    public static LedgerEvent verdict(Verdict verdict, EvidenceSummary evidence, String actor) {
        return draft(
                        EventType.GATE_VERDICT,
                        verdict.application(),
                        verdict.tier(),
                        verdict.candidate(),
                        actor,
                        verdict.evaluatedAt())
                .verdict(verdict)
                .evidence(evidence)
                .build();
    }

    /** An approval given or refused; the actor is the person who answered. */
    public static LedgerEvent approval(
            String application, String tier, Candidate candidate, Approval approval, Instant time) {
        return draft(EventType.APPROVAL, application, tier, candidate, approval.person(), time)
                .approval(approval)
                .build();
    }

    /**
     * An answer given for a canary at one of its steps ({@code approveAt}): the approval event, with
     * the step, the tier's steps and the step's weight. It is not an answer to the tier's gate, and
     * no gate counts it.
     */
    public static LedgerEvent stepApproval(
            String application,
            String tier,
            Candidate candidate,
            Approval approval,
            Instant time,
            int step,
            List<Integer> steps) {
        return draft(EventType.APPROVAL, application, tier, candidate, approval.person(), time)
                .approval(approval)
                .canary(step, steps, steps.get(step - 1))
                .build();
    }

    /** True for an approval given at a canary step rather than at the tier's gate. */
    public boolean isStepApproval() {
        return type == EventType.APPROVAL && step != null;
    }

    public static LedgerEvent deploymentStarted(
            String application, String tier, Candidate candidate, String actor, Instant time) {
        return draft(EventType.DEPLOYMENT_STARTED, application, tier, candidate, actor, time)
                .build();
    }

    public static LedgerEvent deploymentSucceeded(
            String application, String tier, Candidate candidate, String actor, Instant time) {
        return draft(EventType.DEPLOYMENT_SUCCEEDED, application, tier, candidate, actor, time)
                .build();
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
        return draft(EventType.DEPLOYMENT_FAILED, application, tier, candidate, actor, time)
                .failure(exitCode, reason)
                .build();
    }

    /** The tier was rolled back to {@code target}, replacing {@code fromVersion} (null if unknown). */
    public static LedgerEvent rolledBack(
            String application, String tier, Candidate target, String actor, Instant time, String fromVersion) {
        return draft(EventType.ROLLED_BACK, application, tier, target, actor, time)
                .from(fromVersion)
                .build();
    }

    /** A person deployed through a freeze window. */
    public static LedgerEvent freezeOverride(
            String application, String tier, Candidate candidate, String person, Instant time, String reason) {
        return draft(EventType.FREEZE_OVERRIDE, application, tier, candidate, person, time)
                .reason(reason)
                .build();
    }

    /**
     * Blue-green: the automatic switch check of {@code candidate}, waiting in the idle {@code slot},
     * failed with {@code check}; nothing switched. Recorded so status and views say why the
     * candidate did not go live.
     */
    public static LedgerEvent switchCheckFailed(
            String application,
            String tier,
            Candidate candidate,
            String actor,
            Instant time,
            String slot,
            Verdict check) {
        return draft(EventType.SWITCH_CHECK_FAILED, application, tier, candidate, actor, time)
                .slot(slot)
                .verdict(check)
                .build();
    }

    /**
     * The same blue-green switch or canary step with the check that let it happen (the switch check,
     * or the step check of the step before), so the ledger keeps the evidence of every step.
     *
     * @throws IllegalArgumentException for another type of event, or a check of another tier or
     *     candidate
     */
    public LedgerEvent withCheck(Verdict check) {
        if (type != EventType.SWITCHED && type != EventType.CANARY_STEP_REACHED && type != EventType.CANARY_COMPLETED) {
            throw new IllegalArgumentException("only a switch or a canary step carries its check, not " + type);
        }
        if (!check.tier().equals(tier) || !check.candidate().version().equals(version())) {
            throw new IllegalArgumentException("the check is of "
                    + check.candidate().version() + " at " + check.tier() + ", not of " + version() + " at " + tier);
        }
        return Draft.of(this).verdict(check).build();
    }

    /**
     * The same switch, canary step or canary abort with the test totals its check read, so views
     * can show the counts behind a step check as they do for a gate verdict.
     *
     * @throws IllegalArgumentException for another type of event, or one that carries no check
     */
    public LedgerEvent withCheckEvidence(EvidenceSummary checkEvidence) {
        boolean strategyStep = type == EventType.SWITCHED
                || type == EventType.SWITCH_CHECK_FAILED
                || type == EventType.CANARY_STEP_REACHED
                || type == EventType.CANARY_COMPLETED
                || type == EventType.CANARY_ABORTED;
        if (!strategyStep || verdict == null) {
            throw new IllegalArgumentException("only a switch or canary event with its check carries the check's"
                    + " test evidence, not " + type + (verdict == null ? " without a check" : ""));
        }
        return Draft.of(this).evidence(checkEvidence).build();
    }

    /** The same event at position {@code seq}; used by the ledger on append. */
    public LedgerEvent withSeq(long seq) {
        return Draft.of(this).seq(seq).build();
    }

    /**
     * The same event, and its verdict, given to {@code application}; every other field kept. For a
     * ledger handed to an application renamed by its host (the plugin's job renamed or moved).
     */
    public LedgerEvent withApplication(String application) {
        Verdict v = verdict == null
                ? null
                : new Verdict(
                        application,
                        verdict.tier(),
                        verdict.candidate(),
                        verdict.findings(),
                        verdict.policy(),
                        verdict.evaluatedAt());
        return Draft.of(this).application(application).verdict(v).build();
    }

    /**
     * The same event with the id its appender chose, so that appending it again (a retry after a
     * lost connection) stores it once.
     */
    public LedgerEvent withId(String id) {
        return Draft.of(this).id(id).build();
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

    /**
     * True for the events that make a candidate live in the tier: it takes all of the tier's
     * traffic (a deployment, a rollback, a blue-green switch or switch back, a completed canary).
     */
    public boolean makesLive() {
        return switch (type) {
            case DEPLOYMENT_SUCCEEDED, ROLLED_BACK, SWITCHED, SWITCHED_BACK, CANARY_COMPLETED -> true;
            default -> false;
        };
    }

    /** True for the events that take traffic back to an earlier candidate (a rollback, a switch back). */
    public boolean rollsBack() {
        return type == EventType.ROLLED_BACK || type == EventType.SWITCHED_BACK;
    }
}
