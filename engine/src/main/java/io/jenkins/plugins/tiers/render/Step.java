package io.jenkins.plugins.tiers.render;

import io.jenkins.plugins.tiers.model.BuildRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event in a candidate's journey at one tier: a gate verdict or a deployment outcome, with the
 * lines that explain it.
 *
 * @param tierId the tier the verdict or deployment is about (for a verdict, the tier the candidate
 *     asked to enter)
 * @param at when it happened
 * @param kind what happened
 * @param reason the first reason for a blocked, waiting, failed or rolled-back step, shown as the
 *     marker's tooltip; {@code null} when there is none
 * @param evidence the evidence lines, in the order the gate wrote them
 * @param approvals the approvals recorded for this step, in the order given
 * @param build the run that produced the step (the deploying run), or {@code null} to link to the
 *     candidate's own build
 * @param check for a switch, a canary step or a canary abort, the check recorded with it; {@code
 *     null} when none ran
 */
public record Step(
        String tierId,
        Instant at,
        StepKind kind,
        String reason,
        List<String> evidence,
        List<Approval> approvals,
        BuildRef build,
        StepCheck check) {

    /** A step without a strategy check. */
    public Step(
            String tierId,
            Instant at,
            StepKind kind,
            String reason,
            List<String> evidence,
            List<Approval> approvals,
            BuildRef build) {
        this(tierId, at, kind, reason, evidence, approvals, build, null);
    }

    public Step {
        Objects.requireNonNull(tierId, "tierId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        reason = reason == null || reason.isBlank() ? null : reason;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    /** A step with no reason, evidence, approvals or build of its own. */
    public static Step of(String tierId, Instant at, StepKind kind) {
        return new Step(tierId, at, kind, null, List.of(), List.of(), null, null);
    }
}
