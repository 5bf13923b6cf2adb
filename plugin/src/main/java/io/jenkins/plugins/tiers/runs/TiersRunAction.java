package io.jenkins.plugins.tiers.runs;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.tiers.JenkinsFacade;
import io.jenkins.plugins.tiers.approval.ApprovalResult;
import io.jenkins.plugins.tiers.approval.ApprovalService;
import io.jenkins.plugins.tiers.config.LadderResolver;
import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import io.jenkins.plugins.tiers.ledger.EventType;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerEvent;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.model.Candidate;
import io.jenkins.plugins.tiers.security.TiersPermissions;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import io.jenkins.plugins.tiers.view.StrategyControl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * What one run did at the tiers: each gate verdict and each deployment, as a summary small enough
 * for build.xml (status, counts, the first reasons). The full evidence of every verdict lives in
 * the application's ledger, which the action's page reads on demand, so loading a build never
 * loads test evidence.
 */
public class TiersRunAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(TiersRunAction.class.getName());

    /** Reasons kept per verdict in build.xml; the rest is in the ledger. */
    static final int MAX_REASONS = 3;

    /** Longest reason kept in build.xml. */
    static final int MAX_REASON_LENGTH = 500;

    private final String application;
    private final List<VerdictSummary> verdicts = new ArrayList<>();
    private final List<DeploymentSummary> deployments = new ArrayList<>();
    private transient Run<?, ?> run;

    public TiersRunAction(String application) {
        this.application = application;
    }

    /** The action of {@code run}, attached on first use. */
    public static TiersRunAction of(Run<?, ?> run, String application) {
        synchronized (run) {
            TiersRunAction action = run.getAction(TiersRunAction.class);
            if (action == null) {
                action = new TiersRunAction(application);
                run.addAction(action);
            }
            return action;
        }
    }

    /** A gate's verdict for one tier, in summary. */
    public static final class VerdictSummary {
        private final String tier;
        private final String version;
        private final String status;
        private final List<String> reasons;
        private final long evaluatedAt;

        VerdictSummary(String tier, String version, String status, List<String> reasons, long evaluatedAt) {
            this.tier = tier;
            this.version = version;
            this.status = status;
            // An ArrayList, not List.copyOf: build.xml is written by XStream.
            this.reasons = new ArrayList<>(reasons);
            this.evaluatedAt = evaluatedAt;
        }

        static VerdictSummary of(Verdict verdict) {
            List<String> reasons = new ArrayList<>();
            for (Finding f : verdict.reasons()) {
                if (reasons.size() == MAX_REASONS) {
                    break;
                }
                String line = f.message();
                reasons.add(line.length() > MAX_REASON_LENGTH ? line.substring(0, MAX_REASON_LENGTH) + "…" : line);
            }
            return new VerdictSummary(
                    verdict.tier(),
                    verdict.candidate().version(),
                    verdict.status().name(),
                    reasons,
                    verdict.evaluatedAt().toEpochMilli());
        }

        public String getTier() {
            return tier;
        }

        public String getVersion() {
            return version;
        }

        /** {@code PASSED}, {@code WAITING} or {@code BLOCKED}. */
        public String getStatus() {
            return status;
        }

        public List<String> getReasons() {
            return Collections.unmodifiableList(reasons);
        }

        public long getEvaluatedAt() {
            return evaluatedAt;
        }
    }

    /** One deployment into a tier and how it ended. */
    public static final class DeploymentSummary {
        /** Where a deployment stands. */
        public enum State {
            RUNNING,
            SUCCEEDED,
            FAILED,
            ROLLED_BACK,
            /** Blue-green: deployed into the idle slot, not live until the switch. */
            AWAITING_SWITCH,
            /** Canary: withdrawn, the candidate it started over stays live. */
            ABORTED
        }

        private final String tier;
        private final String version;
        private final State state;
        private final long startedAt;
        private final long finishedAt;

        DeploymentSummary(String tier, String version, State state, long startedAt, long finishedAt) {
            this.tier = tier;
            this.version = version;
            this.state = state;
            this.startedAt = startedAt;
            this.finishedAt = finishedAt;
        }

        public String getTier() {
            return tier;
        }

        public String getVersion() {
            return version;
        }

        public State getState() {
            return state;
        }

        public long getStartedAt() {
            return startedAt;
        }

        /** When it ended, or 0 while it runs. */
        public long getFinishedAt() {
            return finishedAt;
        }
    }

    public String getApplication() {
        return application;
    }

    public synchronized List<VerdictSummary> getVerdicts() {
        return List.copyOf(verdicts);
    }

    public synchronized List<DeploymentSummary> getDeployments() {
        return List.copyOf(deployments);
    }

    /** The latest verdict this run obtained for {@code tier} and {@code version}, if any. */
    @CheckForNull
    public synchronized VerdictSummary latestVerdict(String tier, String version) {
        for (int i = verdicts.size() - 1; i >= 0; i--) {
            VerdictSummary v = verdicts.get(i);
            if (v.tier.equals(tier) && v.version.equals(version)) {
                return v;
            }
        }
        return null;
    }

    /** Adds a verdict and saves the build, so the record survives a restart of the controller. */
    public void add(Verdict verdict) {
        synchronized (this) {
            verdicts.add(VerdictSummary.of(verdict));
        }
        save();
    }

    /** Records that a deployment of {@code candidate} into {@code tier} started at {@code at}. */
    public void deploymentStarted(String tier, Candidate candidate, long at) {
        synchronized (this) {
            deployments.add(new DeploymentSummary(tier, candidate.version(), DeploymentSummary.State.RUNNING, at, 0));
        }
        save();
    }

    /** Records how the running deployment into {@code tier} ended. */
    public void deploymentFinished(String tier, Candidate candidate, DeploymentSummary.State state, long at) {
        synchronized (this) {
            for (int i = deployments.size() - 1; i >= 0; i--) {
                DeploymentSummary d = deployments.get(i);
                if (d.tier.equals(tier)
                        && d.version.equals(candidate.version())
                        && d.state == DeploymentSummary.State.RUNNING) {
                    deployments.set(i, new DeploymentSummary(tier, d.version, state, d.startedAt, at));
                    break;
                }
            }
        }
        save();
    }

    /**
     * Records a switch of {@code tier} to {@code candidate}: the deployment of it this run left
     * awaiting the switch now ends in {@code state}; without one (a switch back, or a switch of what
     * another run deployed), the switch is a deployment of its own.
     */
    public void switched(String tier, Candidate candidate, DeploymentSummary.State state, long at) {
        synchronized (this) {
            boolean updated = false;
            for (int i = deployments.size() - 1; i >= 0 && !updated; i--) {
                DeploymentSummary d = deployments.get(i);
                if (d.tier.equals(tier)
                        && d.version.equals(candidate.version())
                        && d.state == DeploymentSummary.State.AWAITING_SWITCH) {
                    deployments.set(i, new DeploymentSummary(tier, d.version, state, d.startedAt, at));
                    updated = true;
                }
            }
            if (!updated) {
                deployments.add(new DeploymentSummary(tier, candidate.version(), state, at, at));
            }
        }
        save();
    }

    /**
     * The full verdicts this run obtained, with every finding, read from the application's ledger
     * (build.xml holds only their summary). Read when the action's page is shown, never on load.
     */
    public List<Verdict> getVerdictRecords() {
        String actor = run == null ? null : run.getExternalizableId();
        Set<String> versions = new LinkedHashSet<>();
        for (VerdictSummary v : getVerdicts()) {
            versions.add(v.version);
        }
        Ledger ledger = ApplicationLedgers.forApplication(application);
        List<Verdict> records = new ArrayList<>();
        for (String version : versions) {
            ledger.candidate(version).ifPresent(path -> {
                for (LedgerEvent e : path.events()) {
                    if (e.type() == EventType.GATE_VERDICT && e.actor().equals(actor)) {
                        records.add(e.verdict());
                    }
                }
            });
        }
        return records;
    }

    /** The tiers at which this run waits for approval now. */
    public synchronized List<String> getWaitingTiers() {
        Set<String> tiers = new LinkedHashSet<>();
        for (VerdictSummary v : verdicts) {
            tiers.add(v.tier);
        }
        List<String> waiting = new ArrayList<>();
        for (String tier : tiers) {
            if (waitingVersion(tier) != null) {
                waiting.add(tier);
            }
        }
        return waiting;
    }

    /** Counts for the build page: how many verdicts passed, waited, were blocked. */
    public synchronized int countVerdicts(String status) {
        int n = 0;
        for (VerdictSummary v : verdicts) {
            n += v.status.equals(status) ? 1 : 0;
        }
        return n;
    }

    /** The version this run waits with at {@code tier}, if its latest verdict there is waiting. */
    @CheckForNull
    public synchronized String waitingVersion(String tier) {
        for (int i = verdicts.size() - 1; i >= 0; i--) {
            VerdictSummary v = verdicts.get(i);
            if (v.tier.equals(tier)) {
                return v.status.equals("WAITING") ? v.version : null;
            }
        }
        return null;
    }

    /**
     * Whether the approve and refuse forms are shown: only while the run is still going (a run
     * that ended waits for nothing) and only to those with the Promote permission on its job.
     */
    public boolean isCanDecide() {
        Run<?, ?> r = run;
        return r != null && r.isBuilding() && r.getParent().hasPermission(TiersPermissions.PROMOTE);
    }

    /**
     * {@code POST .../deployment-tiers/approve?tier=production&comment=...}: approves the candidate
     * this run waits with at {@code tier}. Needs the Promote permission on the job; the tier's own
     * approver rules are checked by {@link ApprovalService}. The answer is the outcome as text, or,
     * with {@code redirect=true} (the build page's forms), a redirect back to this page.
     */
    @RequirePOST
    public HttpResponse doApprove(
            @QueryParameter String tier, @QueryParameter String comment, @QueryParameter boolean redirect) {
        return decide(tier, comment, true, redirect);
    }

    /** {@code POST .../deployment-tiers/refuse?tier=production&comment=...}: refuses it. */
    @RequirePOST
    public HttpResponse doRefuse(
            @QueryParameter String tier, @QueryParameter String comment, @QueryParameter boolean redirect) {
        return decide(tier, comment, false, redirect);
    }

    private HttpResponse decide(String tier, String comment, boolean approve, boolean redirect) {
        Run<?, ?> r = run;
        if (r == null) {
            return HttpResponses.notFound();
        }
        r.getParent().checkPermission(TiersPermissions.PROMOTE);
        String version = tier == null || !r.isBuilding() ? null : waitingVersion(tier);
        if (version == null) {
            return HttpResponses.errorWithoutStack(409, Messages.TiersRunAction_NotWaiting(String.valueOf(tier)));
        }
        ApprovalResult result = ApprovalService.approve(
                r.getParent(),
                tier,
                version,
                JenkinsFacade.currentAuthentication(),
                comment == null ? "" : comment,
                approve);
        if (!result.accepted()) {
            return HttpResponses.errorWithoutStack(409, result.message());
        }
        // "." is this action's page: the form came from there, and nothing else can be named here.
        return redirect ? HttpResponses.redirectTo(".") : HttpResponses.text(result.message());
    }

    /**
     * The blue-green and canary tiers this run deployed into, as they stand in the ledger now, for
     * the Switch, Switch back, Abort and Approve step buttons of the build page (they post to the
     * promotion view), each only where it acts on a version this run deployed.
     */
    public List<StrategyControl> getStrategyControls() {
        Run<?, ?> r = run;
        List<StrategyControl> controls = new ArrayList<>();
        if (r == null) {
            return controls;
        }
        Set<String> deployedInto = new HashSet<>();
        Set<String> versions = new HashSet<>();
        synchronized (this) {
            deployments.forEach(d -> {
                deployedInto.add(d.getTier());
                versions.add(d.getVersion());
            });
        }
        try {
            LadderResolver.forJob(r.getParent()).ifPresent(resolved -> {
                LiveState live = ApplicationLedgers.forApplication(resolved.application())
                        .liveState();
                resolved.ladder().tiers().stream()
                        .filter(t -> deployedInto.contains(t.id()))
                        .forEach(t -> StrategyControl.of(t, live.tier(t.id()))
                                .map(c -> c.forVersions(versions))
                                .ifPresent(controls::add));
            });
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "Strategy controls of " + r + " unavailable", e);
        }
        return controls;
    }

    /** Whether the current user may press the Switch, Switch back and Abort buttons. */
    public boolean isCanPromote() {
        Run<?, ?> r = run;
        return r != null && r.getParent().hasPermission(TiersPermissions.PROMOTE);
    }

    /**
     * The names people read for tiers: display names from the job's ladder when it resolves, ids
     * otherwise (a ladder that changed or broke since the run still shows). Resolved once per
     * page, since resolving may look at every job.
     */
    public TierNames getTierNames() {
        Map<String, String> names = new HashMap<>();
        Run<?, ?> r = run;
        if (r != null) {
            try {
                LadderResolver.forJob(r.getParent())
                        .ifPresent(
                                resolved -> resolved.ladder().tiers().forEach(t -> names.put(t.id(), t.displayName())));
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "Tier names of " + r + " unavailable, showing ids", e);
            }
        }
        return new TierNames(names);
    }

    /** Display names of tiers by id, for the views. */
    public static final class TierNames {
        private final Map<String, String> names;

        TierNames(Map<String, String> names) {
            this.names = names;
        }

        /** The tier's display name, or its id when the ladder does not know it. */
        public String name(String tierId) {
            return names.getOrDefault(tierId, tierId);
        }
    }

    /** A verdict's status ({@code PASSED}, {@code WAITING}, {@code BLOCKED}) in the words of the other views. */
    public String statusWord(String status) {
        return switch (status) {
            case "PASSED" -> Messages.TiersRunAction_Status_Passed();
            case "WAITING" -> Messages.TiersRunAction_Status_Waiting();
            case "BLOCKED" -> Messages.TiersRunAction_Status_Blocked();
            default -> status;
        };
    }

    /** A deployment's state in the words of the other views. */
    public String stateWord(DeploymentSummary.State state) {
        return switch (state) {
            case RUNNING -> Messages.TiersRunAction_State_Running();
            case SUCCEEDED -> Messages.TiersRunAction_State_Succeeded();
            case FAILED -> Messages.TiersRunAction_State_Failed();
            case ROLLED_BACK -> Messages.TiersRunAction_State_RolledBack();
            case AWAITING_SWITCH -> Messages.TiersRunAction_State_AwaitingSwitch();
            case ABORTED -> Messages.TiersRunAction_State_Aborted();
        };
    }

    /** A finding's outcome as a word. */
    public String outcomeWord(Finding.Outcome outcome) {
        return switch (outcome) {
            case PASS -> Messages.TiersRunAction_Outcome_Pass();
            case INFO -> Messages.TiersRunAction_Outcome_Info();
            case WAIT -> Messages.TiersRunAction_Outcome_Wait();
            case BLOCK -> Messages.TiersRunAction_Outcome_Block();
        };
    }

    @CheckForNull
    public Run<?, ?> getRun() {
        return run;
    }

    private void save() {
        Run<?, ?> r = run;
        if (r == null) {
            return;
        }
        try {
            r.save();
        } catch (IOException x) {
            LOGGER.log(Level.WARNING, "Could not save " + r, x);
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-paper-plane-outline";
    }

    @Override
    public String getDisplayName() {
        return Messages.TiersRunAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "deployment-tiers";
    }
}
