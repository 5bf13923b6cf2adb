package io.jenkins.plugins.tiers.progress;

/**
 * How long candidates took from one point of their path to the next: from their newest change
 * ({@code from} is {@value #COMMIT}) to the first tier, or from going live in one tier to going
 * live in the next.
 *
 * @param from the tier id, or {@value #COMMIT} for the candidate's newest change
 * @param to the tier id
 * @param stats measured over candidates that went live in {@code to} within the window
 */
public record LeadTimeStep(String from, String to, DurationStats stats) {
    public static final String COMMIT = "commit";
}
