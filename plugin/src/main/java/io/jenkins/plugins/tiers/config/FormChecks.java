package io.jenkins.plugins.tiers.config;

import hudson.util.FormValidation;
import java.util.Optional;

/** Turns the engine's answer about one field into what a Jenkins form shows under it. */
final class FormChecks {

    private FormChecks() {}

    /** An error with the engine's (escaped) message, or OK when it found no problem. */
    static FormValidation toValidation(Optional<String> problem) {
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }
}
