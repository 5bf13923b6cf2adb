package io.jenkins.plugins.tiers.render;

import io.jenkins.plugins.tiers.model.BuildRef;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one candidate travelled up the ladder: its identity and its steps in time order. The flow
 * chart draws it as a line, the promotion matrix as a row.
 *
 * @param version the version label
 * @param revision the source revision, or {@code null} if unknown
 * @param changedAt the time of its newest change, or {@code null} if unknown
 * @param build the build that produced it, or {@code null} if unknown
 * @param steps its steps; sorted by time (stable, so equal times keep the order given)
 */
public record Journey(String version, String revision, Instant changedAt, BuildRef build, List<Step> steps) {

    public Journey {
        Objects.requireNonNull(version, "version");
        steps = steps == null
                ? List.of()
                : steps.stream().sorted(Comparator.comparing(Step::at)).toList();
    }

    /** When the journey started: the change time, else the first step. */
    public Optional<Instant> start() {
        if (changedAt != null) {
            return Optional.of(changedAt);
        }
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(0).at());
    }

    /** When the journey was last seen: the last step, else the change time. */
    public Optional<Instant> end() {
        return steps.isEmpty()
                ? Optional.ofNullable(changedAt)
                : Optional.of(steps.get(steps.size() - 1).at());
    }

    /** The steps at one tier, in time order. */
    public List<Step> stepsAt(String tierId) {
        return steps.stream().filter(s -> s.tierId().equals(tierId)).toList();
    }
}
