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
import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.gate.PromotionQueue.Claim;
import io.jenkins.plugins.tiers.gate.PromotionQueue.Claimant;
import io.jenkins.plugins.tiers.gate.StepApprovalCheck;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.ledger.EvidenceSummary;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LedgerPromotionHistory;
import io.jenkins.plugins.tiers.ledger.StrategyDecisions;
import io.jenkins.plugins.tiers.ledger.TierState;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.model.Strategy;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.report.TestEvidence;
import io.jenkins.plugins.tiers.runs.TiersRunAction;
import io.jenkins.plugins.tiers.runs.TiersRunAction.DeploymentSummary;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import io.jenkins.plugins.tiers.store.PromotionLocks;
import io.jenkins.plugins.tiers.strategy.BlueGreen;
import io.jenkins.plugins.tiers.strategy.Canary;
import io.jenkins.plugins.tiers.strategy.TransitionRefusedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import jenkins.util.SystemProperties;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
        /** A body runs (the deployment, a canary step, a switch or a withdrawal: see {@link Action}). */
        DEPLOYING,
        /** A canary holds a step's weight for the step's pause; no body runs, no executor is held. */
        PAUSING,
        /** A canary holds the weight of its approval step until people answer; no executor is held. */
        AWAITING_APPROVAL,
        FINISHING,
        DONE
    }

    /** What the body that runs is asked to do. */
    enum Action {
        /** A direct deployment. */
        DEPLOY,
        /** Blue-green: deploy into the idle slot. */
        SLOT_DEPLOY,
        /** Blue-green: route traffic to the idle slot (switch: auto, after its check passed). */
        SWITCH,
        /** Canary: give the candidate the weight of the current step. */
        STEP,
        /** Canary: weight back to 0 after a failed step, check or a person's abort. */
        WITHDRAW,
        /** Canary: weight back to 0 for a canary an earlier run left unfinished, before starting this one. */
        WITHDRAW_ABANDONED
    }

    /**
     * How often a canary's pause looks at the ledger for an abort (the Abort button, {@code tiers
     * abort}, another controller): the pause ends early, and the weight is withdrawn, within this.
     */
    static final long ABORT_POLL_MILLIS =
            SystemProperties.getLong(DeployToStep.class.getName() + ".abortPollMillis", 5_000L);

    private static final class Execution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 2L;

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

        // The strategy run: what the body does now, and how far a canary got.
        private Strategy.Kind kind = Strategy.Kind.DIRECT;
        private Action action = Action.DEPLOY;
        private String slot;
        private boolean autoSwitch;
        private String previewUrl;
        private ArrayList<Integer> steps = new ArrayList<>();
        private ArrayList<Long> pauseMillis = new ArrayList<>();
        private int approvalStep;
        private long approvalSince;
        private int step;
        private long pauseUntil;
        private HashSet<String> recordedBefore = new HashSet<>();
        private Frozen<Verdict> admitted;
        private Frozen<EvidenceSummary> admittedEvidence;
        private Frozen<Verdict> failedCheck;
        private Frozen<EvidenceSummary> failedCheckEvidence;
        /** The test totals the last check read (kept with the event that carries the check). */
        private transient EvidenceSummary lastCheckEvidence;

        private String abortReason;
        private boolean abortRecorded;
        private String stillLive;
        private volatile boolean stopped;
        /** The step's own block: a step check counts only the results recorded inside it. */
        private String blockId;

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
        public boolean start() throws Exception {
            blockId = getContext().get(FlowNode.class).getId();
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
                begin();
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

        /** With the tier's turn: re-check the verdict, bind the credentials, start the strategy. */
        private void begin() throws Exception {
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
            Strategy strategy = t.strategy();
            // A rollback is not a canary nor a slot deployment: the old candidate goes back at once (in a
            // blue-green tier, into the active slot), as `tiers deploy --rollback` does.
            kind = rollback ? Strategy.Kind.DIRECT : strategy.kind();
            autoSwitch = strategy.autoSwitch();
            previewUrl = strategy.previewUrl();
            steps = new ArrayList<>(strategy.steps());
            approvalStep = strategy.approvalStep();
            pauseMillis = new ArrayList<>();
            for (int i = 1; i <= steps.size(); i++) {
                pauseMillis.add(strategy.pauseAfter(i).toMillis());
            }
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
            }
            TierState state =
                    ApplicationLedgers.forApplication(application).liveState().tier(tier);
            stillLive = state.liveCandidate().map(l -> l.candidate().version()).orElse(null);
            switch (kind) {
                case BLUE_GREEN -> beginBlueGreen(run, listener, state);
                case CANARY -> beginCanary(run, listener, state);
                default -> {
                    phase = Phase.DEPLOYING;
                    TierGates.deploymentStarted(run, application, tier, candidate());
                    listener.getLogger()
                            .println(Messages.DeployToStep_Deploying(candidate().version(), tier));
                    invokeBody(Action.DEPLOY, Map.of());
                }
            }
        }

        private void beginBlueGreen(Run<?, ?> run, TaskListener listener, TierState state) throws Exception {
            BlueGreen slots;
            try {
                slots = StrategyDecisions.slots(state).deploying(candidate());
            } catch (TransitionRefusedException e) {
                throw new AbortException(Messages.DeployToStep_Refused(tier, e.getMessage()));
            }
            slot = slots.idleSlot().label();
            phase = Phase.DEPLOYING;
            StrategyEvents.started(
                    run,
                    LedgerEvent.slotDeploymentStarted(
                            application,
                            tier,
                            candidate(),
                            TierGates.actor(run),
                            TierGates.clock().instant(),
                            slot));
            listener.getLogger()
                    .println(Messages.DeployToStep_DeployingSlot(candidate().version(), tier, slot));
            recordedBefore = new HashSet<>(RecordedTestResults.recordedSoFar(run));
            invokeBody(Action.SLOT_DEPLOY, slotVariables("deploy"));
        }

        private void beginCanary(Run<?, ?> run, TaskListener listener, TierState state) throws Exception {
            Canary canary = state.canaryIfAny().orElse(Canary.none(steps));
            phase = Phase.DEPLOYING;
            if (canary.abandoned()) {
                // A canary nobody finished (its build died, or was stopped mid-step): withdrawn first,
                // never resumed blindly nor left half-live; the withdrawal is recorded once it ran.
                listener.getLogger()
                        .println(Messages.DeployToStep_WithdrawingAbandoned(
                                canary.candidate().version(), tier, canary.progress()));
                step = canary.reached();
                invokeBody(
                        Action.WITHDRAW_ABANDONED,
                        canaryVariables(0, canary.reached(), canary.steps().size(), true));
                return;
            }
            startCanary(run, listener, canary);
        }

        private void startCanary(Run<?, ?> run, TaskListener listener, Canary canary) throws Exception {
            Candidate live = liveCandidate();
            try {
                canary.start(candidate(), live);
            } catch (TransitionRefusedException e) {
                throw new AbortException(Messages.DeployToStep_Refused(tier, e.getMessage()));
            }
            StrategyEvents.started(
                    run,
                    LedgerEvent.canaryStarted(
                            application,
                            tier,
                            candidate(),
                            TierGates.actor(run),
                            TierGates.clock().instant(),
                            steps));
            step = 1;
            runStep(run, listener);
        }

        @CheckForNull
        private Candidate liveCandidate() {
            return ApplicationLedgers.forApplication(application)
                    .liveState()
                    .tier(tier)
                    .liveCandidate()
                    .map(l -> l.candidate())
                    .orElse(null);
        }

        /** Gives the candidate the weight of {@link #step}, unless someone ended the canary meanwhile. */
        private void runStep(Run<?, ?> run, TaskListener listener) throws Exception {
            phase = Phase.DEPLOYING;
            int weight = steps.get(step - 1);
            listener.getLogger()
                    .println(Messages.DeployToStep_CanaryStep(candidate().version(), tier, weight, step, steps.size()));
            recordedBefore = new HashSet<>(RecordedTestResults.recordedSoFar(run));
            invokeBody(Action.STEP, canaryVariables(weight, step, steps.size(), false));
        }

        private Map<String, String> slotVariables(String what) {
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("DEPLOY_SLOT", slot);
            variables.put("DEPLOY_ACTION", what);
            if (previewUrl != null) {
                variables.put("DEPLOY_PREVIEW_URL", previewUrl);
            }
            return variables;
        }

        private static Map<String, String> canaryVariables(int weight, int at, int of, boolean abort) {
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("DEPLOY_WEIGHT", Integer.toString(weight));
            variables.put("DEPLOY_STEP", Integer.toString(at));
            variables.put("DEPLOY_STEPS", Integer.toString(of));
            if (abort) {
                variables.put("DEPLOY_ABORT", "true");
            }
            return variables;
        }

        /** Runs the body once, with the tier's variables, the strategy's, and the credentials bound and masked. */
        private void invokeBody(Action what, Map<String, String> strategyVariables) throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            Tier t = TierGates.tier(TierGates.ladderOf(run), tier);
            action = what;
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("DEPLOY_TIER", tier);
            variables.put("DEPLOY_VERSION", candidate().version());
            t.link().ifPresent(url -> variables.put("DEPLOY_TIER_URL", url));
            variables.putAll(strategyVariables);
            EnvironmentExpander expander = EnvironmentExpander.merge(
                    context.get(EnvironmentExpander.class), EnvironmentExpander.constant(variables));
            BodyInvoker body = context.newBodyInvoker().withCallback(new BodyDone());
            if (bound != null) {
                expander = EnvironmentExpander.merge(expander, bound.expander());
                body.withContext(TaskListenerDecorator.merge(
                        context.get(TaskListenerDecorator.class),
                        bound.masking(run.getCharset().name())));
            }
            body.withContext(expander);
            context.saveState();
            body.start();
        }

        /** How a body ended: the strategy decides what comes next. */
        private final class BodyDone extends BodyExecutionCallback {
            private static final long serialVersionUID = 1L;

            @Override
            public void onSuccess(StepContext bodyContext, Object result) {
                run(() -> bodySucceeded(result));
            }

            @Override
            public void onFailure(StepContext bodyContext, Throwable t) {
                run(() -> bodyFailed(t));
            }
        }

        private void bodySucceeded(Object result) throws Exception {
            if (stopped) {
                return; // stop() records and ends the step
            }
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            switch (action) {
                case DEPLOY -> {
                    finish(null);
                    context.onSuccess(result);
                }
                case SLOT_DEPLOY -> slotDeployed(run, listener);
                case SWITCH -> {
                    LedgerEvent switched = LedgerEvent.switched(
                            application,
                            tier,
                            candidate(),
                            TierGates.actor(run),
                            TierGates.clock().instant(),
                            slot);
                    end(DeploymentSummary.State.SUCCEEDED, withAdmittedCheck(switched));
                    listener.getLogger()
                            .println(Messages.DeployToStep_Switched(candidate().version(), tier, slot));
                    context.onSuccess(null);
                }
                case STEP -> stepDeployed(run, listener);
                case WITHDRAW -> withdrawn(null);
                case WITHDRAW_ABANDONED -> abandonedWithdrawn(run, listener);
                default -> throw new IllegalStateException(String.valueOf(action));
            }
        }

        private void bodyFailed(Throwable failure) throws Exception {
            if (stopped) {
                return;
            }
            StepContext context = getContext();
            if (failure instanceof FlowInterruptedException) {
                // the build is being stopped: no other body may start; record where it stopped
                stopped = true;
                try {
                    finish(failure);
                } catch (Exception x) {
                    failure.addSuppressed(x);
                }
                context.onFailure(failure);
                return;
            }
            String reason = bound == null ? String.valueOf(failure) : bound.mask(String.valueOf(failure));
            switch (action) {
                case DEPLOY, SLOT_DEPLOY -> {
                    try {
                        finish(failure);
                    } catch (Exception x) {
                        failure.addSuppressed(x);
                    }
                    context.onFailure(failure);
                }
                case SWITCH -> {
                    end(DeploymentSummary.State.AWAITING_SWITCH, null);
                    context.onFailure(new AbortException(
                            Messages.DeployToStep_NotSwitched(candidate().version(), slot, stillLiveText(), reason)));
                }
                case STEP -> {
                    abortReason = Messages.DeployToStep_StepFailed(step, steps.size(), steps.get(step - 1), reason);
                    withdraw();
                }
                case WITHDRAW -> withdrawn(reason);
                case WITHDRAW_ABANDONED -> {
                    // Nothing recorded, nothing deployed: the old canary is still where it was.
                    phase = Phase.DONE;
                    releaseAndUnbind();
                    context.onFailure(new AbortException(Messages.DeployToStep_CannotWithdrawAbandoned(tier, reason)));
                }
                default -> throw new IllegalStateException(String.valueOf(action));
            }
        }

        private void slotDeployed(Run<?, ?> run, TaskListener listener) throws Exception {
            LedgerEvent deployed = LedgerEvent.slotDeployed(
                    application,
                    tier,
                    candidate(),
                    TierGates.actor(run),
                    TierGates.clock().instant(),
                    slot);
            if (!autoSwitch) {
                end(DeploymentSummary.State.AWAITING_SWITCH, deployed);
                listener.getLogger()
                        .println(Messages.DeployToStep_AwaitingSwitch(
                                candidate().version(), tier, slot, stillLiveText()));
                getContext().onSuccess(null);
                return;
            }
            StrategyEvents.append(deployed);
            Verdict check = stepCheck(run, listener, Messages.DeployToStep_SwitchCheckWhere(slot));
            if (check.status() != VerdictStatus.PASSED) {
                // recorded, so that the views and tierStatus say why the candidate did not switch
                LedgerEvent failed = LedgerEvent.switchCheckFailed(
                        application,
                        tier,
                        candidate(),
                        TierGates.actor(run),
                        TierGates.clock().instant(),
                        slot,
                        check);
                end(
                        DeploymentSummary.State.AWAITING_SWITCH,
                        lastCheckEvidence == null ? failed : failed.withCheckEvidence(lastCheckEvidence));
                getContext()
                        .onFailure(new AbortException(Messages.DeployToStep_SwitchCheckFailed(
                                tier, VerdictMaps.reasons(check), candidate().version(), slot, stillLiveText())));
                return;
            }
            admit(check);
            invokeBody(Action.SWITCH, slotVariables("switch"));
        }

        private void stepDeployed(Run<?, ?> run, TaskListener listener) throws Exception {
            Instant now = TierGates.clock().instant();
            if (withdrawnIfEnded(step - 1)) {
                return;
            }
            if (step == steps.size()) {
                LedgerEvent completed =
                        LedgerEvent.canaryCompleted(application, tier, candidate(), TierGates.actor(run), now, steps);
                end(DeploymentSummary.State.SUCCEEDED, withAdmittedCheck(completed));
                listener.getLogger()
                        .println(Messages.DeployToStep_CanaryCompleted(
                                candidate().version(), tier));
                getContext().onSuccess(null);
                return;
            }
            LedgerEvent reached = LedgerEvent.canaryStepReached(
                    application, tier, candidate(), TierGates.actor(run), now, step, steps);
            StrategyEvents.append(withAdmittedCheck(reached));
            long pause = pauseMillis.get(step - 1);
            pauseUntil = now.toEpochMilli() + pause;
            phase = Phase.PAUSING;
            if (pause > 0) {
                listener.getLogger()
                        .println(Messages.DeployToStep_Pausing(steps.get(step - 1), Util.getTimeSpanString(pause)));
            }
            getContext().saveState();
            schedulePauseEnd();
        }

        private void schedulePauseEnd() {
            long left = Math.max(0, pauseUntil - TierGates.clock().millis());
            Timer.get().schedule(() -> run(this::pauseTick), Math.min(left, ABORT_POLL_MILLIS), TimeUnit.MILLISECONDS);
        }

        /** During a pause: an abort ends it early; its end runs the step check. */
        private void pauseTick() throws Exception {
            if (phase != Phase.PAUSING || stopped) {
                return;
            }
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            if (withdrawnIfEnded(step)) {
                return;
            }
            if (TierGates.clock().millis() < pauseUntil) {
                schedulePauseEnd();
                return;
            }
            phase = Phase.DEPLOYING;
            int weight = steps.get(step - 1);
            Verdict check = stepCheck(run, listener, Messages.DeployToStep_StepCheckWhere(step, steps.size(), weight));
            if (check.status() != VerdictStatus.PASSED) {
                failedCheck = Frozen.of(check);
                failedCheckEvidence = Frozen.of(lastCheckEvidence);
                abortReason =
                        Messages.DeployToStep_StepCheckFailed(step, steps.size(), weight, VerdictMaps.reasons(check));
                withdraw();
                return;
            }
            admit(check);
            if (step == approvalStep) {
                phase = Phase.AWAITING_APPROVAL;
                approvalSince = TierGates.clock().millis();
                StepApprovalCheck rule = approvalRule(run);
                listener.getLogger()
                        .println(Messages.DeployToStep_AwaitingApproval(
                                candidate().version(),
                                tier,
                                where(),
                                rule.policy().required(),
                                rule.policy().approvers(),
                                Util.getTimeSpanString(rule.waitLimit().toMillis())));
                getContext().saveState();
                scheduleApprovalTick();
                return;
            }
            step++;
            runStep(run, listener);
        }

        private String where() {
            return Messages.DeployToStep_StepWhere(step, steps.size(), steps.get(step - 1));
        }

        private StepApprovalCheck approvalRule(Run<?, ?> run) throws AbortException {
            return StepApprovalCheck.of(
                    TierGates.tier(TierGates.ladderOf(run), tier).gate().approval());
        }

        private void scheduleApprovalTick() {
            Timer.get().schedule(() -> run(this::approvalTick), ABORT_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }

        /** While the canary waits at its approval step: an answer, an abort or the end of the wait. */
        private void approvalTick() throws Exception {
            if (phase != Phase.AWAITING_APPROVAL || stopped) {
                return;
            }
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            if (withdrawnIfEnded(step)) {
                return;
            }
            List<io.jenkins.plugins.tiers.gate.Approval> given = LedgerPromotionHistory.of(
                            ApplicationLedgers.forApplication(application))
                    .stepApprovals(tier, candidate(), step);
            StepApprovalCheck.Answer answer = approvalRule(run)
                    .answer(
                            given,
                            Instant.ofEpochMilli(approvalSince),
                            TierGates.clock().instant(),
                            where());
            if (answer.status() == StepApprovalCheck.Status.WAITING) {
                scheduleApprovalTick();
                return;
            }
            Verdict check = admitted.get(Verdict.class);
            List<Finding> findings = new ArrayList<>(check.findings());
            findings.add(answer.finding());
            Verdict withAnswer = new Verdict(
                    check.application(),
                    check.tier(),
                    check.candidate(),
                    findings,
                    check.policy(),
                    TierGates.clock().instant());
            listener.getLogger().println(answer.text());
            if (answer.status() != StepApprovalCheck.Status.APPROVED) {
                phase = Phase.DEPLOYING;
                failedCheck = Frozen.of(withAnswer);
                abortReason = answer.text();
                withdraw();
                return;
            }
            admitted = Frozen.of(withAnswer);
            step++;
            runStep(run, listener);
        }

        /**
         * The check between steps (or before an automatic switch): the tier's gate rules applied to
         * the test results the body recorded with {@code junit} since it began, against what is live.
         * No results recorded is unreadable evidence, which blocks.
         */
        private Verdict stepCheck(Run<?, ?> run, TaskListener listener, String where) throws Exception {
            Optional<TestEvidence> recorded = RecordedTestResults.recordedSince(
                    run, recordedBefore, getContext().get(FlowExecution.class), blockId);
            lastCheckEvidence = recorded.map(EvidenceSummary::of).orElse(null);
            GateEvidence evidence = recorded.map(GateEvidence::of)
                    .orElseGet(() -> GateEvidence.unreadable(Messages.DeployToStep_NoCheckEvidence(where)));
            recorded.ifPresent(e -> listener.getLogger()
                    .println(Messages.DeployToStep_CheckEvidence(
                            where, e.totals().tests())));
            Verdict verdict = TierGates.evaluate(new TierGates.Ask(
                    run,
                    TierGates.ladderOf(run),
                    tier,
                    candidate(),
                    evidence,
                    null,
                    false,
                    TierGates.clock().instant()));
            VerdictMaps.print(listener.getLogger(), verdict);
            return verdict;
        }

        /**
         * Empty while the ledger still has this run's canary in progress at step {@code reached},
         * else what it has instead (a person's abort, another controller's).
         */
        private Optional<String> endedByOthers(int reached) {
            return ApplicationLedgers.forApplication(application)
                    .liveState()
                    .tier(tier)
                    .canaryMovedOn(candidate().version(), reached);
        }

        /** Withdraws the canary when someone ended it meanwhile (the ledger no longer has it at {@code reached}). */
        private boolean withdrawnIfEnded(int reached) throws Exception {
            Optional<String> ended = endedByOthers(reached);
            if (ended.isEmpty()) {
                return false;
            }
            abortRecorded = true;
            abortReason = Messages.DeployToStep_EndedMeanwhile(ended.get());
            withdraw();
            return true;
        }

        /** Weight back to 0: the body once more with {@code DEPLOY_WEIGHT=0} and {@code DEPLOY_ABORT=true}. */
        private void withdraw() throws Exception {
            phase = Phase.DEPLOYING;
            TaskListener listener = getContext().get(TaskListener.class);
            listener.getLogger()
                    .println(Messages.DeployToStep_Withdrawing(candidate().version(), tier, abortReason));
            invokeBody(Action.WITHDRAW, canaryVariables(0, step, steps.size(), true));
        }

        /** The withdrawal ran ({@code failure} null) or failed: the abort is recorded and the step fails. */
        private void withdrawn(@CheckForNull String failure) throws Exception {
            String reason = failure == null ? abortReason : Messages.DeployToStep_WithdrawFailed(abortReason, failure);
            Run<?, ?> run = getContext().get(Run.class);
            LedgerEvent aborted = abortRecorded
                    ? null
                    : withFailedCheckEvidence(LedgerEvent.canaryAborted(
                            application,
                            tier,
                            candidate(),
                            TierGates.actor(run),
                            TierGates.clock().instant(),
                            reachedStep(),
                            steps,
                            failedCheck == null ? null : failedCheck.get(Verdict.class),
                            reason));
            end(DeploymentSummary.State.ABORTED, aborted);
            getContext()
                    .onFailure(new AbortException(
                            Messages.DeployToStep_CanaryAborted(candidate().version(), tier, reason, stillLiveText())));
        }

        /** The check passed: it goes, with the test totals it read, into the next strategy event. */
        private void admit(Verdict check) {
            admitted = Frozen.of(check);
            admittedEvidence = Frozen.of(lastCheckEvidence);
        }

        /** {@code event} carrying the check that admitted it, if any, and that check's test totals. */
        private LedgerEvent withAdmittedCheck(LedgerEvent event) {
            if (admitted == null) {
                return event;
            }
            LedgerEvent checked = event.withCheck(admitted.get(Verdict.class));
            return admittedEvidence == null
                    ? checked
                    : checked.withCheckEvidence(admittedEvidence.get(EvidenceSummary.class));
        }

        private LedgerEvent withFailedCheckEvidence(LedgerEvent aborted) {
            return failedCheckEvidence == null || aborted.verdict() == null
                    ? aborted
                    : aborted.withCheckEvidence(failedCheckEvidence.get(EvidenceSummary.class));
        }

        /** The step the ledger says the canary reached: the last step recorded. */
        private int reachedStep() {
            return ApplicationLedgers.forApplication(application)
                    .liveState()
                    .tier(tier)
                    .canaryInProgress()
                    .filter(c -> c.candidate().version().equals(candidate().version()))
                    .map(Canary::reached)
                    .orElse(0);
        }

        private void abandonedWithdrawn(Run<?, ?> run, TaskListener listener) throws Exception {
            TierState state =
                    ApplicationLedgers.forApplication(application).liveState().tier(tier);
            Optional<Canary> old = state.canaryInProgress();
            if (old.isPresent()) {
                Canary c = old.get();
                StrategyEvents.append(LedgerEvent.canaryAborted(
                        application,
                        tier,
                        c.candidate(),
                        TierGates.actor(run),
                        TierGates.clock().instant(),
                        c.reached(),
                        c.steps(),
                        null,
                        Messages.DeployToStep_AbandonedReason(
                                c.reached(), c.steps().size(), candidate().version())));
            }
            startCanary(run, listener, Canary.none(steps));
        }

        private String stillLiveText() {
            return stillLive == null ? Messages.DeployToStep_NothingLive() : stillLive;
        }

        /** Records how the strategy ended (appending {@code event} when not null), gives the tier back. */
        private void end(DeploymentSummary.State state, @CheckForNull LedgerEvent event) throws Exception {
            synchronized (this) {
                if (phase == Phase.DONE || phase == Phase.FINISHING) {
                    return;
                }
                phase = Phase.FINISHING;
            }
            try {
                StrategyEvents.finished(getContext().get(Run.class), application, tier, candidate(), state, event);
            } finally {
                phase = Phase.DONE;
                releaseAndUnbind();
            }
        }

        private void releaseAndUnbind() throws Exception {
            try {
                if (bound != null) {
                    StepContext context = getContext();
                    bound.unbind(
                            context.get(Run.class),
                            context.get(FilePath.class),
                            context.get(Launcher.class),
                            context.get(TaskListener.class));
                }
            } finally {
                PromotionLocks.get().release(application, tier, claimantId);
            }
        }

        /**
         * A direct or slot deployment ended ({@code failure} null on success), or the build was
         * stopped while a body ran or a canary paused: records it and gives the tier back.
         */
        private void finish(@CheckForNull Throwable failure) throws Exception {
            synchronized (this) {
                if (phase != Phase.DEPLOYING && phase != Phase.PAUSING && phase != Phase.AWAITING_APPROVAL) {
                    return; // already recorded (the build was stopped while the body ran)
                }
                phase = Phase.FINISHING;
            }
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            String reason = failure == null
                    ? null
                    : bound == null ? String.valueOf(failure) : bound.mask(String.valueOf(failure));
            try {
                if (bound != null) {
                    bound.unbind(run, context.get(FilePath.class), context.get(Launcher.class), listener);
                }
            } finally {
                try {
                    recordEnd(run, listener, reason);
                } finally {
                    phase = Phase.DONE;
                    PromotionLocks.get().release(application, tier, claimantId);
                }
            }
        }

        private void recordEnd(Run<?, ?> run, TaskListener listener, @CheckForNull String reason) {
            Instant now = TierGates.clock().instant();
            String actor = TierGates.actor(run);
            if (reason == null) {
                TierGates.deploymentSucceeded(run, application, tier, candidate(), rollback, rolledBackFrom);
                listener.getLogger()
                        .println(Messages.DeployToStep_Succeeded(candidate().version(), tier));
                return;
            }
            switch (action) {
                case DEPLOY -> TierGates.deploymentFailed(run, application, tier, candidate(), reason);
                case SLOT_DEPLOY ->
                    StrategyEvents.finished(
                            run,
                            application,
                            tier,
                            candidate(),
                            DeploymentSummary.State.FAILED,
                            LedgerEvent.slotDeploymentFailed(
                                    application, tier, candidate(), actor, now, slot, null, reason));
                case SWITCH ->
                    StrategyEvents.finished(
                            run, application, tier, candidate(), DeploymentSummary.State.AWAITING_SWITCH, null);
                case STEP, WITHDRAW ->
                    StrategyEvents.finished(
                            run,
                            application,
                            tier,
                            candidate(),
                            DeploymentSummary.State.ABORTED,
                            abortRecorded
                                    ? null
                                    : LedgerEvent.canaryAborted(
                                            application,
                                            tier,
                                            candidate(),
                                            actor,
                                            now,
                                            reachedStep(),
                                            steps,
                                            null,
                                            Messages.DeployToStep_StoppedMidCanary(reason)));
                case WITHDRAW_ABANDONED -> {
                    // nothing of this run's was recorded yet
                }
                default -> throw new IllegalStateException(String.valueOf(action));
            }
            listener.getLogger()
                    .println(Messages.DeployToStep_Failed(candidate().version(), tier));
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            if (phase == Phase.WAITING_FOR_TURN) {
                phase = Phase.DONE;
                PromotionLocks.get().release(application, tier, claimantId);
            } else if (phase == Phase.DEPLOYING || phase == Phase.PAUSING || phase == Phase.AWAITING_APPROVAL) {
                stopped = true;
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
                    return;
                }
                if ((phase == Phase.DEPLOYING || phase == Phase.PAUSING || phase == Phase.AWAITING_APPROVAL)
                        && !PromotionLocks.get().restore(application, tier, claimant())) {
                    getContext().get(TaskListener.class).getLogger().println(Messages.DeployToStep_LostTurn(tier));
                }
                if (phase == Phase.PAUSING) {
                    // The canary resumes where the ledger and this step left it: the rest of the pause, then the check.
                    getContext()
                            .get(TaskListener.class)
                            .getLogger()
                            .println(Messages.DeployToStep_Resuming(candidate().version(), tier, step, steps.size()));
                    schedulePauseEnd();
                }
                if (phase == Phase.AWAITING_APPROVAL) {
                    scheduleApprovalTick();
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
                    return action + " "
                            + (frozenCandidate == null ? "?" : candidate().version()) + " into " + tier
                            + (kind == Strategy.Kind.CANARY ? " (step " + step + " of " + steps.size() + ")" : "");
                case PAUSING:
                    return "canary of " + candidate().version() + " in " + tier + " holds step " + step + " of "
                            + steps.size() + " until " + Instant.ofEpochMilli(pauseUntil);
                case AWAITING_APPROVAL:
                    return "canary of " + candidate().version() + " in " + tier + " waits at step " + step + " of "
                            + steps.size() + " for an approval";
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
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
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
