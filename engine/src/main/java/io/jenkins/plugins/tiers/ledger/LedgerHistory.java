package io.jenkins.plugins.tiers.ledger;

import io.jenkins.plugins.tiers.gate.Baseline;
import io.jenkins.plugins.tiers.gate.LiveEntry;
import io.jenkins.plugins.tiers.gate.PromotionHistory;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The past a gate needs, read from a ledger: the live state for "what is live where", the
 * candidate index for "did it pass there", and the evidence recorded with passed verdicts for the
 * "no new failures" baseline.
 */
public final class LedgerHistory implements PromotionHistory {

    private final Ledger ledger;

    public LedgerHistory(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public Optional<LiveEntry> liveIn(String tier) {
        return ledger.liveState().live(tier).map(l -> new LiveEntry(l.candidate(), l.since(), l.deployedBy()));
    }

    @Override
    public boolean hasPassed(String tier, String version) {
        return ledger.candidate(version)
                .map(path ->
                        path.tiers().stream().anyMatch(step -> step.tier().equals(tier) && step.passedAt() != null))
                .orElse(false);
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
        // Nothing live with evidence: the last candidate that passed this gate with test evidence.
        AtomicReference<LedgerEvent> last = new AtomicReference<>();
        ledger.scan(e -> {
            if (e.type() == EventType.GATE_VERDICT
                    && e.tier().equals(tier)
                    && e.verdict().status() == VerdictStatus.PASSED
                    && e.evidence() != null) {
                last.set(e);
            }
        });
        LedgerEvent e = last.get();
        return e == null
                ? Optional.empty()
                : Optional.of(new Baseline(
                        e.candidate(),
                        Baseline.Source.LAST_PASSED,
                        tier,
                        Set.copyOf(e.evidence().failed())));
    }

    /**
     * The approvals and refusals recorded for a candidate at a tier, in ledger order, as the gate
     * reads them.
     */
    public List<io.jenkins.plugins.tiers.gate.Approval> approvals(String tier, String version) {
        List<io.jenkins.plugins.tiers.gate.Approval> answers = new ArrayList<>();
        ledger.candidate(version).ifPresent(path -> path.events().stream()
                .filter(e -> e.type() == EventType.APPROVAL
                        && e.tier().equals(tier)
                        && e.version().equals(version))
                .forEach(e -> answers.add(new io.jenkins.plugins.tiers.gate.Approval(
                        e.approval().person(),
                        Set.copyOf(e.approval().groups()),
                        e.time(),
                        e.approval().given()
                                ? io.jenkins.plugins.tiers.gate.Approval.Decision.APPROVE
                                : io.jenkins.plugins.tiers.gate.Approval.Decision.REFUSE,
                        e.approval().comment()))));
        return answers;
    }

    /** When the gate of this tier first waited for this candidate, from which approval timeouts count. */
    public Optional<Instant> firstWaiting(String tier, String version) {
        return ledger.candidate(version).flatMap(path -> path.tiers().stream()
                .filter(step -> step.tier().equals(tier) && step.firstWaitingAt() != null)
                .map(TierStep::firstWaitingAt)
                .findFirst());
    }
}
