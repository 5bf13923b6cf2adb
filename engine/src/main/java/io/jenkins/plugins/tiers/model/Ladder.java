package io.jenkins.plugins.tiers.model;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered tiers one application deploys through, lowest first. Holding the order in one
 * value is what lets the gate say "only from the tier below".
 *
 * @param application what the ladder belongs to (by default a job's full name); not blank
 * @param tiers 1 to 20 tiers with unique ids, lowest (development) first
 */
public record Ladder(String application, List<Tier> tiers) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Most tiers in one ladder. */
    public static final int MAX_TIERS = 20;

    public Ladder {
        if (application == null || application.isBlank()) {
            throw new InvalidDefinitionException("application", "a ladder needs an application name");
        }
        application = application.trim();
        Objects.requireNonNull(tiers, "tiers");
        if (tiers.isEmpty()) {
            throw new InvalidDefinitionException("tiers", "a ladder needs at least one tier");
        }
        if (tiers.size() > MAX_TIERS) {
            throw new InvalidDefinitionException(
                    "tiers", "a ladder has at most " + MAX_TIERS + " tiers, this one has " + tiers.size());
        }
        tiers = List.copyOf(tiers);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tiers.size(); i++) {
            Integer first = seen.putIfAbsent(tiers.get(i).id(), i);
            if (first != null) {
                throw new InvalidDefinitionException(
                        "tiers[" + i + "].id",
                        Tier.quote(tiers.get(i).id()) + " is already the id of tiers[" + first + "]");
            }
        }
        for (int i = 0; i < tiers.size(); i++) {
            Optional<String> baseline = tiers.get(i).gate().baselineTier();
            if (baseline.isPresent() && !seen.containsKey(baseline.get())) {
                throw new InvalidDefinitionException(
                        "tiers[" + i + "].gate.baseline",
                        "no tier " + Tier.quote(baseline.get()) + " in this ladder; known tiers: "
                                + String.join(", ", tiers.stream().map(Tier::id).toList()));
            }
        }
    }

    /** A ladder of these tiers, lowest first. */
    public static Ladder of(String application, Tier... tiers) {
        return new Ladder(application, List.of(tiers));
    }

    /** The tier with this id. */
    public Optional<Tier> tier(String id) {
        return tiers.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The position of the tier with this id, 0 for the lowest, or -1. */
    public int indexOf(String id) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The tier directly below the one with this id; empty for the lowest or an unknown id. */
    public Optional<Tier> below(String id) {
        int index = indexOf(id);
        return index > 0 ? Optional.of(tiers.get(index - 1)) : Optional.empty();
    }

    /** The ids in order, comma separated, for messages. */
    public String ids() {
        return String.join(", ", tiers.stream().map(Tier::id).toList());
    }
}
