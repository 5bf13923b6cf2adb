package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a candidate may enter a tier, rule by rule, and explains the decision: the
 * promotion order first, then the test evidence, then approvals, soak time and freeze windows.
 * Every rule evaluated leaves one finding, so a blocked verdict lists everything that is wrong at
 * once. Deterministic: the same request, history and clock give the same verdict.
 */
public final class GateEngine {

    private final Clock clock;

    public GateEngine(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Evaluates the gate of the request's tier, tightened by the pipeline's rules. A pipeline
     * request that would relax the gate is not an error here but a blocked verdict that says so,
     * so that the attempt is recorded like any other.
     *
     * @param request what asks to enter where, on what evidence
     * @param history what is live and what passed, for this application
     * @return the verdict, with one finding per rule evaluated and the policy as evaluated
     */
    public Verdict evaluate(GateRequest request, PromotionHistory history) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(history, "history");
        Instant now = clock.instant();
        GatePolicy policy;
        try {
            policy = request.effectivePolicy();
        } catch (PolicyRelaxedException e) {
            GatePolicy gate =
                    request.ladder().tier(request.tier()).orElseThrow().gate();
            return verdict(
                    request,
                    gate,
                    List.of(GateContext.finding(e.rule(), Outcome.BLOCK, ReasonCode.POLICY_RELAXED, e.getMessage())),
                    now);
        }
        GateContext c = new GateContext(request, policy, history, now);
        List<Finding> findings = new ArrayList<>();
        List<String> unaccounted = history.unaccountedLines();
        if (!unaccounted.isEmpty()) {
            // a line set aside may be a refusal: the past is not known well enough to pass or wait
            findings.add(GateContext.finding(
                    "ledger",
                    Outcome.BLOCK,
                    ReasonCode.LEDGER_LINES_UNACCOUNTED,
                    GateContext.plural(unaccounted.size(), "ledger line", "ledger lines")
                            + " cannot be accounted for: " + GateContext.list(unaccounted)
                            + "; see `tiers ledger check`, and `tiers ledger repair` to quarantine them"));
        }
        findings.add(PromotionRules.fromBelow(c));
        findings.add(PromotionRules.notOlderThanLive(c));
        PromotionRules.sameCode(c).ifPresent(findings::add);
        if (request.evidence().read().isPresent()) {
            findings.addAll(new TestRules(c, request.evidence().tests()).evaluate());
        } else {
            findings.add(GateContext.finding(
                    "evidence",
                    Outcome.BLOCK,
                    ReasonCode.NO_EVIDENCE,
                    "no test evidence: " + request.evidence().unreadable()));
        }
        policy.approval().ifPresent(a -> findings.add(ApprovalRule.evaluate(c, a)));
        policy.soak().ifPresent(s -> findings.add(SoakRule.evaluate(c, s)));
        if (!policy.freeze().isEmpty()) {
            findings.add(FreezeRule.evaluate(c, policy.freeze()));
        }
        return verdict(request, policy, findings, now);
    }

    private static Verdict verdict(GateRequest request, GatePolicy policy, List<Finding> findings, Instant now) {
        return new Verdict(
                request.ladder().application(), request.tier(), request.candidate(), findings, policy.describe(), now);
    }
}
