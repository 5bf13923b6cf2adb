package io.jenkins.plugins.tiers.steps;

import io.jenkins.plugins.tiers.gate.Finding;
import io.jenkins.plugins.tiers.gate.Verdict;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verdicts as Pipeline scripts and build logs see them: plain maps and lists of strings (safe to
 * keep in a CPS program and to read from the sandbox), and one log line per finding.
 */
final class VerdictMaps {

    private VerdictMaps() {}

    static Map<String, Object> of(Verdict verdict) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("application", verdict.application());
        map.put("tier", verdict.tier());
        map.put("version", verdict.candidate().version());
        map.put("status", verdict.status().name());
        map.put("passed", verdict.status() == io.jenkins.plugins.tiers.gate.VerdictStatus.PASSED);
        List<String> reasons = new ArrayList<>();
        for (Finding f : verdict.reasons()) {
            reasons.add(f.message());
        }
        map.put("reasons", reasons);
        List<Map<String, String>> findings = new ArrayList<>();
        for (Finding f : verdict.findings()) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("rule", f.rule());
            line.put("outcome", f.outcome().name());
            line.put("code", f.code());
            line.put("message", f.message());
            findings.add(line);
        }
        map.put("findings", findings);
        map.put("policy", new LinkedHashMap<>(new TreeMap<>(verdict.policy())));
        map.put("evaluatedAt", verdict.evaluatedAt().toString());
        return map;
    }

    /** The verdict, then one line per finding, as a person reads it in the build log. */
    static void print(PrintStream log, Verdict verdict) {
        log.println(Messages.VerdictMaps_Header(
                verdict.tier(), verdict.candidate().version(), verdict.status().name()));
        for (Finding f : verdict.findings()) {
            log.println("  [" + f.outcome().name() + "] " + f.message());
        }
    }

    /** The reasons of a verdict on one line each, for an error message. */
    static String reasons(Verdict verdict) {
        StringBuilder text = new StringBuilder();
        for (Finding f : verdict.reasons()) {
            text.append(System.lineSeparator()).append("  ").append(f.message());
        }
        return text.toString();
    }
}
