package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.gate.Approval;
import io.jenkins.plugins.tiers.gate.Approval.Decision;
import io.jenkins.plugins.tiers.gate.Baseline;
import io.jenkins.plugins.tiers.gate.LiveEntry;
import io.jenkins.plugins.tiers.gate.PromotionHistory;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.model.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The gate's view of the past, answered from an application's ledger: what is live (from the
 * live state, cheap at any size), what passed (the latest verdict) and the approvals given (from the candidate's own
 * events), and the failures to compare with (those recorded with the verdict that let the live
 * candidate in, else those of the last candidate to pass the gate among the recent ones).
 */
public final class LedgerPromotionHistory implements PromotionHistory {

    /** How many recent candidates are searched for the last one that passed a gate. */
    public static final int BASELINE_SEARCH = 100;

    private final Ledger ledger;

    private LedgerPromotionHistory(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    public static LedgerPromotionHistory of(Ledger ledger) {
        return new LedgerPromotionHistory(ledger);
    }

    @Override
    public Optional<LiveEntry> liveIn(String tier) {
        return ledger.liveState().live(tier).map(l -> new LiveEntry(l.candidate(), l.since(), l.deployedBy()));
    }

    /** Whether the latest verdict at the tier passed: a later block or wait withdraws an earlier pass. */
    @Override
    public List<String> unaccountedLines() {
        return ledger.unaccounted();
    }

    @Override
    public boolean hasPassed(String tier, String version) {
        return ledger.candidate(version).map(path -> path.passed(tier)).orElse(false);
    }

    /** The candidate as the ledger first knew it, its revision the first one any of its events recorded. */
    @Override
    public Optional<Candidate> known(String version) {
        return ledger.candidate(version).map(CandidatePath::candidate);
    }

    @Override
    public Optional<Baseline> baselineFor(String tier) {
        Optional<LiveCandidate> live = ledger.liveState().live(tier);
        if (live.isPresent() && live.get().evidence().isPresent()) {
            return Optional.of(new Baseline(
                    live.get().candidate(),
                    Baseline.Source.LIVE,
                    tier,
                    Set.copyOf(live.get().evidence().get().failed())));
        }
        // Nothing live with evidence: the last passed verdict with evidence among the recent
        // candidates, by ledger position (a candidate first seen early may pass last).
        LedgerEvent last = null;
        Candidate lastCandidate = null;
        for (CandidatePath path : ledger.lastCandidates(BASELINE_SEARCH)) {
            for (LedgerEvent e : path.events()) {
                if (e.type() == EventType.GATE_VERDICT
                        && e.tier().equals(tier)
                        && e.status() == VerdictStatus.PASSED
                        && e.evidence() != null
                        && e.version().equals(path.version())
                        && (last == null || e.seq() > last.seq())) {
                    last = e;
                    lastCandidate = path.candidate();
                }
            }
        }
        return last == null
                ? Optional.empty()
                : Optional.of(new Baseline(
                        lastCandidate,
                        Baseline.Source.LAST_PASSED,
                        tier,
                        Set.copyOf(last.evidence().failed())));
    }

    /**
     * The approvals and refusals given for {@code version} at {@code tier}, in ledger order, as the
     * gate counts them (each person by their latest answer).
     */
    public List<Approval> approvals(String tier, String version) {
        List<Approval> given = new ArrayList<>();
        ledger.candidate(version).ifPresent(path -> {
            for (LedgerEvent e : path.events()) {
                if (e.type() == EventType.APPROVAL
                        && !e.isStepApproval()
                        && e.tier().equals(tier)
                        && e.version().equals(version)) {
                    given.add(approval(e));
                }
            }
        });
        return given;
    }

    /**
     * The answers given for {@code candidate} at {@code tier}, as {@link #approvals(String, String)},
     * leaving out those given to the same version label at another source revision: an approval
     * belongs to the code that was approved, not to a label.
     */
    public List<Approval> approvals(String tier, Candidate candidate) {
        List<Approval> given = new ArrayList<>();
        ledger.candidate(candidate.version()).ifPresent(path -> {
            for (LedgerEvent e : path.events()) {
                if (e.type() == EventType.APPROVAL
                        && !e.isStepApproval()
                        && e.tier().equals(tier)
                        && e.version().equals(candidate.version())
                        && sameCode(e.candidate(), candidate)) {
                    given.add(approval(e));
                }
            }
        });
        return given;
    }

    /** Whether two records of one version label are the same code: both revisions known and different means not. */
    private static boolean sameCode(Candidate recorded, Candidate asked) {
        return recorded.revision() == null
                || asked.revision() == null
                || recorded.revision().equals(asked.revision());
    }

    /**
     * The answers given for {@code candidate}'s canary at {@code tier} at step {@code step}
     * ({@code approveAt}), in ledger order; never counted by a gate.
     */
    public List<Approval> stepApprovals(String tier, Candidate candidate, int step) {
        List<Approval> given = new ArrayList<>();
        ledger.candidate(candidate.version()).ifPresent(path -> {
            for (LedgerEvent e : path.events()) {
                if (e.isStepApproval()
                        && e.step() == step
                        && e.tier().equals(tier)
                        && e.version().equals(candidate.version())
                        && sameCode(e.candidate(), candidate)) {
                    given.add(approval(e));
                }
            }
        });
        return given;
    }

    private static Approval approval(LedgerEvent e) {
        io.jenkins.plugins.tiers.ledger.Approval a = e.approval();
        return new Approval(
                a.person(),
                Set.copyOf(a.groups()),
                e.time(),
                a.given() ? Decision.APPROVE : Decision.REFUSE,
                a.comment());
    }

    /**
     * When the gate of {@code tier} first waited for {@code version}, from which its approval
     * timeout counts. The first wait ever, not the current one: running the gate again after a
     * timeout does not restart the clock.
     */
    public Optional<Instant> firstWaiting(String tier, String version) {
        return ledger.candidate(version).flatMap(path -> path.tier(tier)).map(TierStep::firstWaitingAt);
    }
}
