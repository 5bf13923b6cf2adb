package io.jenkins.plugins.tiers.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time span figures are computed over: events at or after {@code from} and before {@code to}.
 *
 * @param from the start, inclusive
 * @param to the end, exclusive (usually now)
 */
public record Window(Instant from, Instant to) {

    public Window {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** The last {@code length} up to the clock's now. */
    public static Window last(Duration length, Clock clock) {
        Instant now = clock.instant();
        return new Window(now.minus(length), now);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
