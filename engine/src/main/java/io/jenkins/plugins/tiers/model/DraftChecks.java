package io.jenkins.plugins.tiers.model;

import io.jenkins.plugins.tiers.gate.ApprovalDraft;
import io.jenkins.plugins.tiers.gate.FlakyPolicy;
import io.jenkins.plugins.tiers.gate.FreezeText;
import io.jenkins.plugins.tiers.gate.GateDraft;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks one field of a ladder form at a time, for the messages a form shows as you type. Each
 * check reads the field with the same code that reads a saved ladder ({@link TierDraft}, {@link
 * GateDraft}), so the two never disagree. An empty answer means the field is fine.
 */
public final class DraftChecks {

    /** What a named ladder's name looks like. */
    public static final Pattern LADDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private DraftChecks() {}

    private static Optional<String> problem(Runnable read) {
        try {
            read.run();
            return Optional.empty();
        } catch (InvalidDefinitionException e) {
            return Optional.of(e.problem());
        }
    }

    /** As {@link #problem}, for a reading whose result is not needed. */
    private static Optional<String> problemOf(java.util.function.Supplier<?> read) {
        return problem(() -> Objects.requireNonNull(read.get()));
    }

    /** A tier id: required. */
    public static Optional<String> tierId(String value) {
        if (DraftText.blank(value)) {
            return Optional.of("a tier needs an id");
        }
        return problem(() -> Tier.checkId(value.trim()));
    }

    /** A tier id that may be left blank (a gate's baseline). */
    public static Optional<String> optionalTierId(String value) {
        return DraftText.blank(value) ? Optional.empty() : tierId(value);
    }

    /** Text people read: no control characters. */
    public static Optional<String> text(String value) {
        return problem(() -> DraftText.checkText("text", value));
    }

    /** A tier's address: blank, or http(s). */
    public static Optional<String> url(String value) {
        return problem(() -> new Tier("tier", null, TierKind.OTHER, value, null, null, false, null));
    }

    /** A strategy with its canary steps, checked together. */
    public static Optional<String> strategy(String strategy, String canarySteps) {
        return problem(() -> TierDraft.strategy(strategy, canarySteps));
    }

    /**
     * A strategy's options with the strategy (and, for a canary, its steps) they belong to. A
     * canary's pauses are only checked against its steps when the steps themselves are valid.
     */
    public static Optional<String> strategyOptions(
            String strategy, String canarySteps, String switchMode, String previewUrl, String pause) {
        return strategyOptions(strategy, canarySteps, switchMode, previewUrl, pause, null);
    }

    /** As {@link #strategyOptions(String, String, String, String, String)}, with the step to approve at. */
    public static Optional<String> strategyOptions(
            String strategy, String canarySteps, String switchMode, String previewUrl, String pause, String approveAt) {
        // The strategy and its steps are other fields' problems: check these options on their own then.
        Strategy base = null;
        for (String steps : new String[] {canarySteps, "100", null}) {
            try {
                base = TierDraft.strategy(strategy, steps);
                break;
            } catch (InvalidDefinitionException e) {
                // try the next reading
            }
        }
        if (base == null) {
            return Optional.empty();
        }
        Strategy checked = base;
        return problemOf(
                () -> StrategyOptions.apply(checked, switchMode, previewUrl, StrategyOptions.splitPauses(pause))
                        .withApproveAt(StrategyOptions.approveAt(approveAt)));
    }

    /** A whole number from 0, or blank. */
    public static Optional<String> count(String value) {
        return problem(() -> DraftText.count("count", value));
    }

    /** A percentage from 0 to 100, or blank. */
    public static Optional<String> percent(String value) {
        return problem(() -> DraftText.percent("percent", value));
    }

    /** A duration longer than zero, or blank. */
    public static Optional<String> duration(String value) {
        return problem(() -> DraftText.duration("duration", value));
    }

    /** {@code ignore}, {@code fail}, {@code allow N}, or blank. */
    public static Optional<String> flaky(String value) {
        return DraftText.blank(value) ? Optional.empty() : problem(() -> FlakyPolicy.parse(value));
    }

    /** Patterns, one a line. */
    public static Optional<String> patterns(String value) {
        return problem(() -> DraftText.lines("patterns", value));
    }

    /** How many people must approve: blank (one) or a whole number from 1. */
    public static Optional<String> quorum(String value) {
        return problem(() -> new ApprovalDraft(value, null, null, false, null).toPolicy());
    }

    /** User or group names separated by commas or spaces. */
    public static Optional<String> names(String value) {
        return problem(() -> DraftText.names("names", value));
    }

    /** A time-zone id: required. */
    public static Optional<String> zone(String value) {
        return problem(() -> FreezeText.zone("zone", value));
    }

    /** Days of a weekly freeze, or blank for a dated one. */
    public static Optional<String> days(String value) {
        return DraftText.blank(value) ? Optional.empty() : problem(() -> FreezeText.days("days", value));
    }

    /** A local time of day ({@code 18:00}), or blank. */
    public static Optional<String> timeOfDay(String value) {
        return DraftText.blank(value) ? Optional.empty() : problem(() -> FreezeText.timeOfDay("time", value));
    }

    /** A local date or date-time, or blank. */
    public static Optional<String> localDateTime(String value) {
        return DraftText.blank(value) ? Optional.empty() : problem(() -> FreezeText.dateTime("date", value, false));
    }

    /** An application name: blank (the job's name) or text without control characters. */
    public static Optional<String> application(String value) {
        return problem(() -> DraftText.checkText("application", value));
    }

    /** The name of a named ladder: required, letters, digits, dots, dashes and underscores. */
    public static Optional<String> ladderName(String value) {
        if (DraftText.blank(value)) {
            return Optional.of("a named ladder needs a name");
        }
        if (!LADDER_NAME.matcher(value.trim()).matches()) {
            return Optional.of(DraftText.quote(value.trim()) + " must match " + LADDER_NAME.pattern());
        }
        return Optional.empty();
    }
}
