package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.Tier;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/** What every rule reads: the request, its effective policy, the past and the time of evaluation. */
record GateContext(GateRequest request, GatePolicy policy, PromotionHistory history, Instant now) {

    /** How many names an evidence line lists before "… and N more". */
    static final int LISTED = 5;

    Ladder ladder() {
        return request.ladder();
    }

    Tier target() {
        return request.ladder().tier(request.tier()).orElseThrow();
    }

    String version() {
        return request.candidate().version();
    }

    static Finding finding(String rule, Outcome outcome, ReasonCode code, String message) {
        return new Finding(rule, outcome, code.name(), message);
    }

    /** {@code a, b, c, d, e … and 3 more}. */
    static String list(List<String> names) {
        String shown = names.stream().limit(LISTED).collect(Collectors.joining(", "));
        return names.size() > LISTED ? shown + " … and " + (names.size() - LISTED) + " more" : shown;
    }

    /** An instant as people read it in evidence: {@code 2026-03-28T21:00:00Z}. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.UTC)
                .toInstant()
                .toString();
    }

    /** {@code 1 test}, {@code 2 tests}. */
    static String plural(long n, String singular, String pluralForm) {
        return n + " " + (n == 1 ? singular : pluralForm);
    }

    static String simpleName(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }
}
