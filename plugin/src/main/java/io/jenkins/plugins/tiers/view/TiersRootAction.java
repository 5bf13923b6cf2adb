package io.jenkins.plugins.tiers.view;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Job;
import hudson.model.RootAction;
import io.jenkins.plugins.tiers.JenkinsFacade;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.config.LadderResolver;
import io.jenkins.plugins.tiers.config.ResolvedLadder;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.ledger.LiveState;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /tiers/}: every application the current user may read, with the version live in each of
 * its tiers. Only jobs the user can read are looked at, and only their configuration and ledgers.
 */
@Extension
public class TiersRootAction implements RootAction {

    @Override
    public String getIconFileName() {
        return "symbol-environment";
    }

    @Override
    public String getDisplayName() {
        return Messages.TiersRootAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "tiers";
    }

    /**
     * The applications, sorted by name; an application shared by several jobs is listed once,
     * with the first of them (by full name) to link to.
     */
    public List<ApplicationSummary> getApplications() {
        Map<String, ApplicationSummary> byName = new LinkedHashMap<>();
        List<Job<?, ?>> jobs = new ArrayList<>(JenkinsFacade.readableJobs());
        jobs.sort(Comparator.comparing(Job::getFullName));
        for (Job<?, ?> job : jobs) {
            if (job.getProperty(DeploymentTiersJobProperty.class) == null) {
                continue;
            }
            Optional<ResolvedLadder> ladder;
            try {
                ladder = LadderResolver.forJob(job);
            } catch (InvalidDefinitionException e) {
                continue; // the job's own page says what is wrong
            }
            if (ladder.isEmpty() || byName.containsKey(ladder.get().application())) {
                continue;
            }
            LiveState live;
            try {
                live = ApplicationLedgers.forApplication(ladder.get().application())
                        .liveState();
            } catch (LedgerException e) {
                // the store cannot be reached: this row says so, the others still show
                byName.put(
                        ladder.get().application(),
                        new ApplicationSummary(
                                ladder.get().application(),
                                job,
                                List.of(),
                                Messages.TiersRootAction_LedgerUnavailable(e.getMessage())));
                continue;
            }
            List<TierSummary> tiers = new ArrayList<>();
            for (Tier tier : ladder.get().ladder().tiers()) {
                tiers.add(new TierSummary(tier, live.tier(tier.id())));
            }
            byName.put(
                    ladder.get().application(),
                    new ApplicationSummary(ladder.get().application(), job, tiers, null));
        }
        List<ApplicationSummary> result = new ArrayList<>(byName.values());
        result.sort(Comparator.comparing(ApplicationSummary::getName));
        return result;
    }

    /** One application of the global view. */
    public static final class ApplicationSummary {
        private final String name;
        private final Job<?, ?> job;
        private final List<TierSummary> tiers;
        private final String problem;

        ApplicationSummary(String name, Job<?, ?> job, List<TierSummary> tiers, @CheckForNull String problem) {
            this.name = name;
            this.job = job;
            this.tiers = List.copyOf(tiers);
            this.problem = problem;
        }

        /** Why the live versions could not be read, if they could not. */
        @CheckForNull
        public String getProblem() {
            return problem;
        }

        public String getName() {
            return name;
        }

        /** The job to link to (its promotion view is {@code job.url + "tiers/"}). */
        public Job<?, ?> getJob() {
            return job;
        }

        public List<TierSummary> getTiers() {
            return tiers;
        }
    }
}
