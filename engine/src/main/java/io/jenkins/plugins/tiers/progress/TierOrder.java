package io.jenkins.plugins.tiers.progress;

import java.util.List;
import java.util.Objects;

/**
 * The tiers of a ladder, lowest first, and which one is production: what the progress figures
 * need to know about the ladder, without depending on its model.
 *
 * @param tiers the tier ids, lowest first
 * @param production the id of the production tier, usually the last
 */
public record TierOrder(List<String> tiers, String production) {

    public TierOrder {
        tiers = List.copyOf(tiers);
        Objects.requireNonNull(production, "production");
    }

    /** The tiers in order, the last one being production. */
    public static TierOrder of(List<String> tiers) {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a tier order needs at least one tier");
        }
        return new TierOrder(tiers, tiers.get(tiers.size() - 1));
    }
}
