package io.jenkins.plugins.tiers.model;

import io.jenkins.plugins.tiers.gate.GateDraft;
import io.jenkins.plugins.tiers.gate.GatePolicy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tier as a form, a Pipeline map or Configuration as Code write it: text fields, checked only
 * when {@link #toTier()} reads them, so that every front end gets the same messages.
 *
 * @param id the tier id
 * @param displayName the name views show, or blank for the id
 * @param kind a {@link TierKind} label, or blank for {@code other}
 * @param url where the deployed application can be seen, or blank
 * @param credentialsId the id of the credentials of the tier, or blank
 * @param strategy {@code direct}, {@code blue-green} or {@code canary}, or blank for direct
 * @param canarySteps for a canary, the percentages separated by commas ({@code 10, 50, 100})
 * @param skippable whether a candidate may pass over the tier
 * @param gate the tier's gate, or null for the default one
 * @param switchMode for blue-green, {@code auto} or {@code manual}, or blank for manual
 * @param previewUrl for blue-green, where the idle slot can be seen, or blank
 * @param pause for a canary, how long each step holds its weight before its check ({@code 10m}, or
 *     {@code 10m, 30m} one per step but the last), or blank for none
 * @param approveAt for a canary, the weight of the step past which it goes on only once approved
 *     ({@code 50}), or blank for none
 */
public record TierDraft(
        String id,
        String displayName,
        String kind,
        String url,
        String credentialsId,
        String strategy,
        String canarySteps,
        boolean skippable,
        GateDraft gate,
        String switchMode,
        String previewUrl,
        String pause,
        String approveAt)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A tier without strategy options. */
    public TierDraft(
            String id,
            String displayName,
            String kind,
            String url,
            String credentialsId,
            String strategy,
            String canarySteps,
            boolean skippable,
            GateDraft gate) {
        this(id, displayName, kind, url, credentialsId, strategy, canarySteps, skippable, gate, null, null, null, null);
    }

    /**
     * The tier.
     *
     * @throws InvalidDefinitionException naming the field at fault ({@code gate.soak})
     */
    public Tier toTier() {
        if (DraftText.blank(id)) {
            throw new InvalidDefinitionException("id", "a tier needs an id");
        }
        Tier.checkId(id.trim());
        TierKind tierKind = kind(kind);
        Strategy tierStrategy = StrategyOptions.apply(
                        strategy(strategy, canarySteps), switchMode, previewUrl, StrategyOptions.splitPauses(pause))
                .withApproveAt(StrategyOptions.approveAt(approveAt));
        GatePolicy policy;
        try {
            policy = gate == null ? null : gate.toPolicy();
        } catch (InvalidDefinitionException e) {
            throw e.within("gate");
        }
        return new Tier(id.trim(), displayName, tierKind, url, credentialsId, tierStrategy, skippable, policy);
    }

    /** Reads a kind label; blank means {@code other}. */
    public static TierKind kind(String label) {
        if (DraftText.blank(label)) {
            return TierKind.OTHER;
        }
        return TierKind.fromLabel(label)
                .orElseThrow(() -> new InvalidDefinitionException(
                        "kind",
                        Tier.quote(label.trim())
                                + " is not a tier kind; use development, testing, staging, production or other"));
    }

    /** Reads a strategy and, for a canary, its steps; steps without a canary are refused. */
    public static Strategy strategy(String name, String steps) {
        String n = DraftText.blank(name) ? "direct" : name.trim().toLowerCase(Locale.ROOT);
        List<Integer> percentages = new ArrayList<>();
        if (!DraftText.blank(steps)) {
            for (String part : steps.trim().split("[,\\s]+")) {
                String p = part.endsWith("%") ? part.substring(0, part.length() - 1) : part;
                try {
                    percentages.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    throw new InvalidDefinitionException(
                            "canarySteps", Tier.quote(part) + " is not a whole percentage such as 10");
                }
            }
        }
        Strategy.Kind kind =
                switch (n) {
                    case "direct" -> Strategy.Kind.DIRECT;
                    case "blue-green", "bluegreen", "blue_green" -> Strategy.Kind.BLUE_GREEN;
                    case "canary" -> Strategy.Kind.CANARY;
                    default ->
                        throw new InvalidDefinitionException(
                                "strategy",
                                Tier.quote(name.trim()) + " is not a strategy; use direct, blue-green or canary");
                };
        try {
            return new Strategy(kind, percentages);
        } catch (InvalidDefinitionException e) {
            throw new InvalidDefinitionException("canarySteps", e.problem());
        }
    }
}
