package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.model.Candidate;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the ledger knows about one candidate: its events in order and, per tier, how far it
 * got. The answer to "has commit abc123 reached production, and when?".
 *
 * @param candidate the candidate, with the most complete origin, revision and change time any
 *     of its events recorded
 * @param tiers one step per tier it was seen at, in the ledger's tier order
 * @param events its events in ledger order, including rollbacks away from it
 */
public record CandidatePath(Candidate candidate, List<TierStep> tiers, List<LedgerEvent> events)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public CandidatePath {
        Objects.requireNonNull(candidate, "candidate");
        tiers = List.copyOf(tiers);
        events = List.copyOf(events);
    }

    /**
     * Folds the events of one candidate (in ledger order) into its path.
     *
     * @param version the candidate's version
     * @param events its events, plus rollbacks whose {@code rolledBackFrom} is this version
     * @param tierOrder the tier ids in ladder order; tiers not listed follow in order of appearance
     */
    public static CandidatePath of(String version, List<LedgerEvent> events, List<String> tierOrder) {
        Candidate candidate = null;
        Map<String, StepBuilder> steps = new LinkedHashMap<>();
        for (String t : tierOrder) {
            steps.put(t, null);
        }
        for (LedgerEvent e : events) {
            boolean own = e.version().equals(version);
            if (own) {
                candidate = merge(candidate, e.candidate());
            }
            StepBuilder step = steps.get(e.tier());
            if (step == null) {
                step = new StepBuilder();
                steps.put(e.tier(), step);
            }
            step.apply(e, own);
        }
        if (candidate == null) {
            candidate = Candidate.of(version);
        }
        List<TierStep> result = new ArrayList<>();
        steps.forEach((tier, b) -> {
            if (b != null) {
                result.add(b.build(tier));
            }
        });
        return new CandidatePath(candidate, result, events);
    }

    private static Candidate merge(Candidate known, Candidate seen) {
        if (known == null) {
            return seen;
        }
        return new Candidate(
                known.version(),
                known.origin() != null ? known.origin() : seen.origin(),
                known.revision() != null ? known.revision() : seen.revision(),
                known.changedAt() != null ? known.changedAt() : seen.changedAt());
    }

    public String version() {
        return candidate.version();
    }

    /** Its step at a tier, if it was ever seen there. */
    public Optional<TierStep> tier(String id) {
        return tiers.stream().filter(s -> s.tier().equals(id)).findFirst();
    }

    /** True when its latest verdict at the tier's gate passed. */
    public boolean passed(String tier) {
        return tier(tier).map(s -> s.verdict() == VerdictStatus.PASSED).orElse(false);
    }

    /** When it first became live in the tier, if it did. */
    public Optional<Instant> reached(String tier) {
        return tier(tier).flatMap(TierStep::reached);
    }

    /** The approvals given or refused for it at the tier's gate, in order (not those at a canary step). */
    public List<Approval> approvals(String tier) {
        return events.stream()
                .filter(e -> e.type() == EventType.APPROVAL
                        && !e.isStepApproval()
                        && e.tier().equals(tier))
                .map(LedgerEvent::approval)
                .toList();
    }

    /** The highest tier (in the given order) it is or was live in, if any. */
    public Optional<String> furthest(List<String> tierOrder) {
        String best = null;
        for (String t : tierOrder) {
            if (reached(t).isPresent()) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    private static final class StepBuilder {
        VerdictStatus verdict;
        Instant verdictAt;
        Instant firstWaitingAt;
        Instant passedAt;
        DeploymentOutcome deployment;
        Instant deploymentAt;
        Instant liveAt;

        void apply(LedgerEvent e, boolean own) {
            if (!own) {
                if (e.rollsBack()) {
                    deployment = DeploymentOutcome.ROLLED_BACK_FROM;
                    deploymentAt = e.time();
                }
                return;
            }
            switch (e.type()) {
                case GATE_VERDICT -> {
                    verdict = e.status();
                    verdictAt = e.time();
                    if (verdict == VerdictStatus.WAITING && firstWaitingAt == null) {
                        firstWaitingAt = e.time();
                    }
                    if (verdict == VerdictStatus.PASSED && passedAt == null) {
                        passedAt = e.time();
                    }
                }
                case DEPLOYMENT_STARTED -> deployed(DeploymentOutcome.STARTED, e);
                case DEPLOYMENT_FAILED -> deployed(DeploymentOutcome.FAILED, e);
                case DEPLOYMENT_SUCCEEDED -> deployed(DeploymentOutcome.SUCCEEDED, e);
                case ROLLED_BACK, SWITCHED_BACK -> deployed(DeploymentOutcome.ROLLED_BACK_TO, e);
                case SLOT_DEPLOYED -> deployed(DeploymentOutcome.AWAITING_SWITCH, e);
                case SWITCHED, CANARY_COMPLETED -> deployed(DeploymentOutcome.SUCCEEDED, e);
                case CANARY_STEP_REACHED -> deployed(DeploymentOutcome.CANARY_IN_PROGRESS, e);
                case CANARY_ABORTED -> deployed(DeploymentOutcome.CANARY_ABORTED, e);
                default -> {
                    // approvals and freeze overrides do not move the candidate
                }
            }
        }

        private void deployed(DeploymentOutcome outcome, LedgerEvent e) {
            deployment = outcome;
            deploymentAt = e.time();
            if (e.makesLive() && liveAt == null) {
                liveAt = e.time();
            }
        }

        TierStep build(String tier) {
            return new TierStep(tier, verdict, verdictAt, firstWaitingAt, passedAt, deployment, deploymentAt, liveAt);
        }
    }
}
