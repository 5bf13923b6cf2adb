package io.jenkins.plugins.tiers.gate;

import io.jenkins.plugins.tiers.model.DurationText;
import io.jenkins.plugins.tiers.model.InvalidDefinitionException;
import io.jenkins.plugins.tiers.model.TierId;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a candidate must satisfy to enter one tier. Every rule is optional; a rule left out takes
 * its default: at least {@value #DEFAULT_MIN_TESTS} test run, at most {@value
 * #DEFAULT_MAX_FAILURES} failures, flaky tests ignored, and nothing else. The same type describes
 * a pipeline's request to tighten a gate, where a rule left out means "as the ladder says"; {@link
 * #tightenedBy(GatePolicy)} merges the two and refuses any relaxation.
 *
 * <p>A policy names other tiers only by id (checked by {@link TierId}) and never refers to {@code
 * model.Tier}, which holds its policy: the dependency runs from the tier to its gate only.
 */
public final class GatePolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MIN_TESTS = 1;
    public static final int DEFAULT_MAX_FAILURES = 0;

    /** The gate of a tier that says nothing: at least one test, no failures. */
    public static final GatePolicy DEFAULT = builder().build();

    private final Integer minTests;
    private final Integer maxFailures;
    private final Double minPassRate;
    private final Integer maxSkipped;
    private final Double maxSkippedPercent;
    private final Boolean noNewFailures;
    private final String baselineTier;
    private final List<String> quarantine;
    private final List<String> requiredSuites;
    private final FlakyPolicy flaky;
    private final Duration maxReportAge;
    private final ApprovalPolicy approval;
    private final Duration soak;
    private final List<FreezeWindow> freeze;

    private GatePolicy(Builder b) {
        minTests = b.minTests;
        maxFailures = b.maxFailures;
        minPassRate = b.minPassRate;
        maxSkipped = b.maxSkipped;
        maxSkippedPercent = b.maxSkippedPercent;
        noNewFailures = b.noNewFailures;
        baselineTier = b.baselineTier;
        quarantine = b.quarantine == null ? null : List.copyOf(b.quarantine);
        requiredSuites = List.copyOf(b.requiredSuites);
        flaky = b.flaky;
        maxReportAge = b.maxReportAge;
        approval = b.approval;
        soak = b.soak;
        freeze = List.copyOf(b.freeze);
        check();
    }

    private void check() {
        if (minTests != null && minTests < 0) {
            throw new InvalidDefinitionException("minTests", "must not be negative, was " + minTests);
        }
        if (maxFailures != null && maxFailures < 0) {
            throw new InvalidDefinitionException("maxFailures", "must not be negative, was " + maxFailures);
        }
        checkPercent("minPassRate", minPassRate);
        if (maxSkipped != null && maxSkipped < 0) {
            throw new InvalidDefinitionException("maxSkipped", "must not be negative, was " + maxSkipped);
        }
        checkPercent("maxSkippedPercent", maxSkippedPercent);
        if (baselineTier != null) {
            try {
                TierId.check(baselineTier);
            } catch (InvalidDefinitionException e) {
                throw new InvalidDefinitionException("baseline", e.problem());
            }
        }
        checkPatterns("quarantine", quarantine == null ? List.of() : quarantine);
        checkPatterns("requiredSuites", requiredSuites);
        checkPositive("maxReportAge", maxReportAge);
        checkPositive("soak", soak);
    }

    private static void checkPercent(String rule, Double value) {
        if (value != null && !(value >= 0 && value <= 100)) {
            throw new InvalidDefinitionException(rule, "must be a percentage from 0 to 100, was " + value);
        }
    }

    private static void checkPositive(String rule, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new InvalidDefinitionException(rule, "must be longer than zero");
        }
    }

    private static void checkPatterns(String rule, List<String> patterns) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i) == null || patterns.get(i).isBlank()) {
                throw new InvalidDefinitionException(rule + "[" + i + "]", "a pattern must not be blank");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this policy's rules, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.minTests = minTests;
        b.maxFailures = maxFailures;
        b.minPassRate = minPassRate;
        b.maxSkipped = maxSkipped;
        b.maxSkippedPercent = maxSkippedPercent;
        b.noNewFailures = noNewFailures;
        b.baselineTier = baselineTier;
        b.quarantine = quarantine == null ? null : new ArrayList<>(quarantine);
        b.requiredSuites = new ArrayList<>(requiredSuites);
        b.flaky = flaky;
        b.maxReportAge = maxReportAge;
        b.approval = approval;
        b.soak = soak;
        b.freeze = new ArrayList<>(freeze);
        return b;
    }

    /** Minimum number of tests that must have run (not skipped); default {@value #DEFAULT_MIN_TESTS}. */
    public int minTests() {
        return minTests == null ? DEFAULT_MIN_TESTS : minTests;
    }

    /** Maximum number of failed or errored tests, quarantined ones aside; default {@value #DEFAULT_MAX_FAILURES}. */
    public int maxFailures() {
        return maxFailures == null ? DEFAULT_MAX_FAILURES : maxFailures;
    }

    /** Minimum percentage of run tests that passed, if required. */
    public OptionalDouble minPassRate() {
        return minPassRate == null ? OptionalDouble.empty() : OptionalDouble.of(minPassRate);
    }

    /** Maximum number of skipped tests, if limited. */
    public OptionalInt maxSkipped() {
        return maxSkipped == null ? OptionalInt.empty() : OptionalInt.of(maxSkipped);
    }

    /** Maximum percentage of skipped tests among all tests, if limited. */
    public OptionalDouble maxSkippedPercent() {
        return maxSkippedPercent == null ? OptionalDouble.empty() : OptionalDouble.of(maxSkippedPercent);
    }

    /** Whether a failure absent from the baseline blocks; default false. */
    public boolean noNewFailures() {
        return Boolean.TRUE.equals(noNewFailures);
    }

    /** The tier whose live candidate is the baseline; empty for the target tier itself. */
    public Optional<String> baselineTier() {
        return Optional.ofNullable(baselineTier);
    }

    /** Patterns of known-flaky tests whose failures are listed but do not count. */
    public List<String> quarantine() {
        return quarantine == null ? List.of() : quarantine;
    }

    /** Patterns of suite names each of which must have run at least one test. */
    public List<String> requiredSuites() {
        return requiredSuites;
    }

    /** How flaky tests count; default {@link FlakyPolicy#IGNORE}. */
    public FlakyPolicy flaky() {
        return flaky == null ? FlakyPolicy.IGNORE : flaky;
    }

    /** How old the oldest report may be, if limited. */
    public Optional<Duration> maxReportAge() {
        return Optional.ofNullable(maxReportAge);
    }

    /** Who must approve, if anyone. */
    public Optional<ApprovalPolicy> approval() {
        return Optional.ofNullable(approval);
    }

    /** How long the candidate must have been live in the tier below, if at all. */
    public Optional<Duration> soak() {
        return Optional.ofNullable(soak);
    }

    /** When the tier accepts no promotion. */
    public List<FreezeWindow> freeze() {
        return freeze;
    }

    /**
     * This policy (an administrator's floor) tightened by a pipeline's request: for each rule the
     * stricter of the two. Rules the request leaves out stay as they are.
     *
     * @param request the rules the pipeline asks for
     * @return the merged policy
     * @throws PolicyRelaxedException naming the first rule the request would relax
     */
    public GatePolicy tightenedBy(GatePolicy request) {
        Builder b = toBuilder();
        if (request.minTests != null) {
            if (request.minTests < minTests()) {
                throw new PolicyRelaxedException(
                        "minTests", String.valueOf(request.minTests), "requires at least " + minTests());
            }
            b.minTests = request.minTests;
        }
        if (request.maxFailures != null) {
            if (request.maxFailures > maxFailures()) {
                throw new PolicyRelaxedException(
                        "maxFailures", String.valueOf(request.maxFailures), "allows at most " + maxFailures());
            }
            b.maxFailures = request.maxFailures;
        }
        if (request.minPassRate != null) {
            if (minPassRate != null && request.minPassRate < minPassRate) {
                throw new PolicyRelaxedException(
                        "minPassRate", percent(request.minPassRate), "requires at least " + percent(minPassRate));
            }
            b.minPassRate = request.minPassRate;
        }
        if (request.maxSkipped != null) {
            if (maxSkipped != null && request.maxSkipped > maxSkipped) {
                throw new PolicyRelaxedException(
                        "maxSkipped", String.valueOf(request.maxSkipped), "allows at most " + maxSkipped);
            }
            b.maxSkipped = request.maxSkipped;
        }
        if (request.maxSkippedPercent != null) {
            if (maxSkippedPercent != null && request.maxSkippedPercent > maxSkippedPercent) {
                throw new PolicyRelaxedException(
                        "maxSkippedPercent",
                        percent(request.maxSkippedPercent),
                        "allows at most " + percent(maxSkippedPercent));
            }
            b.maxSkippedPercent = request.maxSkippedPercent;
        }
        if (request.noNewFailures != null) {
            if (!request.noNewFailures && noNewFailures()) {
                throw new PolicyRelaxedException("noNewFailures", "false", "requires no new failures");
            }
            b.noNewFailures = request.noNewFailures || noNewFailures();
        }
        if (request.baselineTier != null && !request.baselineTier.equals(baselineTier)) {
            throw new PolicyRelaxedException(
                    "baseline",
                    request.baselineTier,
                    "compares with " + (baselineTier == null ? "the candidate live in the tier itself" : baselineTier));
        }
        if (request.quarantine != null) {
            for (String pattern : request.quarantine) {
                if (!quarantine().contains(pattern)) {
                    throw new PolicyRelaxedException(
                            "quarantine",
                            "quarantining \"" + pattern + "\"",
                            quarantine().isEmpty()
                                    ? "quarantines no test"
                                    : "quarantines only " + String.join(", ", quarantine()));
                }
            }
            b.quarantine = new ArrayList<>(request.quarantine);
        }
        Set<String> suites = new LinkedHashSet<>(requiredSuites);
        suites.addAll(request.requiredSuites);
        b.requiredSuites = new ArrayList<>(suites);
        if (request.flaky != null) {
            if (!request.flaky.atLeastAsStrictAs(flaky())) {
                throw new PolicyRelaxedException(
                        "flaky", "flaky tests: " + request.flaky, "says flaky tests: " + flaky());
            }
            b.flaky = request.flaky;
        }
        if (request.maxReportAge != null) {
            if (maxReportAge != null && request.maxReportAge.compareTo(maxReportAge) > 0) {
                throw new PolicyRelaxedException(
                        "maxReportAge",
                        DurationText.format(request.maxReportAge),
                        "allows at most " + DurationText.format(maxReportAge));
            }
            b.maxReportAge = request.maxReportAge;
        }
        if (request.approval != null) {
            b.approval = approval == null ? request.approval : tightenApproval(approval, request.approval);
        }
        if (request.soak != null) {
            if (soak != null && request.soak.compareTo(soak) < 0) {
                throw new PolicyRelaxedException(
                        "soak", DurationText.format(request.soak), "requires at least " + DurationText.format(soak));
            }
            b.soak = request.soak;
        }
        List<FreezeWindow> windows = new ArrayList<>(freeze);
        request.freeze.stream().filter(w -> !windows.contains(w)).forEach(windows::add);
        b.freeze = windows;
        return b.build();
    }

    private static ApprovalPolicy tightenApproval(ApprovalPolicy floor, ApprovalPolicy request) {
        if (request.required() < floor.required()) {
            throw new PolicyRelaxedException(
                    "approval.required", request.required() + " approvals", "requires at least " + floor.required());
        }
        if (request.allowSelfApproval() && !floor.allowSelfApproval()) {
            throw new PolicyRelaxedException(
                    "approval.allowSelfApproval", "self-approval", "forbids the person who started the run to approve");
        }
        List<String> users = narrow("approval.users", floor, floor.users(), request.users());
        List<String> groups = narrow("approval.groups", floor, floor.groups(), request.groups());
        Duration timeout = floor.timeout();
        if (request.timeout() != null && (timeout == null || request.timeout().compareTo(timeout) < 0)) {
            timeout = request.timeout();
        }
        return new ApprovalPolicy(request.required(), users, groups, request.allowSelfApproval(), timeout);
    }

    private static List<String> narrow(String rule, ApprovalPolicy floor, List<String> allowed, List<String> asked) {
        if (asked.isEmpty()) {
            return allowed;
        }
        if (!floor.anyone()) {
            for (String name : asked) {
                if (!allowed.contains(name)) {
                    throw new PolicyRelaxedException(
                            rule,
                            "\"" + name + "\" as approver",
                            "allows only " + (allowed.isEmpty() ? "no one of this kind" : String.join(", ", allowed)));
                }
            }
        }
        return asked;
    }

    /**
     * The rules as evaluated, rule name to value, every rule present (defaults included), for the
     * verdict's audit record.
     */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("minTests", String.valueOf(minTests()));
        m.put("maxFailures", String.valueOf(maxFailures()));
        m.put("minPassRate", minPassRate == null ? "none" : percent(minPassRate));
        m.put("maxSkipped", maxSkipped == null ? "none" : String.valueOf(maxSkipped));
        m.put("maxSkippedPercent", maxSkippedPercent == null ? "none" : percent(maxSkippedPercent));
        m.put("noNewFailures", String.valueOf(noNewFailures()));
        m.put("baseline", baselineTier == null ? "target tier" : baselineTier);
        m.put("quarantine", quarantine().isEmpty() ? "none" : String.join(", ", quarantine()));
        m.put("requiredSuites", requiredSuites.isEmpty() ? "none" : String.join(", ", requiredSuites));
        m.put("flaky", flaky().toString());
        m.put("maxReportAge", maxReportAge == null ? "none" : DurationText.format(maxReportAge));
        m.put("approval", approval == null ? "none" : approval.toString());
        m.put("soak", soak == null ? "none" : DurationText.format(soak));
        m.put(
                "freeze",
                freeze.isEmpty()
                        ? "none"
                        : String.join(
                                "; ",
                                freeze.stream().map(FreezeWindow::describe).toList()));
        return m;
    }

    /** {@code 99.5%}, {@code 100%}: percentages without a useless fraction. */
    static String percent(double value) {
        if (value == Math.rint(value)) {
            return (long) value + "%";
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "") + "%";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GatePolicy other)) {
            return false;
        }
        return Objects.equals(minTests, other.minTests)
                && Objects.equals(maxFailures, other.maxFailures)
                && Objects.equals(minPassRate, other.minPassRate)
                && Objects.equals(maxSkipped, other.maxSkipped)
                && Objects.equals(maxSkippedPercent, other.maxSkippedPercent)
                && Objects.equals(noNewFailures, other.noNewFailures)
                && Objects.equals(baselineTier, other.baselineTier)
                && Objects.equals(quarantine, other.quarantine)
                && requiredSuites.equals(other.requiredSuites)
                && Objects.equals(flaky, other.flaky)
                && Objects.equals(maxReportAge, other.maxReportAge)
                && Objects.equals(approval, other.approval)
                && Objects.equals(soak, other.soak)
                && freeze.equals(other.freeze);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                minTests,
                maxFailures,
                minPassRate,
                maxSkipped,
                maxSkippedPercent,
                noNewFailures,
                baselineTier,
                quarantine,
                requiredSuites,
                flaky,
                maxReportAge,
                approval,
                soak,
                freeze);
    }

    @Override
    public String toString() {
        return "GatePolicy" + describe();
    }

    /** Collects rules; {@link #build()} checks them. Leaving a rule out keeps its default. */
    public static final class Builder {
        private Integer minTests;
        private Integer maxFailures;
        private Double minPassRate;
        private Integer maxSkipped;
        private Double maxSkippedPercent;
        private Boolean noNewFailures;
        private String baselineTier;
        private List<String> quarantine;
        private List<String> requiredSuites = new ArrayList<>();
        private FlakyPolicy flaky;
        private Duration maxReportAge;
        private ApprovalPolicy approval;
        private Duration soak;
        private List<FreezeWindow> freeze = new ArrayList<>();

        private Builder() {}

        public Builder minTests(int value) {
            minTests = value;
            return this;
        }

        public Builder maxFailures(int value) {
            maxFailures = value;
            return this;
        }

        /** A percentage from 0 to 100. */
        public Builder minPassRate(double percent) {
            minPassRate = percent;
            return this;
        }

        public Builder maxSkipped(int value) {
            maxSkipped = value;
            return this;
        }

        /** A percentage from 0 to 100. */
        public Builder maxSkippedPercent(double percent) {
            maxSkippedPercent = percent;
            return this;
        }

        public Builder noNewFailures(boolean value) {
            noNewFailures = value;
            return this;
        }

        /** Compare with the candidate live in this tier instead of the target tier. */
        public Builder baselineTier(String tierId) {
            baselineTier = tierId;
            return this;
        }

        public Builder quarantine(List<String> patterns) {
            quarantine = new ArrayList<>(patterns);
            return this;
        }

        public Builder requiredSuites(List<String> patterns) {
            requiredSuites = new ArrayList<>(patterns);
            return this;
        }

        public Builder flaky(FlakyPolicy value) {
            flaky = value;
            return this;
        }

        public Builder maxReportAge(Duration value) {
            maxReportAge = value;
            return this;
        }

        public Builder approval(ApprovalPolicy value) {
            approval = value;
            return this;
        }

        public Builder soak(Duration value) {
            soak = value;
            return this;
        }

        public Builder freeze(List<FreezeWindow> windows) {
            freeze = new ArrayList<>(windows);
            return this;
        }

        /**
         * The policy.
         *
         * @throws InvalidDefinitionException naming the rule at fault
         */
        public GatePolicy build() {
            return new GatePolicy(this);
        }
    }
}
