package io.jenkins.plugins.tiers.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a strategy's options as a ladder file, a form or a Pipeline map write them ({@code switch:
 * auto}, {@code previewUrl:}, {@code pause: [10m, 30m]}), so that every front end refuses the same
 * values with the same messages, naming the field at fault.
 */
public final class StrategyOptions {

    private StrategyOptions() {}

    /**
     * {@code base} with the options given; null or blank options are not set.
     *
     * @param switchMode {@code auto} or {@code manual}, only for blue-green
     * @param previewUrl where the idle slot can be seen, only for blue-green
     * @param pauses durations such as {@code 10m}, one for every step or one per step but the last,
     *     only for a canary
     * @throws InvalidDefinitionException naming the field at fault ({@code pause[1]})
     */
    public static Strategy apply(Strategy base, String switchMode, String previewUrl, List<String> pauses) {
        boolean auto = false;
        if (!DraftText.blank(switchMode)) {
            String mode = switchMode.trim();
            if (mode.equals("auto")) {
                auto = true;
            } else if (!mode.equals("manual")) {
                throw new InvalidDefinitionException(
                        "switch", Tier.quote(mode) + " is not a switch mode; use auto or manual");
            }
            if (base.kind() != Strategy.Kind.BLUE_GREEN) {
                throw new InvalidDefinitionException("switch", "only a blue-green strategy switches");
            }
        }
        List<Duration> durations = new ArrayList<>();
        if (pauses != null) {
            for (int i = 0; i < pauses.size(); i++) {
                String text = pauses.get(i);
                String field = pauses.size() == 1 ? "pause" : "pause[" + i + "]";
                if (DraftText.blank(text)) {
                    throw new InvalidDefinitionException(field, "must be a duration such as 10m");
                }
                try {
                    durations.add(DurationText.parse(text.trim()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidDefinitionException(field, e.getMessage());
                }
            }
        }
        return base.with(auto, DraftText.blank(previewUrl) ? null : previewUrl.trim(), durations);
    }

    /**
     * The weight of the canary step that needs an approval, as a form writes it ({@code 50} or
     * {@code 50%}); null when blank.
     *
     * @throws InvalidDefinitionException ({@code approveAt}) when it is not a whole percentage
     */
    public static Integer approveAt(String text) {
        if (DraftText.blank(text)) {
            return null;
        }
        String t = text.trim();
        String digits = t.endsWith("%") ? t.substring(0, t.length() - 1).trim() : t;
        try {
            return Integer.valueOf(digits);
        } catch (NumberFormatException e) {
            throw new InvalidDefinitionException("approveAt", Tier.quote(t) + " is not a whole percentage such as 50");
        }
    }

    /** The pauses of a form field, separated by commas or spaces ({@code 10m, 30m}); empty when blank. */
    public static List<String> splitPauses(String text) {
        if (DraftText.blank(text)) {
            return List.of();
        }
        return List.of(text.trim().split("[,\\s]+"));
    }
}
