package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.GateContext.finding;
import static io.jenkins.plugins.tiers.gate.GateContext.time;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.CandidateOrder;
import io.jenkins.plugins.tiers.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules every gate applies whatever its policy: a candidate climbs the ladder one tier at a
 * time (passing over skippable tiers only), never replaces a newer live candidate except by
 * an explicit rollback, and one version label names one source revision.
 */
final class PromotionRules {

    static final String FROM_BELOW = "fromBelow";
    static final String NOT_OLDER = "notOlderThanLive";
    static final String SAME_CODE = "sameCode";

    private PromotionRules() {}

    static Finding fromBelow(GateContext c) {
        List<Tier> tiers = c.ladder().tiers();
        int index = c.ladder().indexOf(c.target().id());
        String v = c.version();
        if (index == 0) {
            return finding(
                    FROM_BELOW,
                    Outcome.PASS,
                    ReasonCode.FIRST_TIER,
                    c.target().id() + " is the first tier: any candidate may enter");
        }
        List<String> skipped = new ArrayList<>();
        for (int i = index - 1; i >= 0; i--) {
            Tier below = tiers.get(i);
            String how = null;
            Optional<LiveEntry> live = c.history().liveIn(below.id());
            if (live.isPresent() && live.get().candidate().version().equals(v)) {
                how = v + " is live in " + below.id();
            } else if (c.history().hasPassed(below.id(), v)) {
                how = v + " passed " + below.id();
            }
            if (how != null) {
                String note = skipped.isEmpty() ? "" : " (skipping " + String.join(", ", skipped) + ", skippable)";
                return finding(FROM_BELOW, Outcome.PASS, ReasonCode.PROMOTED_FROM_BELOW, how + note);
            }
            if (!below.skippable()) {
                return finding(
                        FROM_BELOW,
                        Outcome.BLOCK,
                        ReasonCode.NOT_PROMOTED_FROM_BELOW,
                        v + " is neither live in nor has passed " + below.id()
                                + (skipped.isEmpty()
                                        ? ", the tier below " + c.target().id()
                                        : ", the first tier below " + c.target().id() + " that cannot be skipped"));
            }
            skipped.add(below.id());
        }
        return finding(
                FROM_BELOW,
                Outcome.PASS,
                ReasonCode.SKIPPED_TO_TIER,
                v + " enters " + c.target().id() + " directly: every tier below is skippable ("
                        + String.join(", ", skipped) + ")");
    }

    static Finding notOlderThanLive(GateContext c) {
        String tier = c.target().id();
        Optional<LiveEntry> live = c.history().liveIn(tier);
        if (live.isEmpty()) {
            return finding(NOT_OLDER, Outcome.PASS, ReasonCode.NOTHING_LIVE, "nothing is live in " + tier + " yet");
        }
        Candidate current = live.get().candidate();
        Candidate candidate = c.request().candidate();
        String liveIn = current.version() + ", live in " + tier;
        if (current.version().equals(candidate.version())) {
            return finding(
                    NOT_OLDER,
                    Outcome.PASS,
                    ReasonCode.REDEPLOY,
                    candidate.version() + " is already live in " + tier + " since "
                            + time(live.get().since()) + "; redeploying it is allowed");
        }
        if (CandidateOrder.OLDEST_FIRST.compare(candidate, current) > 0) {
            return finding(
                    NOT_OLDER,
                    Outcome.PASS,
                    ReasonCode.NEWER_THAN_LIVE,
                    candidate.version() + " is newer than " + liveIn + olderBecause(candidate, current));
        }
        if (c.request().rollback()) {
            return finding(
                    NOT_OLDER,
                    Outcome.PASS,
                    ReasonCode.ROLLBACK,
                    "rollback: " + candidate.version() + " is older than " + liveIn + olderBecause(candidate, current)
                            + ", and the request is an explicit rollback");
        }
        return finding(
                NOT_OLDER,
                Outcome.BLOCK,
                ReasonCode.OLDER_THAN_LIVE,
                candidate.version() + " is older than " + liveIn + olderBecause(candidate, current)
                        + "; only an explicit rollback may replace it with an older candidate");
    }

    /**
     * A version label names one build's code: the same label at another source revision is refused
     * rather than treated as the candidate the label first named, so its verdicts and approvals
     * never carry over to different code. Empty (no finding) when the history does not contradict
     * the request, to keep verdicts about the rules that decide them.
     */
    static Optional<Finding> sameCode(GateContext c) {
        Candidate asked = c.request().candidate();
        Optional<Candidate> known = c.history().known(asked.version());
        if (known.isEmpty()
                || known.get().revision() == null
                || asked.revision() == null
                || known.get().revision().equals(asked.revision())) {
            return Optional.empty();
        }
        return Optional.of(finding(
                SAME_CODE,
                Outcome.BLOCK,
                ReasonCode.VERSION_REUSED,
                asked.version() + " was recorded at revision " + known.get().revision() + "; revision "
                        + asked.revision() + " reuses the label for different code, so nothing given to "
                        + asked.version() + " (verdicts, approvals) counts for it: build it under a new version"));
    }

    private static String olderBecause(Candidate a, Candidate b) {
        if (a.changedAt() != null && b.changedAt() != null && !a.changedAt().equals(b.changedAt())) {
            return " (newest change " + time(a.changedAt()) + " against " + time(b.changedAt()) + ")";
        }
        return "";
    }
}
