package io.jenkins.plugins.tiers.gate;

import static io.jenkins.plugins.tiers.gate.GateContext.finding;

import io.jenkins.plugins.tiers.gate.Finding.Outcome;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Freeze windows: while one is in force the gate waits, and says until when in the window's own
 * zone; windows that follow one another (Saturday, then Sunday) are joined, so "until" is when
 * promotions really reopen. An override names who took the responsibility and why.
 */
final class FreezeRule {

    static final String RULE = "freeze";

    /** Joined windows are followed this many times at most, so overlapping definitions cannot loop. */
    private static final int MAX_JOINS = 1000;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private FreezeRule() {}

    static Finding evaluate(GateContext c, List<FreezeWindow> windows) {
        Instant now = c.now();
        List<FreezeWindow> active = new ArrayList<>();
        Instant until = null;
        ZoneId zone = null;
        Instant probe = now;
        for (int i = 0; i < MAX_JOINS; i++) {
            Instant next = null;
            for (FreezeWindow w : windows) {
                Optional<Instant> end = w.frozenUntil(probe);
                if (end.isPresent()) {
                    if (!active.contains(w)) {
                        active.add(w);
                    }
                    if (next == null || end.get().isAfter(next)) {
                        next = end.get();
                        zone = w.zone();
                    }
                }
            }
            if (next == null || (until != null && !next.isAfter(until))) {
                break;
            }
            until = next;
            probe = next;
        }
        Optional<FreezeOverride> override = c.request().override();
        if (until == null) {
            return finding(
                    RULE,
                    Outcome.PASS,
                    ReasonCode.NOT_FROZEN,
                    "no freeze window in force (" + GateContext.plural(windows.size(), "window", "windows") + ")"
                            + override.map(o -> "; the override by " + o.person() + " was not needed")
                                    .orElse(""));
        }
        String names =
                String.join("; ", active.stream().map(FreezeWindow::describe).toList());
        String frozen = "frozen until " + until.atZone(zone).format(LOCAL) + " " + zone.getId() + " (" + names + ")";
        if (override.isPresent()) {
            return finding(
                    RULE,
                    Outcome.PASS,
                    ReasonCode.FREEZE_OVERRIDDEN,
                    frozen + ", overridden by " + override.get().person() + ": "
                            + override.get().reason());
        }
        return finding(RULE, Outcome.WAIT, ReasonCode.FROZEN, frozen);
    }
}
