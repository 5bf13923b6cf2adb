package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.DurationText;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who must approve a candidate before it enters a tier: a quorum of distinct people, drawn from
 * the allowed users and groups, optionally excluding the person who started the run, within a
 * time limit after which the gate blocks instead of waiting forever.
 *
 * @param required how many distinct people must approve, 1 or more
 * @param users user ids allowed to approve; with {@code groups} both empty, anyone may
 * @param groups groups whose members may approve
 * @param allowSelfApproval whether the person who started the run may approve it
 * @param timeout how long the gate waits for the quorum, or {@code null} for no limit
 */
public record ApprovalPolicy(
        int required, List<String> users, List<String> groups, boolean allowSelfApproval, Duration timeout)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ApprovalPolicy {
        if (required < 1) {
            throw new InvalidDefinitionException("required", "must be 1 or more, was " + required);
        }
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new InvalidDefinitionException("timeout", "must be longer than zero");
        }
    }

    /** {@code required} approvals from anyone but the person who started the run, no time limit. */
    public static ApprovalPolicy of(int required) {
        return new ApprovalPolicy(required, List.of(), List.of(), false, null);
    }

    public Optional<Duration> timeLimit() {
        return Optional.ofNullable(timeout);
    }

    /** Whether anyone may approve (no users or groups listed). */
    public boolean anyone() {
        return users.isEmpty() && groups.isEmpty();
    }

    /** Who may approve, for evidence lines: {@code release-managers}, {@code alice or qa}, {@code anyone}. */
    public String approvers() {
        if (anyone()) {
            return "anyone";
        }
        List<String> all = new ArrayList<>(groups);
        all.addAll(users);
        return String.join(" or ", all);
    }

    @Override
    public String toString() {
        return required + " of " + approvers() + (allowSelfApproval ? ", self-approval allowed" : "")
                + (timeout == null ? "" : ", timeout " + DurationText.format(timeout));
    }
}
