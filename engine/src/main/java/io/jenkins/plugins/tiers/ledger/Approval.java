package io.jenkins.plugins.tiers.ledger;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One person's answer to an approval request, kept with the groups they approved for so a quorum
 * ("2 of release-managers") can be recounted from the ledger alone.
 *
 * @param given true when approved, false when refused
 * @param person the user id of the person who answered
 * @param groups the groups the person answered as a member of, possibly empty
 * @param comment what they wrote, possibly empty
 */
public record Approval(boolean given, String person, List<String> groups, String comment) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Approval {
        Objects.requireNonNull(person, "person");
        groups = groups == null ? List.of() : List.copyOf(groups);
        comment = comment == null ? "" : comment;
    }
}
