package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.GateContext.finding;
import static io.jenkins.plugins.tiers.gate.GateContext.time;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import io.jenkins.plugins.tiers.model.DurationText;
import io.jenkins.plugins.tiers.model.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Soak time: the candidate must have been live in the tier below for at least a duration before
 * it may climb. Skippable tiers where the candidate is not live are passed over, as the promotion
 * rule does; a candidate no longer live below cannot prove its soak and is blocked.
 */
final class SoakRule {

    static final String RULE = "soak";

    private SoakRule() {}

    static Finding evaluate(GateContext c, Duration soak) {
        List<Tier> tiers = c.ladder().tiers();
        int index = c.ladder().indexOf(c.target().id());
        String required = DurationText.format(soak);
        if (index == 0) {
            return finding(
                    RULE,
                    Outcome.PASS,
                    ReasonCode.NO_TIER_TO_SOAK_IN,
                    c.target().id() + " is the first tier: there is no tier below to soak in (" + required
                            + " required)");
        }
        for (int i = index - 1; i >= 0; i--) {
            Tier below = tiers.get(i);
            Optional<LiveEntry> live = c.history().liveIn(below.id());
            if (live.isPresent() && live.get().candidate().version().equals(c.version())) {
                Instant since = live.get().since();
                Duration elapsed = Duration.between(since, c.now());
                if (elapsed.isNegative()) {
                    elapsed = Duration.ZERO;
                }
                if (elapsed.compareTo(soak) >= 0) {
                    return finding(
                            RULE,
                            Outcome.PASS,
                            ReasonCode.SOAKED,
                            "live in " + below.id() + " for " + DurationText.format(elapsed.withNanos(0)) + " since "
                                    + time(since) + ", at least " + required + " required");
                }
                return finding(
                        RULE,
                        Outcome.WAIT,
                        ReasonCode.SOAK_PENDING,
                        "live in " + below.id() + " for " + DurationText.format(elapsed.withNanos(0)) + " of "
                                + required + "; soak ends at " + time(since.plus(soak)));
            }
            if (!below.skippable()) {
                return finding(
                        RULE,
                        Outcome.BLOCK,
                        ReasonCode.NOT_SOAKED,
                        c.version() + " is not live in " + below.id() + ", so it cannot soak there (" + required
                                + " required)");
            }
        }
        return finding(
                RULE,
                Outcome.BLOCK,
                ReasonCode.NOT_SOAKED,
                c.version() + " is not live in any tier below " + c.target().id() + ", so it cannot soak (" + required
                        + " required)");
    }
}
