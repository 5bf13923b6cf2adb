package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.events.TierListener;
import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.GateEvidence;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.gate.VerdictStatus;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.springframework.security.core.Authentication;

/**
 * {@code tierGate(tier: 'production')}: evaluates a tier's gate for this run's candidate without
 * deploying, and returns the verdict as a map. A pipeline may ask for stricter rules than the
 * configured ones, never laxer. When the gate waits (for approvals, soak time or a freeze window)
 * the step waits as {@code input} does: its state is saved with the program, it holds no executor
 * when called outside {@code node}, and it resumes after a controller restart, until the gate
 * passes, is blocked (someone refuses, the approval times out) or the build is aborted.
 */
public final class TierGateStep extends Step {

    /** What to do with a blocked verdict. */
    public enum OnBlocked {
        /** Fail the step (and the build) with the verdict's reasons. */
        FAIL,
        /** Mark the build unstable and return the verdict. */
        UNSTABLE,
        /** Return the verdict and let the script decide. */
        RETURN
    }

    private final String tier;
    private String version;
    private String tests;
    private OnBlocked onBlocked = OnBlocked.FAIL;
    private final GateTightening rules = new GateTightening();

    @DataBoundConstructor
    public TierGateStep(String tier) {
        this.tier = Util.fixEmptyAndTrim(tier);
    }

    public String getTier() {
        return tier;
    }

    @CheckForNull
    public String getVersion() {
        return version;
    }

    /** The candidate's version; by default {@code env.VERSION}, else the build's display name. */
    @DataBoundSetter
    public void setVersion(String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    @CheckForNull
    public String getTests() {
        return tests;
    }

    /** Report patterns in the workspace; by default the run's results recorded by {@code junit}. */
    @DataBoundSetter
    public void setTests(String tests) {
        this.tests = Util.fixEmptyAndTrim(tests);
    }

    public String getOnBlocked() {
        return onBlocked.name().toLowerCase(Locale.ROOT);
    }

    /** {@code fail} (the default), {@code unstable} or {@code return}. */
    @DataBoundSetter
    public void setOnBlocked(String onBlocked) {
        String value = Util.fixEmptyAndTrim(onBlocked);
        this.onBlocked = value == null ? OnBlocked.FAIL : OnBlocked.valueOf(value.toUpperCase(Locale.ROOT));
    }

    @CheckForNull
    public Integer getMinTests() {
        return rules.minTests;
    }

    @DataBoundSetter
    public void setMinTests(Integer minTests) {
        rules.minTests = minTests;
    }

    @CheckForNull
    public Integer getMaxFailures() {
        return rules.maxFailures;
    }

    @DataBoundSetter
    public void setMaxFailures(Integer maxFailures) {
        rules.maxFailures = maxFailures;
    }

    @CheckForNull
    public Double getMinPassRate() {
        return rules.minPassRate;
    }

    @DataBoundSetter
    public void setMinPassRate(Double minPassRate) {
        rules.minPassRate = minPassRate;
    }

    @CheckForNull
    public Integer getMaxSkipped() {
        return rules.maxSkipped;
    }

    @DataBoundSetter
    public void setMaxSkipped(Integer maxSkipped) {
        rules.maxSkipped = maxSkipped;
    }

    public boolean isNoNewFailures() {
        return rules.noNewFailures;
    }

    @DataBoundSetter
    public void setNoNewFailures(boolean noNewFailures) {
        rules.noNewFailures = noNewFailures;
    }

    @CheckForNull
    public String getRequiredSuites() {
        return rules.requiredSuites;
    }

    @DataBoundSetter
    public void setRequiredSuites(String requiredSuites) {
        rules.requiredSuites = Util.fixEmptyAndTrim(requiredSuites);
    }

    @CheckForNull
    public String getMaxReportAge() {
        return rules.maxReportAge;
    }

    @DataBoundSetter
    public void setMaxReportAge(String maxReportAge) {
        rules.maxReportAge = Util.fixEmptyAndTrim(maxReportAge);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (tier == null) {
            throw new AbortException(Messages.Steps_TierRequired("tierGate"));
        }
        return new Execution(context, tier, version, tests, onBlocked, rules.copy());
    }

    /**
     * The waiting gate. Everything needed to evaluate the gate again (the candidate, the evidence,
     * the time it was first asked) is kept in non-transient fields, so that approvals given after a
     * restart still find it and its timeout still counts from the first request.
     *
     * <p>Its own durable waiting state, as pipeline-input-step keeps: every evaluation runs on a
     * pool thread as the run's authentication, whoever triggers it (the CPS VM thread at start, an
     * approval's request thread, the recheck timer), and no thread is ever recorded in the saved
     * program, so the execution resumes after a restart however Jenkins stopped.
     */
    public static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;

        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

        /** How often a waiting gate looks again at time-based rules (soak, freeze, approval timeout). */
        static final long RECHECK_SECONDS =
                SystemProperties.getLong(TierGateStep.class.getName() + ".recheckSeconds", 60L);

        /**
         * How often a waiting gate looks whether its ledger moved: an approval or a deployment
         * recorded elsewhere (another controller sharing a PostgreSQL ledger, {@code tiers approve})
         * is taken into account within seconds. A look that finds nothing new costs one read of the
         * ledger's last sequence number.
         */
        static final long LEDGER_POLL_SECONDS =
                SystemProperties.getLong(TierGateStep.class.getName() + ".ledgerPollSeconds", 5L);

        private final String tier;
        private final String version;
        private final String tests;
        private final OnBlocked onBlocked;
        private final GateTightening rules;

        private String application;
        private Frozen<Candidate> candidate;
        private String candidateVersion;
        private Frozen<GateEvidence> evidence;
        private long firstAsked;
        private boolean waiting;
        private boolean done;
        private String lastStatus;

        private transient ScheduledFuture<?> recheck;
        private transient ScheduledFuture<?> ledgerWatch;
        /** The ledger's sequence number at the last look of the watch; -1 before the first look. */
        private transient volatile long seenSeq = -1;

        private transient volatile Future<?> task;
        private transient volatile boolean stopped;
        /** Who the run acts as, captured on the CPS VM thread at start; null after a restart. */
        private transient volatile Authentication authentication;

        Execution(
                StepContext context,
                String tier,
                String version,
                String tests,
                OnBlocked onBlocked,
                GateTightening rules) {
            super(context);
            this.tier = tier;
            this.version = version;
            this.tests = tests;
            this.onBlocked = onBlocked;
            this.rules = rules;
        }

        @Override
        public boolean start() {
            authentication = Jenkins.getAuthentication2();
            submit(this::evaluateFirst);
            return false;
        }

        /** What an evaluation does; exceptions end the step. */
        @FunctionalInterface
        private interface Block {
            void run() throws Exception;
        }

        /** Runs {@code block} on a pool thread as the run's authentication; callable from any thread. */
        private void submit(Block block) {
            task = Computer.threadPoolForRemoting.submit(() -> {
                try (ACLContext ignored = ACL.as2(runAuthentication())) {
                    block.run();
                } catch (Throwable x) {
                    synchronized (this) {
                        done = true;
                        cancelRecheck();
                    }
                    if (!stopped) {
                        getContext().onFailure(x);
                    }
                }
            });
        }

        private Authentication runAuthentication() throws IOException, InterruptedException {
            Authentication auth = authentication;
            if (auth == null) {
                // After a restart: the authentication the Pipeline itself runs as.
                FlowExecution execution = getContext().get(FlowExecution.class);
                auth = execution == null ? ACL.SYSTEM2 : execution.getAuthentication2();
                authentication = auth;
            }
            return auth;
        }

        private void evaluateFirst() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            ResolvedLadder ladder = TierGates.ladderOf(run);
            TierGates.tier(ladder, tier);
            Candidate c = RunCandidates.of(run, version, context.get(EnvVars.class));
            GateEvidence e = Evidence.collect(run, context.get(FilePath.class), tests, listener);
            synchronized (this) {
                application = ladder.application();
                candidate = Frozen.of(c);
                candidateVersion = c.version();
                evidence = Frozen.of(e);
                firstAsked = TierGates.clock().millis();
            }
            evaluate(run, listener, ladder);
        }

        /** Looks at the gate again: after an approval, on the recheck timer, after a restart. */
        public void reevaluate() {
            if (isDone()) {
                return;
            }
            submit(() -> {
                Run<?, ?> run = getContext().get(Run.class);
                evaluate(run, getContext().get(TaskListener.class), TierGates.ladderOf(run));
            });
        }

        /** Whether this execution waits at {@code tier} of {@code application} for {@code version}. */
        public synchronized boolean waitsFor(String application, String tier, String version) {
            return waiting
                    && !done
                    && application.equals(this.application)
                    && tier.equals(this.tier)
                    && version.equals(candidateVersion);
        }

        private synchronized boolean isDone() {
            return done;
        }

        private void evaluate(Run<?, ?> run, TaskListener listener, ResolvedLadder ladder) throws Exception {
            Verdict verdict;
            GateEvidence e;
            boolean firstWait = false;
            synchronized (this) {
                if (done) {
                    return;
                }
                e = evidence.get(GateEvidence.class);
                verdict = TierGates.evaluate(new TierGates.Ask(
                        run,
                        ladder,
                        tier,
                        candidate.get(Candidate.class),
                        e,
                        rules.request(),
                        false,
                        Instant.ofEpochMilli(firstAsked)));
                String status = progressKey(verdict);
                boolean changed = !status.equals(lastStatus);
                lastStatus = status;
                if (!changed) {
                    return; // still waiting for the same reasons: nothing new to record or say
                }
                if (verdict.status() == VerdictStatus.WAITING) {
                    firstWait = !waiting;
                    waiting = true; // from now on approvals find this execution
                } else {
                    done = true;
                    cancelRecheck();
                }
            }
            TierGates.record(run, verdict, e);
            VerdictMaps.print(listener.getLogger(), verdict);
            switch (verdict.status()) {
                case PASSED:
                    getContext().onSuccess(VerdictMaps.of(verdict));
                    break;
                case BLOCKED:
                    concludeBlocked(run, listener, verdict);
                    break;
                default:
                    if (firstWait) {
                        startWaiting(run, listener, verdict);
                    }
                    break;
            }
        }

        /**
         * What a waiting gate's progress is: its status, its reasons, and the approval line (which
         * counts approvals). Time-dependent wording (soak time left) is left out, so a recheck that
         * finds nothing new records nothing new.
         */
        private static String progressKey(Verdict verdict) {
            StringBuilder key = new StringBuilder(verdict.status().name());
            for (Finding f : verdict.reasons()) {
                key.append('|').append(f.code());
                if (f.rule().equals("approval")) {
                    key.append(':').append(f.message());
                }
            }
            return key.toString();
        }

        private void concludeBlocked(Run<?, ?> run, TaskListener listener, Verdict verdict) {
            String message =
                    Messages.TierGateStep_Blocked(tier, verdict.candidate().version(), VerdictMaps.reasons(verdict));
            switch (onBlocked) {
                case UNSTABLE:
                    listener.getLogger().println(message);
                    markUnstable(message);
                    getContext().onSuccess(VerdictMaps.of(verdict));
                    break;
                case RETURN:
                    getContext().onSuccess(VerdictMaps.of(verdict));
                    break;
                default:
                    getContext().onFailure(new AbortException(message));
                    break;
            }
        }

        /** As the {@code unstable} step does: the step's node carries the warning, so stage views show it. */
        private void markUnstable(String message) {
            try {
                FlowNode node = getContext().get(FlowNode.class);
                if (node != null) {
                    node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
                }
            } catch (IOException | InterruptedException x) {
                LOGGER.log(Level.WARNING, "Could not mark the gate of " + tier + " unstable in the flow graph", x);
            }
            getContext().setResult(Result.UNSTABLE);
        }

        private void startWaiting(Run<?, ?> run, TaskListener listener, Verdict verdict) {
            listener.getLogger()
                    .println(Messages.TierGateStep_Waiting(
                            tier, verdict.candidate().version(), run.getUrl() + "deployment-tiers/"));
            if (verdict.reasons().stream().anyMatch(f -> f.rule().equals("approval"))) {
                TierListener.fire(l -> l.onApprovalPending(run, verdict));
            }
            getContext().saveState();
            scheduleRecheck();
        }

        private synchronized void scheduleRecheck() {
            cancelRecheck();
            recheck = Timer.get()
                    .scheduleWithFixedDelay(this::reevaluate, RECHECK_SECONDS, RECHECK_SECONDS, TimeUnit.SECONDS);
            seenSeq = -1;
            ledgerWatch = Timer.get()
                    .scheduleWithFixedDelay(
                            this::lookAtTheLedger, LEDGER_POLL_SECONDS, LEDGER_POLL_SECONDS, TimeUnit.SECONDS);
        }

        private synchronized void cancelRecheck() {
            if (recheck != null) {
                recheck.cancel(false);
                recheck = null;
            }
            if (ledgerWatch != null) {
                ledgerWatch.cancel(false);
                ledgerWatch = null;
            }
        }

        /** Evaluates again when the ledger moved since the last look (an event appended anywhere). */
        private void lookAtTheLedger() {
            String app;
            synchronized (this) {
                if (done || !waiting || application == null) {
                    return;
                }
                app = application;
            }
            long seq;
            try {
                seq = ApplicationLedgers.forApplication(app).liveState().seq();
            } catch (RuntimeException x) {
                // a ledger that cannot be read: the recheck's evaluation reports it and blocks
                LOGGER.log(Level.FINE, "Could not look at the ledger of " + app, x);
                return;
            }
            long before = seenSeq;
            seenSeq = seq;
            if (seq != before) {
                // the first look evaluates too: an event may have come between the wait and the watch
                reevaluate();
            }
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            stopped = true;
            synchronized (this) {
                done = true;
                cancelRecheck();
            }
            Future<?> running = task;
            if (running != null) {
                running.cancel(true);
            }
            super.stop(cause);
        }

        @Override
        public void onResume() {
            boolean stillWaiting;
            synchronized (this) {
                stillWaiting = waiting && !done;
                lastStatus = null; // say where we stand once more after the restart
            }
            if (stillWaiting) {
                scheduleRecheck();
                reevaluate();
            }
        }

        @Override
        public @NonNull String getStatus() {
            synchronized (this) {
                if (waiting && !done) {
                    return "waiting at the gate of " + tier + " for "
                            + (candidateVersion == null ? "?" : candidateVersion);
                }
            }
            return super.getStatus();
        }
    }

    @Extension
    @Symbol("tierGate")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "tierGate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TierGateStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        public ListBoxModel doFillOnBlockedItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.TierGateStep_OnBlocked_Fail(), "fail");
            items.add(Messages.TierGateStep_OnBlocked_Unstable(), "unstable");
            items.add(Messages.TierGateStep_OnBlocked_Return(), "return");
            return items;
        }

        public FormValidation doCheckTier(@QueryParameter String value) {
            return StepForms.checkTier(value);
        }

        public FormValidation doCheckMinPassRate(@QueryParameter String value) {
            return StepForms.checkPercent(value);
        }

        public FormValidation doCheckMaxReportAge(@QueryParameter String value) {
            return StepForms.checkDuration(value);
        }
    }
}
