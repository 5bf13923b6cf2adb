package io.jenkins.plugins.tiers.render;

import java.time.Instant;
import java.util.Objects;

/**
 * One person's approval of a promotion, shown with who and when.
 *
 * @param user the approver's user name as recorded
 * @param at when the approval was given
 */
public record Approval(String user, Instant at) {

    public Approval {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
    }
}
