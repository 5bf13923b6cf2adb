package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.StrategyDecisions;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.Strategy;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.runs.TiersRunAction;
import io.jenkins.plugins.tiers.runs.TiersRunAction.DeploymentSummary;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import io.jenkins.plugins.tiers.strategy.TransitionRefusedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code tierSwitch(tier: 'staging') { sh './route.sh' }}: makes the idle slot of a blue-green tier
 * active, its candidate (deployed there by {@code deployTo}, awaiting the switch) live; with {@code
 * back: true}, makes the previous slot active again, without redeploying: a rollback. The body
 * routes the traffic (it may be empty where routing follows the ledger), with {@code DEPLOY_SLOT} (the slot becoming active) and {@code
 * DEPLOY_ACTION} ({@code switch} or {@code switch-back}); the switch is recorded only once it
 * succeeded. The engine's state machine refuses what cannot be done, with the reason.
 */
public final class TierSwitchStep extends Step {

    private final String tier;
    private boolean back;
    private String reason;

    @DataBoundConstructor
    public TierSwitchStep(String tier) {
        this.tier = Util.fixEmptyAndTrim(tier);
    }

    public String getTier() {
        return tier;
    }

    public boolean isBack() {
        return back;
    }

    /** Switch back to the previous candidate (a rollback) instead of switching to the new one. */
    @DataBoundSetter
    public void setBack(boolean back) {
        this.back = back;
    }

    @CheckForNull
    public String getReason() {
        return reason;
    }

    /** Why, recorded with a switch back. */
    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = Util.fixEmptyAndTrim(reason);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (tier == null) {
            throw new AbortException(Messages.Steps_TierRequired("tierSwitch"));
        }
        return new Execution(context, tier, back, reason);
    }

    private static final class Execution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 1L;

        private final String tier;
        private final boolean back;
        private final String reason;
        private String application;

        Execution(StepContext context, String tier, boolean back, String reason) {
            super(context);
            this.tier = tier;
            this.back = back;
            this.reason = reason;
        }

        @Override
        public boolean start() {
            run(this::begin);
            return false;
        }

        private void begin() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            ResolvedLadder ladder = TierGates.ladderOf(run);
            Tier t = TierGates.tier(ladder, tier);
            if (t.strategy().kind() != Strategy.Kind.BLUE_GREEN) {
                throw new AbortException(Messages.TierSwitchStep_NotBlueGreen(
                        tier, t.strategy().kind().label()));
            }
            application = ladder.application();
            LedgerEvent planned = decide(run); // refused before anything runs
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("DEPLOY_TIER", tier);
            variables.put("DEPLOY_VERSION", planned.candidate().version());
            variables.put("DEPLOY_SLOT", planned.slot());
            variables.put("DEPLOY_ACTION", back ? "switch-back" : "switch");
            context.get(TaskListener.class)
                    .getLogger()
                    .println(Messages.TierSwitchStep_Routing(
                            tier, planned.slot(), planned.candidate().version()));
            context.newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(
                            context.get(EnvironmentExpander.class), EnvironmentExpander.constant(variables)))
                    .withCallback(new Routed())
                    .start();
        }

        /** The event the switch records, checked against the ledger as it is now. */
        private LedgerEvent decide(Run<?, ?> run) throws AbortException {
            TierState state = ledger().liveState().tier(tier);
            try {
                return back
                        ? StrategyDecisions.switchBack(
                                application,
                                state,
                                TierGates.actor(run),
                                TierGates.clock().instant(),
                                reason)
                        : StrategyDecisions.switchOver(
                                application,
                                state,
                                TierGates.actor(run),
                                TierGates.clock().instant());
            } catch (TransitionRefusedException e) {
                throw new AbortException(Messages.TierSwitchStep_Refused(tier, e.getMessage()));
            }
        }

        private Ledger ledger() {
            return ApplicationLedgers.forApplication(application);
        }

        /** Records the switch (checked again: the ledger may have moved while the body routed). */
        private void record(Run<?, ?> run) throws Exception {
            LedgerEvent recorded;
            Ledger ledger = ledger();
            synchronized (ledger) {
                recorded = ledger.append(decide(run));
            }
            TiersRunAction.of(run, application)
                    .switched(
                            tier,
                            recorded.candidate(),
                            back ? DeploymentSummary.State.ROLLED_BACK : DeploymentSummary.State.SUCCEEDED,
                            recorded.time().toEpochMilli());
            String version = recorded.candidate().version();
            getContext()
                    .get(TaskListener.class)
                    .getLogger()
                    .println(
                            back
                                    ? Messages.TierSwitchStep_SwitchedBack(tier, recorded.slot(), version)
                                    : Messages.TierSwitchStep_Switched(tier, recorded.slot(), version));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("tier", tier);
            result.put("slot", recorded.slot());
            result.put("version", version);
            result.put("back", back);
            getContext().onSuccess(result);
        }

        private final class Routed extends BodyExecutionCallback {
            private static final long serialVersionUID = 1L;

            @Override
            public void onSuccess(StepContext bodyContext, Object result) {
                run(() -> record(getContext().get(Run.class)));
            }

            @Override
            public void onFailure(StepContext bodyContext, Throwable t) {
                getContext().onFailure(t); // nothing recorded: the traffic may not have moved
            }
        }
    }

    @Extension
    @Symbol("tierSwitch")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "tierSwitch";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TierSwitchStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        public FormValidation doCheckTier(@QueryParameter String value) {
            return StepForms.checkTier(value);
        }
    }
}
