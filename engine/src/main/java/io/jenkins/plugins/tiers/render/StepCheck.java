package io.jenkins.plugins.tiers.render;

import java.util.List;

/**
 * The check recorded with a blue-green switch or a canary step: the switch check or step check
 * that let it happen, or the one whose failure aborted a canary. The matrix shows it beside the
 * step, so "why did this go on (or stop)" is answered where the step is.
 *
 * @param passed whether the check passed
 * @param reasons the lines that kept it from passing (empty when it passed)
 * @param lines every line of the check, in the order it wrote them
 * @param tests the test counts the check read ({@code 120 tests: 119 passed, 1 failed}), or
 *     {@code null} when it read none or they were not kept
 */
public record StepCheck(boolean passed, List<String> reasons, List<String> lines, String tests) {

    public StepCheck {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        lines = lines == null ? List.of() : List.copyOf(lines);
        tests = tests == null || tests.isBlank() ? null : tests;
    }
}
