package io.jenkins.plugins.tiers.approval;

/**
 * What became of an approval or refusal, with a sentence for the person who gave it.
 *
 * @param accepted whether the decision was recorded
 * @param message what happened, or why it was refused
 */
public record ApprovalResult(boolean accepted, String message) {

    static ApprovalResult refusal(String message) {
        return new ApprovalResult(false, message);
    }
}
