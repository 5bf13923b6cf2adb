package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.gate.PromotionQueue.Claim;
import io.jenkins.plugins.tiers.gate.PromotionQueue.Claimant;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.runs.TiersRunAction;
import io.jenkins.plugins.tiers.store.PromotionLocks;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code deployTo(tier: 'staging') { sh './deploy.sh' }}: a deployment of this run's candidate into
 * a tier. The tier's gate must pass first (a verdict this run already obtained with {@code
 * tierGate} is reused, once re-checked against what is live and the freeze windows now); then, one
 * run at a time per tier and newest first, the body runs with the
 * tier's credentials bound and masked, and the deployment's start and outcome are recorded in the
 * application's ledger and on the build. A body that fails fails the step, recorded as a failed
 * deployment.
 */
public final class DeployToStep extends Step {

    /** Environment variable names the tier's credentials are bound to by default. */
    public static final String DEFAULT_CREDENTIALS_VARIABLE = "TIER_CREDENTIALS";

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String tier;
    private String version;
    private String tests;
    private boolean rollback;
    private String credentialsVariable = DEFAULT_CREDENTIALS_VARIABLE;

    @DataBoundConstructor
    public DeployToStep(String tier) {
        this.tier = Util.fixEmptyAndTrim(tier);
    }

    public String getTier() {
        return tier;
    }

    @CheckForNull
    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    @CheckForNull
    public String getTests() {
        return tests;
    }

    @DataBoundSetter
    public void setTests(String tests) {
        this.tests = Util.fixEmptyAndTrim(tests);
    }

    public boolean isRollback() {
        return rollback;
    }

    /** Deploys a candidate older than the live one on purpose, recorded as a rollback. */
    @DataBoundSetter
    public void setRollback(boolean rollback) {
        this.rollback = rollback;
    }

    public String getCredentialsVariable() {
        return credentialsVariable;
    }

    @DataBoundSetter
    public void setCredentialsVariable(String credentialsVariable) {
        String name = Util.fixEmptyAndTrim(credentialsVariable);
        this.credentialsVariable = name == null ? DEFAULT_CREDENTIALS_VARIABLE : name;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (tier == null) {
            throw new AbortException(Messages.Steps_TierRequired("deployTo"));
        }
        if (!VARIABLE.matcher(credentialsVariable).matches()) {
            throw new AbortException(Messages.DeployToStep_BadVariable(credentialsVariable));
        }
        return new Execution(context, tier, version, tests, rollback, credentialsVariable);
    }

    /** Where a deployment stands; kept with the program so a restart resumes at the right place. */
    enum Phase {
        CHECKING,
        WAITING_FOR_TURN,
        DEPLOYING,
        FINISHING,
        DONE
    }

    private static final class Execution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 1L;

        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

        private final String tier;
        private final String version;
        private final String tests;
        private final boolean rollback;
        private final String credentialsVariable;

        private volatile Phase phase = Phase.CHECKING;
        private String application;
        // Engine records are kept as plain serialization bytes or plain fields (see Frozen).
        private Frozen<Candidate> frozenCandidate;
        private String claimantId;
        private long claimantStartedAt;
        private int claimantNumber;
        private String rolledBackFrom;
        private TierCredentials.Bound bound;

        Execution(
                StepContext context,
                String tier,
                String version,
                String tests,
                boolean rollback,
                String credentialsVariable) {
            super(context);
            this.tier = tier;
            this.version = version;
            this.tests = tests;
            this.rollback = rollback;
            this.credentialsVariable = credentialsVariable;
        }

        @Override
        public boolean start() {
            run(this::check);
            return false;
        }

        /** The gate, then a turn at the tier. */
        private void check() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            ResolvedLadder ladder = TierGates.ladderOf(run);
            TierGates.tier(ladder, tier);
            application = ladder.application();
            Candidate candidate = RunCandidates.of(run, version, context.get(EnvVars.class));
            frozenCandidate = Frozen.of(candidate);

            TiersRunAction action = run.getAction(TiersRunAction.class);
            TiersRunAction.VerdictSummary earlier =
                    action == null ? null : action.latestVerdict(tier, candidate.version());
            if (!rollback && earlier != null && earlier.getStatus().equals(VerdictStatus.PASSED.name())) {
                listener.getLogger().println(Messages.DeployToStep_ReusingVerdict(tier, candidate.version()));
            } else {
                GateEvidence evidence = Evidence.collect(run, context.get(FilePath.class), tests, listener);
                Verdict verdict = TierGates.evaluate(new TierGates.Ask(
                        run, ladder, tier, candidate, evidence, null, rollback, Instant.now(TierGates.clock())));
                TierGates.record(run, verdict, evidence);
                VerdictMaps.print(listener.getLogger(), verdict);
                if (verdict.status() == VerdictStatus.BLOCKED) {
                    throw new AbortException(
                            Messages.DeployToStep_Blocked(tier, candidate.version(), VerdictMaps.reasons(verdict)));
                }
                if (verdict.status() == VerdictStatus.WAITING) {
                    throw new AbortException(
                            Messages.DeployToStep_Waiting(tier, candidate.version(), VerdictMaps.reasons(verdict)));
                }
            }
            if (rollback) {
                rolledBackFrom = TierGates.liveVersion(application, tier);
            }
            claimantId = run.getExternalizableId();
            claimantStartedAt = run.getStartTimeInMillis();
            claimantNumber = run.getNumber();
            claimTurn(listener);
        }

        private Candidate candidate() {
            return frozenCandidate.get(Candidate.class);
        }

        private Claimant claimant() {
            return new Claimant(claimantId, claimantStartedAt, claimantNumber);
        }

        private void claimTurn(TaskListener listener) throws Exception {
            Claim claim = PromotionLocks.get().claim(application, tier, claimant(), new Turn());
            switch (claim.result()) {
                case GRANTED:
                    deploy();
                    break;
                case QUEUED:
                    phase = Phase.WAITING_FOR_TURN;
                    listener.getLogger()
                            .println(Messages.DeployToStep_WaitingForTurn(
                                    tier, claim.blocker().map(Claimant::id).orElse("?")));
                    getContext().saveState();
                    break;
                default:
                    phase = Phase.DONE;
                    throw superseded(claim.blocker().map(Claimant::id).orElse("?"));
            }
        }

        private FlowInterruptedException superseded(String newer) {
            return new FlowInterruptedException(Result.NOT_BUILT, new SupersededCause(tier, newer));
        }

        /** Told by the promotion locks when the run ahead has finished, or a newer one came. */
        private final class Turn implements PromotionLocks.Waiter {
            @Override
            public void granted() {
                run(Execution.this::deploy);
            }

            @Override
            public void superseded(Claimant newer) {
                phase = Phase.DONE;
                getContext().onFailure(Execution.this.superseded(newer.id()));
            }
        }

        /** Deploys, or if the body cannot even start, records the failure and gives the tier back. */
        private void deploy() throws Exception {
            try {
                startBody();
            } catch (Exception | LinkageError x) {
                if (phase == Phase.DEPLOYING) {
                    try {
                        finish(x);
                    } catch (Exception y) {
                        x.addSuppressed(y);
                    }
                } else {
                    phase = Phase.DONE;
                    PromotionLocks.get().release(application, tier, claimantId);
                }
                throw x;
            }
        }

        private void startBody() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            Tier t = TierGates.tier(TierGates.ladderOf(run), tier);
            // The verdict may be old (a tierGate before a pause, a wait for the tier): act on it only
            // while what decided it still holds, now that this run holds the tier.
            Optional<String> refusal = TierGates.deployRefusal(application, t, candidate(), rollback);
            if (refusal.isPresent()) {
                throw new AbortException(
                        Messages.DeployToStep_NoLongerHolds(candidate().version(), tier, refusal.get()));
            }
            phase = Phase.DEPLOYING;
            TierGates.deploymentStarted(run, application, tier, candidate());
            listener.getLogger()
                    .println(Messages.DeployToStep_Deploying(candidate().version(), tier));

            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("DEPLOY_TIER", tier);
            variables.put("DEPLOY_VERSION", candidate().version());
            t.link().ifPresent(url -> variables.put("DEPLOY_TIER_URL", url));
            EnvironmentExpander expander = EnvironmentExpander.merge(
                    context.get(EnvironmentExpander.class), EnvironmentExpander.constant(variables));
            BodyInvoker body = context.newBodyInvoker().withCallback(new BodyDone());
            if (t.credentials().isPresent()) {
                String id = t.credentials().get();
                bound = TierCredentials.bind(
                        id,
                        credentialsVariable,
                        run,
                        context.get(FilePath.class),
                        context.get(Launcher.class),
                        listener);
                listener.getLogger().println(Messages.DeployToStep_Credentials(id, bound.variables()));
                expander = EnvironmentExpander.merge(expander, bound.expander());
                body.withContext(TaskListenerDecorator.merge(
                        context.get(TaskListenerDecorator.class),
                        bound.masking(run.getCharset().name())));
            }
            body.withContext(expander);
            context.saveState();
            body.start();
        }

        /** Records how the body ended, gives the tier to the next run, and ends the step likewise. */
        private final class BodyDone extends BodyExecutionCallback {
            private static final long serialVersionUID = 1L;

            @Override
            public void onSuccess(StepContext bodyContext, Object result) {
                run(() -> {
                    finish(null);
                    getContext().onSuccess(result);
                });
            }

            @Override
            public void onFailure(StepContext bodyContext, Throwable t) {
                run(() -> {
                    try {
                        finish(t);
                    } catch (Exception x) {
                        t.addSuppressed(x);
                    }
                    getContext().onFailure(t);
                });
            }
        }

        private void finish(@CheckForNull Throwable failure) throws Exception {
            synchronized (this) {
                if (phase != Phase.DEPLOYING) {
                    return; // already recorded (the build was stopped while the body ran)
                }
                phase = Phase.FINISHING;
            }
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            try {
                if (bound != null) {
                    bound.unbind(run, context.get(FilePath.class), context.get(Launcher.class), listener);
                }
            } finally {
                try {
                    if (failure == null) {
                        TierGates.deploymentSucceeded(run, application, tier, candidate(), rollback, rolledBackFrom);
                        listener.getLogger()
                                .println(Messages.DeployToStep_Succeeded(
                                        candidate().version(), tier));
                    } else {
                        String reason = bound == null ? String.valueOf(failure) : bound.mask(String.valueOf(failure));
                        TierGates.deploymentFailed(run, application, tier, candidate(), reason);
                        listener.getLogger()
                                .println(
                                        Messages.DeployToStep_Failed(candidate().version(), tier));
                    }
                } finally {
                    phase = Phase.DONE;
                    PromotionLocks.get().release(application, tier, claimantId);
                }
            }
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            if (phase == Phase.WAITING_FOR_TURN) {
                phase = Phase.DONE;
                PromotionLocks.get().release(application, tier, claimantId);
            } else if (phase == Phase.DEPLOYING) {
                // The body's own callback may not run once the step is stopped: record the failure and give
                // the tier back here, off the CPS VM thread, and only then end the step, so that the failed
                // deployment is in the ledger before the step returns.
                Timer.get().submit(() -> {
                    try {
                        finish(cause);
                    } catch (Exception x) {
                        LOGGER.log(Level.WARNING, "Could not record the stopped deployment into " + tier, x);
                    } finally {
                        try {
                            Execution.super.stop(cause);
                        } catch (Exception x) {
                            getContext().onFailure(x);
                        }
                    }
                });
                return;
            }
            super.stop(cause);
        }

        @Override
        public void onResume() {
            super.onResume();
            try {
                if (phase == Phase.WAITING_FOR_TURN) {
                    run(() -> claimTurn(getContext().get(TaskListener.class)));
                } else if (phase == Phase.DEPLOYING && !PromotionLocks.get().restore(application, tier, claimant())) {
                    getContext().get(TaskListener.class).getLogger().println(Messages.DeployToStep_LostTurn(tier));
                }
            } catch (Exception x) {
                getContext().onFailure(x);
            }
        }

        @Override
        public @NonNull String getStatus() {
            switch (phase) {
                case WAITING_FOR_TURN:
                    return "waiting for another run to finish deploying into " + tier;
                case DEPLOYING:
                    return "deploying "
                            + (frozenCandidate == null ? "?" : candidate().version()) + " into " + tier;
                default:
                    return super.getStatus();
            }
        }
    }

    @Extension
    @Symbol("deployTo")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "deployTo";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeployToStep_DisplayName();
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

        public FormValidation doCheckCredentialsVariable(@QueryParameter String value) {
            String name = Util.fixEmptyAndTrim(value);
            return name == null || VARIABLE.matcher(name).matches()
                    ? FormValidation.ok()
                    : FormValidation.error(Messages.DeployToStep_BadVariable(name));
        }
    }
}
