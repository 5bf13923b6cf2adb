package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.GateContext.time;

import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.CandidateOrder;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The re-check a deployment makes before acting on the verdict that allowed it: a verdict is acted
 * on only while what decided it still holds. The latest verdict at the tier must have passed for
 * this very code (same source revision), no newer candidate may have gone live in the tier since
 * (only an explicit rollback may replace it), and no freeze window may be in force now unless the
 * verdict went through one by a recorded override. Both the command line's {@code tiers deploy}
 * and the plugin's {@code deployTo} ask this before deploying.
 *
 * <p>A rollback returns a tier to a candidate that was live there before, the way out of an
 * incident: ordering and freeze windows do not hold it back, and it needs no verdict; whether the
 * candidate was live there before is the caller's check, from the ledger.
 *
 * @param tier the tier to deploy into
 * @param candidate what is about to be deployed, with its revision when known
 * @param latest the latest verdict at the tier's gate for the candidate's version, or {@code null}
 * @param live the candidate live in the tier now, or {@code null}
 * @param freeze the tier's freeze windows as they stand now (its gate's, tightened by the pipeline)
 * @param rollback whether this is an explicit rollback
 */
public record DeployCheck(
        String tier, Candidate candidate, Verdict latest, LiveEntry live, List<FreezeWindow> freeze, boolean rollback)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public DeployCheck {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(candidate, "candidate");
        freeze = List.copyOf(freeze);
    }

    /**
     * Why the deployment may not go ahead at {@code now}, or empty when it may.
     *
     * @param now the time of the deployment, never another
     */
    public Optional<String> refusal(Instant now) {
        Objects.requireNonNull(now, "now");
        if (rollback) {
            return Optional.empty();
        }
        String v = candidate.version();
        if (latest == null || latest.status() != VerdictStatus.PASSED) {
            return Optional.of("the gate of " + tier + " has not passed " + v + " ("
                    + (latest == null ? "no verdict" : "its latest verdict is " + latest.status()) + ")");
        }
        if (!latest.tier().equals(tier) || !latest.candidate().version().equals(v)) {
            return Optional.of("the verdict given is for " + latest.candidate().version() + " at " + latest.tier()
                    + ", not for " + v + " at " + tier);
        }
        String passedAt = latest.candidate().revision();
        if (passedAt != null && candidate.revision() != null && !passedAt.equals(candidate.revision())) {
            return Optional.of(v + " passed the gate of " + tier + " at revision " + passedAt + "; revision "
                    + candidate.revision() + " is different code under the same label");
        }
        String verdictOf = "the verdict of " + time(latest.evaluatedAt());
        if (live != null
                && !live.candidate().version().equals(v)
                && CandidateOrder.OLDEST_FIRST.compare(candidate, live.candidate()) < 0) {
            return Optional.of(live.candidate().version() + ", newer than " + v + ", is live in " + tier + " since "
                    + time(live.since()) + "; " + verdictOf + " no longer holds, and only an explicit rollback"
                    + " may replace a newer candidate");
        }
        boolean overridden =
                latest.findings().stream().anyMatch(f -> f.code().equals(ReasonCode.FREEZE_OVERRIDDEN.name()));
        if (!overridden) {
            Instant until = null;
            List<String> names = new ArrayList<>();
            for (FreezeWindow w : freeze) {
                Optional<Instant> end = w.frozenUntil(now);
                if (end.isPresent()) {
                    names.add(w.describe());
                    until = until == null || end.get().isAfter(until) ? end.get() : until;
                }
            }
            if (until != null) {
                return Optional.of(tier + " is frozen now, until " + time(until) + " (" + String.join("; ", names)
                        + "); " + verdictOf + " passed outside the freeze and does not cover a deployment in it");
            }
        }
        return Optional.empty();
    }
}
