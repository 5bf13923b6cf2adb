package io.jenkins.plugins.tiers.strategy;

/**
 * A strategy step that the current state does not allow (switching with nothing awaiting the
 * switch, a canary step out of order, aborting a finished canary); the message says why, in
 * words fit for a person.
 */
public final class TransitionRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TransitionRefusedException(String message) {
        super(message);
    }
}
