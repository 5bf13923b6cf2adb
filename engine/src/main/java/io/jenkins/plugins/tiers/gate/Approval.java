package io.jenkins.plugins.tiers.gate;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One person's answer to a gate waiting for approval: approve or refuse, when, with the groups
 * they belonged to at that moment so the verdict can be explained later without a user directory.
 *
 * @param person the user id
 * @param groups the groups the person belonged to when answering
 * @param at when they answered
 * @param decision approve or refuse
 * @param comment what they wrote, possibly empty
 */
public record Approval(String person, Set<String> groups, Instant at, Decision decision, String comment)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a person answered. */
    public enum Decision {
        APPROVE,
        REFUSE
    }

    public Approval {
        if (person == null || person.isBlank()) {
            throw new IllegalArgumentException("an approval needs the id of the person who gave it");
        }
        person = person.trim();
        groups = Set.copyOf(groups);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(decision, "decision");
        comment = comment == null ? "" : comment.trim();
    }

    /** {@code person}, a member of {@code groups}, approved at {@code at}. */
    public static Approval approve(String person, Instant at, String... groups) {
        return new Approval(person, Set.of(groups), at, Decision.APPROVE, "");
    }

    /** {@code person}, a member of {@code groups}, refused at {@code at}, saying why. */
    public static Approval refuse(String person, Instant at, String comment, String... groups) {
        return new Approval(person, Set.of(groups), at, Decision.REFUSE, comment);
    }
}
