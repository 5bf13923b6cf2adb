package io.jenkins.plugins.tiers.progress;

/**
 * Failed production deployments over all production deployments in the window. A deployment
 * fails when it ends in DEPLOYMENT_FAILED or is later rolled back; a red build is not a deployment.
 *
 * @param deployments succeeded and failed production deployments in the window
 * @param failures those that failed or were rolled back
 */
public record ChangeFailureRate(int deployments, int failures) {

    /** failures / deployments, or NaN when there were no deployments. */
    public double rate() {
        return deployments == 0 ? Double.NaN : (double) failures / deployments;
    }
}
