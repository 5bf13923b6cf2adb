package io.jenkins.plugins.tiers.view;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Action;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.tiers.JenkinsFacade;
import io.jenkins.plugins.tiers.approval.ApprovalResult;
import io.jenkins.plugins.tiers.approval.ApprovalService;
import io.jenkins.plugins.tiers.approval.StrategyDecisionService;
import io.jenkins.plugins.tiers.config.LadderResolver;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.ledger.AuditRecord;
import io.jenkins.plugins.tiers.ledger.CandidatePath;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.security.TiersPermissions;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;

/**
 * The deployment tiers of one job: the tier cards and live-code chart on the job page
 * ({@code floatingBox.jelly}), the promotion view at {@code job/NAME/tiers/}, its REST API and the
 * approve/refuse buttons. Everything it shows comes from the application's ledger, never from
 * build records.
 */
@ExportedBean(defaultVisibility = 2)
public class TiersJobAction implements Action {

    /** How many recent candidates the job page, the promotion view and the API show. */
    static final int RECENT_CANDIDATES = 20;

    private final Job<?, ?> job;
    private final Clock clock;

    public TiersJobAction(Job<?, ?> job) {
        this(job, Clock.systemDefaultZone());
    }

    TiersJobAction(Job<?, ?> job, Clock clock) {
        this.job = job;
        this.clock = clock;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return "symbol-environment";
    }

    @Override
    public String getDisplayName() {
        return Messages.TiersJobAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "tiers";
    }

    /** {@code api/json} and {@code api/xml}. */
    public Api getApi() {
        job.checkPermission(Item.READ);
        return new Api(this);
    }

    /** The job's ladder, or empty when its configuration is broken ({@link #getProblem()} says why). */
    Optional<ResolvedLadder> ladder() {
        try {
            return LadderResolver.forJob(job);
        } catch (InvalidDefinitionException e) {
            return Optional.empty();
        }
    }

    /** What stops the view from showing the tiers (a broken ladder), or null when nothing does. */
    @CheckForNull
    @Exported(skipNull = true)
    public String getProblem() {
        try {
            return LadderResolver.forJob(job).isPresent() ? null : Messages.TiersJobAction_NoLadder();
        } catch (InvalidDefinitionException e) {
            return Messages.TiersJobAction_BrokenLadder(e.getMessage());
        }
    }

    /** The application whose ledger this job shares, or null when the ladder is broken. */
    @CheckForNull
    @Exported
    public String getApplication() {
        return ladder().map(ResolvedLadder::application).orElse(null);
    }

    /** The tiers in ladder order with their live and waiting candidates. */
    @Exported(inline = true)
    public List<TierSummary> getTiers() {
        Optional<ResolvedLadder> ladder = ladder();
        if (ladder.isEmpty()) {
            return List.of();
        }
        LiveState live = ledger(ladder.get()).liveState();
        List<TierSummary> tiers = new ArrayList<>();
        for (Tier tier : ladder.get().ladder().tiers()) {
            tiers.add(new TierSummary(tier, live.tier(tier.id())));
        }
        return tiers;
    }

    /** The newest candidates, newest first, with how far each got. */
    @Exported(inline = true)
    public List<CandidateSummary> getCandidates() {
        return ladder().map(l -> ledger(l).lastCandidates(RECENT_CANDIDATES).stream()
                        .map(CandidateSummary::new)
                        .toList())
                .orElse(List.of());
    }

    /** Whether the current user may press the approve and refuse buttons. */
    public boolean isCanPromote() {
        return job.hasPermission(TiersPermissions.PROMOTE);
    }

    /** The promotion view for the filters and search text of the request (all optional). */
    public PromotionPage page(@CheckForNull String window, @CheckForNull String tier, @CheckForNull String query) {
        return PromotionPage.of(ladder(), this::ledger, clock, window, tier, query, getProblem());
    }

    /** The job page's box: tier cards and live-code chart. */
    public PromotionPage summary() {
        return PromotionPage.of(ladder(), this::ledger, clock, null, null, null, getProblem());
    }

    /**
     * Approves or refuses a candidate waiting at a tier's gate. POST only, with the CSRF crumb;
     * the Promote permission first, then the tier's own approver rules in the approval service.
     * Accepted, it returns to the promotion view; refused, it says why (409).
     */
    @RequirePOST
    public HttpResponse doDecide(
            @QueryParameter String tier,
            @QueryParameter String version,
            @QueryParameter String comment,
            @QueryParameter String decision) {
        job.checkPermission(TiersPermissions.PROMOTE);
        boolean approve;
        if ("approve".equals(decision)) {
            approve = true;
        } else if ("refuse".equals(decision)) {
            approve = false;
        } else {
            return HttpResponses.errorWithoutStack(400, Messages.TiersJobAction_UnknownDecision());
        }
        if (Util.fixEmptyAndTrim(tier) == null || Util.fixEmptyAndTrim(version) == null) {
            return HttpResponses.errorWithoutStack(400, Messages.TiersJobAction_MissingCandidate());
        }
        ApprovalResult result = ApprovalService.approve(
                job,
                tier.trim(),
                version.trim(),
                JenkinsFacade.currentAuthentication(),
                Util.fixEmptyAndTrim(comment),
                approve);
        if (result.accepted()) {
            return HttpResponses.redirectTo("."); // back to the promotion view the form came from
        }
        HttpResponse refusal = HttpResponses.forwardToView(this, "decided").with("result", result);
        return new HttpResponse() {
            @Override
            public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
                    throws IOException, ServletException {
                rsp.setStatus(409);
                refusal.generateResponse(req, rsp, node);
            }
        };
    }

    /**
     * Switches a blue-green tier, switches it back, or aborts a canary in progress ({@code
     * decision=switch|switch-back|abort}). POST only, with the CSRF crumb; the Promote permission
     * first, then the engine's state machines against the ledger. Accepted, it returns to the
     * promotion view; refused, it says why (409).
     */
    @RequirePOST
    public HttpResponse doStrategy(
            @QueryParameter String tier, @QueryParameter String decision, @QueryParameter String reason) {
        job.checkPermission(TiersPermissions.PROMOTE);
        Optional<StrategyDecisionService.Decision> d = StrategyDecisionService.Decision.parse(decision);
        if (d.isEmpty()) {
            return HttpResponses.errorWithoutStack(400, Messages.TiersJobAction_UnknownStrategyDecision());
        }
        if (Util.fixEmptyAndTrim(tier) == null) {
            return HttpResponses.errorWithoutStack(400, Messages.TiersJobAction_MissingTier());
        }
        ApprovalResult result = StrategyDecisionService.decide(
                job, tier.trim(), d.get(), reason, JenkinsFacade.currentAuthentication(), clock);
        return result.accepted()
                ? HttpResponses.redirectTo(".")
                : HttpResponses.errorWithoutStack(409, result.message());
    }

    /**
     * The audit record of one candidate (who, when, evidence, verdicts, artifact) as JSON, to keep
     * beside a release. Read permission first.
     */
    @GET
    public void doAudit(StaplerResponse2 rsp, @QueryParameter String version) throws IOException {
        job.checkPermission(Item.READ);
        Optional<ResolvedLadder> ladder = ladder();
        String wanted = Util.fixEmptyAndTrim(version);
        Optional<CandidatePath> path = ladder.isEmpty() || wanted == null
                ? Optional.empty()
                : ledger(ladder.get()).candidate(wanted);
        if (path.isEmpty()) {
            rsp.sendError(404, Messages.TiersJobAction_NoSuchCandidate());
            return;
        }
        byte[] json = AuditRecord.of(ladder.get().ladder(), path.get(), clock.instant())
                .toJson()
                .getBytes(StandardCharsets.UTF_8);
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("Content-Disposition", "attachment; filename=\"audit.json\"");
        rsp.getOutputStream().write(json);
    }

    private Ledger ledger(ResolvedLadder ladder) {
        return ApplicationLedgers.forApplication(ladder.application());
    }
}
