package io.jenkins.plugins.tiers.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A ladder as a form or Configuration as Code writes it: an application name and tier drafts,
 * lowest first. {@link #toLadder()} is where a broken definition is refused, with the path of the
 * field at fault ({@code tiers[2].gate.soak}).
 *
 * @param application what the ladder belongs to
 * @param tiers the tiers, lowest first
 */
public record LadderDraft(String application, List<TierDraft> tiers) implements Serializable {
    private static final long serialVersionUID = 1L;

    public LadderDraft {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }

    /**
     * The ladder.
     *
     * @throws InvalidDefinitionException naming the field at fault
     */
    public Ladder toLadder() {
        DraftText.checkText("application", application);
        List<Tier> built = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            try {
                built.add(tiers.get(i).toTier());
            } catch (InvalidDefinitionException e) {
                throw e.within("tiers[" + i + "]");
            }
        }
        return new Ladder(application, built);
    }
}
