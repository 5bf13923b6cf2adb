package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.DraftText;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.Tier;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A gate as a form, a Pipeline map or Configuration as Code writes it: every rule a text field,
 * blank meaning "left out" (the rule's default). {@link #toPolicy()} reads and checks it the same
 * way for every front end.
 *
 * @param minTests fewest tests that must have run
 * @param maxFailures most failures allowed
 * @param minPassRate lowest pass rate, a percentage
 * @param maxSkipped most skipped tests allowed
 * @param maxSkippedPercent largest share of skipped tests, a percentage
 * @param noNewFailures whether a failure the baseline lacks blocks
 * @param baseline the tier whose live candidate is the baseline, or blank for the target tier
 * @param quarantine known-flaky test patterns, one a line
 * @param requiredSuites suite patterns that must have run, one a line
 * @param flaky {@code ignore}, {@code fail}, or how many flaky tests are allowed ({@code 2} or {@code allow 2})
 * @param maxReportAge how old the oldest report may be ({@code 1d})
 * @param soak how long the candidate must have been live in the tier below ({@code 2h})
 * @param approval who must approve, or null
 * @param freeze the freeze windows
 */
public record GateDraft(
        String minTests,
        String maxFailures,
        String minPassRate,
        String maxSkipped,
        String maxSkippedPercent,
        boolean noNewFailures,
        String baseline,
        String quarantine,
        String requiredSuites,
        String flaky,
        String maxReportAge,
        String soak,
        ApprovalDraft approval,
        List<FreezeDraft> freeze)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public GateDraft {
        freeze = freeze == null ? List.of() : List.copyOf(freeze);
    }

    /**
     * The gate policy.
     *
     * @throws InvalidDefinitionException naming the rule at fault ({@code soak}, {@code freeze[1].zone})
     */
    public GatePolicy toPolicy() {
        GatePolicy.Builder b = GatePolicy.builder();
        Integer tests = DraftText.count("minTests", minTests);
        if (tests != null) {
            b.minTests(tests);
        }
        Integer failures = DraftText.count("maxFailures", maxFailures);
        if (failures != null) {
            b.maxFailures(failures);
        }
        Double passRate = DraftText.percent("minPassRate", minPassRate);
        if (passRate != null) {
            b.minPassRate(passRate);
        }
        Integer skipped = DraftText.count("maxSkipped", maxSkipped);
        if (skipped != null) {
            b.maxSkipped(skipped);
        }
        Double skippedPercent = DraftText.percent("maxSkippedPercent", maxSkippedPercent);
        if (skippedPercent != null) {
            b.maxSkippedPercent(skippedPercent);
        }
        if (noNewFailures) {
            b.noNewFailures(true);
        }
        if (!DraftText.blank(baseline)) {
            try {
                Tier.checkId(baseline.trim());
            } catch (InvalidDefinitionException e) {
                throw new InvalidDefinitionException("baseline", e.problem());
            }
            b.baselineTier(baseline.trim());
        }
        List<String> quarantined = DraftText.lines("quarantine", quarantine);
        if (!quarantined.isEmpty()) {
            b.quarantine(quarantined);
        }
        b.requiredSuites(DraftText.lines("requiredSuites", requiredSuites));
        if (!DraftText.blank(flaky)) {
            b.flaky(FlakyPolicy.parse(flaky));
        }
        Duration age = DraftText.duration("maxReportAge", maxReportAge);
        if (age != null) {
            b.maxReportAge(age);
        }
        Duration soakTime = DraftText.duration("soak", soak);
        if (soakTime != null) {
            b.soak(soakTime);
        }
        if (approval != null) {
            try {
                b.approval(approval.toPolicy());
            } catch (InvalidDefinitionException e) {
                throw e.within("approval");
            }
        }
        List<FreezeWindow> windows = new ArrayList<>();
        for (int i = 0; i < freeze.size(); i++) {
            try {
                windows.add(freeze.get(i).toWindow());
            } catch (InvalidDefinitionException e) {
                throw e.within("freeze[" + i + "]");
            }
        }
        b.freeze(windows);
        return b.build();
    }
}
