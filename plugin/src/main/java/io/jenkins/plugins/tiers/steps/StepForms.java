package io.jenkins.plugins.tiers.steps;

import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.tiers.model.DurationText;
import io.jenkins.plugins.tiers.model.Tier;

/**
 * Checks of the steps' Snippet Generator fields. They validate syntax only, through the engine's
 * own rules, and read nothing from Jenkins, so they need no permission check.
 */
final class StepForms {

    private StepForms() {}

    static FormValidation checkTier(String value) {
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.error(Messages.StepForms_TierRequired());
        }
        try {
            Tier.checkId(id);
            return FormValidation.ok();
        } catch (IllegalArgumentException x) {
            return FormValidation.error(x.getMessage());
        }
    }

    static FormValidation checkPercent(String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            double percent = Double.parseDouble(text);
            return percent >= 0 && percent <= 100
                    ? FormValidation.ok()
                    : FormValidation.error(Messages.StepForms_Percent());
        } catch (NumberFormatException x) {
            return FormValidation.error(Messages.StepForms_Percent());
        }
    }

    static FormValidation checkDuration(String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            DurationText.parse(text);
            return FormValidation.ok();
        } catch (IllegalArgumentException x) {
            return FormValidation.error(x.getMessage());
        }
    }
}
