package io.jenkins.plugins.tiers.view;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.tiers.ledger.LiveCandidate;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.ledger.WaitingCandidate;
import io.jenkins.plugins.tiers.model.Tier;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One tier of the ladder with what is live in it and what waits at its gate, as the REST API and
 * the global view show it. Credentials are never part of it, not even their id.
 */
@ExportedBean(defaultVisibility = 2)
public final class TierSummary {

    private final Tier tier;
    private final TierState state;

    TierSummary(Tier tier, TierState state) {
        this.tier = tier;
        this.state = state;
    }

    @Exported
    public String getId() {
        return tier.id();
    }

    @Exported
    public String getDisplayName() {
        return tier.displayName();
    }

    @Exported
    public String getKind() {
        return tier.kind().label();
    }

    @CheckForNull
    @Exported(skipNull = true)
    public String getUrl() {
        return tier.url();
    }

    @Exported
    public String getStrategy() {
        return tier.strategy().toString();
    }

    /** The version live in the tier, or null when nothing was deployed there yet. */
    @CheckForNull
    @Exported
    public String getLiveVersion() {
        return state.liveCandidate().map(l -> l.candidate().version()).orElse(null);
    }

    /** When the live version went live (ISO-8601), or null. */
    @CheckForNull
    @Exported
    public String getLiveSince() {
        return state.liveCandidate().map(l -> l.since().toString()).orElse(null);
    }

    /** Who or what deployed the live version, or null. */
    @CheckForNull
    @Exported
    public String getDeployedBy() {
        return state.liveCandidate().map(LiveCandidate::deployedBy).orElse(null);
    }

    @Exported(inline = true)
    public List<WaitingSummary> getWaiting() {
        return state.waiting().stream().map(WaitingSummary::new).toList();
    }

    /** The waiting candidates of this tier as the ledger holds them. */
    List<WaitingCandidate> waitingCandidates() {
        return state.waiting();
    }

    /** A candidate waiting at this tier's gate (approval, soak time, freeze window). */
    @ExportedBean(defaultVisibility = 3)
    public static final class WaitingSummary {
        private final WaitingCandidate waiting;

        WaitingSummary(WaitingCandidate waiting) {
            this.waiting = waiting;
        }

        @Exported
        public String getVersion() {
            return waiting.candidate().version();
        }

        @Exported
        public String getSince() {
            return waiting.since().toString();
        }

        @Exported
        public List<String> getReasons() {
            return waiting.reasons();
        }
    }
}
