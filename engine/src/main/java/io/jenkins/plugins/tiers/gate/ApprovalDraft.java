package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.DraftText;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import java.io.Serializable;

/**
 * An approval rule as a form writes it: text fields read by {@link #toPolicy()}.
 *
 * @param required how many distinct people must approve, blank for one
 * @param users user ids separated by commas or spaces, or blank
 * @param groups group names separated by commas or spaces, or blank
 * @param allowSelfApproval whether the person who started the run may approve it
 * @param timeout how long to wait ({@code 1d}), or blank for no limit
 */
public record ApprovalDraft(String required, String users, String groups, boolean allowSelfApproval, String timeout)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The approval rule.
     *
     * @throws InvalidDefinitionException naming the field at fault
     */
    public ApprovalPolicy toPolicy() {
        Integer quorum = DraftText.count("required", required);
        if (quorum != null && quorum < 1) {
            throw new InvalidDefinitionException("required", "at least one person must approve");
        }
        return new ApprovalPolicy(
                quorum == null ? 1 : quorum,
                DraftText.names("users", users),
                DraftText.names("groups", groups),
                allowSelfApproval,
                DraftText.duration("timeout", timeout));
    }
}
