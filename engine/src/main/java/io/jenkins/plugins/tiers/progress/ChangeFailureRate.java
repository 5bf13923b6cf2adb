package io.jenkins.plugins.tiers.progress;

/**
 * Failed production deployments over all production deployments in the window. A deployment is a
 * candidate taking all production traffic (a deployment, a blue-green switch, a completed canary)
 * or a failed deployment; it fails when it ends in DEPLOYMENT_FAILED or is later rolled back or
 * switched back from. A red build is not a deployment. A canary aborted before it took all
 * traffic is neither a deployment nor a failure: it is counted apart, as caught by canary.
 *
 * @param deployments succeeded and failed production deployments in the window
 * @param failures those that failed or were rolled back (or switched back from)
 * @param caughtByCanary canaries aborted in production in the window, shown beside the rate
 */
public record ChangeFailureRate(int deployments, int failures, int caughtByCanary) {

    /** A rate with no canary aborted. */
    public ChangeFailureRate(int deployments, int failures) {
        this(deployments, failures, 0);
    }

    /** failures / deployments, or NaN when there were no deployments. */
    public double rate() {
        return deployments == 0 ? Double.NaN : (double) failures / deployments;
    }
}
