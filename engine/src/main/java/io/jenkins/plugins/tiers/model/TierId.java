package io.jenkins.plugins.tiers.model;

import java.util.regex.Pattern;

/**
 * The syntax of a tier id, on its own so that code naming a tier by id (a gate's baseline tier)
 * can check it without depending on {@link Tier}. Dependencies run one way: {@link Tier} holds a
 * {@code gate.GatePolicy}, and the gate package knows tiers only by their id, through this class,
 * so there is no cycle between {@code Tier} and {@code GatePolicy}.
 */
public final class TierId {

    /** What a tier id looks like. */
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** Longest tier id. */
    public static final int MAX_LENGTH = 64;

    private TierId() {}

    /**
     * Checks a tier id.
     *
     * @throws InvalidDefinitionException on field {@code id}, quoting the id
     */
    public static void check(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidDefinitionException("id", "a tier needs an id");
        }
        if (id.length() > MAX_LENGTH) {
            throw new InvalidDefinitionException(
                    "id", "is " + id.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        if (!PATTERN.matcher(id).matches()) {
            throw new InvalidDefinitionException("id", Tier.quote(id) + " must match " + PATTERN.pattern());
        }
    }
}
