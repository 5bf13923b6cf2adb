package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tiers.config.LadderResolver;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.ledger.LiveCandidate;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.ledger.WaitingCandidate;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code tierStatus()}: what is live in each tier of an application, as a map keyed by tier id, for
 * scripts such as "promote to production whatever is live in staging". Read from the ledger's live
 * state, never from build records.
 */
public final class TierStatusStep extends Step {

    private String application;

    @DataBoundConstructor
    public TierStatusStep() {}

    @CheckForNull
    public String getApplication() {
        return application;
    }

    /** The application to read; by default the one of this job's ladder. */
    @DataBoundSetter
    public void setApplication(String application) {
        this.application = Util.fixEmptyAndTrim(application);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, application);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final String application;

        Execution(StepContext context, String application) {
            super(context);
            this.application = application;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            // A job with no ladder of its own may still read an application it can see.
            ResolvedLadder own = application == null ? TierGates.ladderOf(run) : ownLadderIfAny(run);
            String app = application != null ? application : own.application();
            TierGates.checkReadable(run, app);
            LiveState state = ApplicationLedgers.forApplication(app).liveState();
            List<String> order = new ArrayList<>();
            if (own != null && app.equals(own.application())) {
                own.ladder().tiers().forEach(t -> order.add(t.id()));
            }
            state.tierIds().stream().filter(id -> !order.contains(id)).forEach(order::add);
            return toMap(state, order);
        }
    }

    /** The run's own ladder, only to order the tiers of another application it reads. */
    private static ResolvedLadder ownLadderIfAny(Run<?, ?> run) {
        try {
            return LadderResolver.forJob(run.getParent()).orElse(null);
        } catch (InvalidDefinitionException e) {
            return null;
        }
    }

    /**
     * Tier id to {@code [version, since, deployedBy, revision, rollback, waiting: [...]]}, in the
     * given order (the ladder's, then tiers only the ledger knows).
     */
    static Map<String, Object> toMap(LiveState state, List<String> order) {
        Map<String, Object> tiers = new LinkedHashMap<>();
        for (String id : order) {
            TierState tier = state.tier(id);
            Map<String, Object> entry = new LinkedHashMap<>();
            LiveCandidate live = tier.live();
            if (live != null) {
                entry.put("version", live.candidate().version());
                entry.put("since", live.since().toString());
                entry.put("deployedBy", live.deployedBy());
                entry.put("revision", live.candidate().revision());
                entry.put("rollback", live.rollback());
            } else {
                entry.put("version", null);
            }
            List<String> waiting = new ArrayList<>();
            for (WaitingCandidate w : tier.waiting()) {
                waiting.add(w.candidate().version());
            }
            entry.put("waiting", waiting);
            tier.slotsIfAny().ifPresent(slots -> entry.put("slots", slotsMap(slots)));
            tier.canaryIfAny().ifPresent(canary -> entry.put("canary", canaryMap(canary)));
            tiers.put(tier.tier(), entry);
        }
        return tiers;
    }

    /** {@code [active: 'green', activeVersion: '2.4', idle: 'blue', idleVersion: '2.3', idleRole: 'previous']}. */
    static Map<String, Object> slotsMap(BlueGreen slots) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", slots.activeSlot().label());
        m.put("activeVersion", slots.activeCandidate().map(Candidate::version).orElse(null));
        m.put("idle", slots.idleSlot().label());
        m.put("idleVersion", slots.idleCandidate().map(Candidate::version).orElse(null));
        m.put("idleRole", slots.idleRole().label());
        return m;
    }

    /**
     * {@code [version: '2.5', status: 'in progress', weight: 25, step: 2, steps: [5, 25, 100], over:
     * '2.4', reason: null]}.
     */
    static Map<String, Object> canaryMap(Canary canary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", canary.candidateIfAny().map(Candidate::version).orElse(null));
        m.put("status", canary.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        m.put("weight", canary.weight());
        m.put("step", canary.reached());
        m.put("steps", new ArrayList<>(canary.steps()));
        m.put("over", canary.over() == null ? null : canary.over().version());
        m.put("reason", canary.reason());
        return m;
    }

    @Extension
    @Symbol("tierStatus")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "tierStatus";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TierStatusStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
