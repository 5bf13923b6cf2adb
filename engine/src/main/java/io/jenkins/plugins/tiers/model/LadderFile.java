package io.jenkins.plugins.tiers.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.tiers.gate.ApprovalPolicy;
import io.jenkins.plugins.tiers.gate.DateFreeze;
import io.jenkins.plugins.tiers.gate.FlakyPolicy;
import io.jenkins.plugins.tiers.gate.FreezeText;
import io.jenkins.plugins.tiers.gate.FreezeWindow;
import io.jenkins.plugins.tiers.gate.GatePolicy;
import io.jenkins.plugins.tiers.gate.WeeklyFreeze;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a ladder file ({@code tiers.yaml}): the application, its tiers in order and each tier's
 * gate. Every mistake is reported with file, line, column and field path: unknown keys, wrong
 * types, bad durations, times or zones, and references to tiers that do not exist. The format is
 * documented in {@code docs/gates.md}; {@code examples/tiers.yaml} uses every rule.
 */
public final class LadderFile {

    /** Larger files are refused before parsing: a ladder of 20 tiers is a few kilobytes. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** Configured once; an ObjectMapper is safe to share once configured. */
    private static final ObjectMapper MAPPER = mapper();

    private final String file;
    private final Map<String, JsonLocation> locations = new HashMap<>();

    private LadderFile(String file) {
        this.file = file;
    }

    /**
     * Reads and checks a ladder file.
     *
     * @throws LadderFileException naming the place of the first mistake, or why the file cannot
     *     be read
     */
    public static Ladder read(Path path) throws LadderFileException {
        String name = path.toString();
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new LadderFileException(name, 0, 0, "", "is larger than " + MAX_BYTES + " bytes");
            }
            return parse(Files.readString(path, StandardCharsets.UTF_8), name);
        } catch (LadderFileException e) {
            throw e;
        } catch (IOException e) {
            throw new LadderFileException(name, 0, 0, "", "cannot be read: " + e);
        }
    }

    /**
     * Reads and checks ladder text.
     *
     * @param yaml the content
     * @param file the name to use in messages
     * @throws LadderFileException naming the place of the first mistake
     */
    public static Ladder parse(String yaml, String file) throws LadderFileException {
        return new LadderFile(file).parse(yaml);
    }

    private static ObjectMapper mapper() {
        // Jackson does not expand YAML aliases (an alias reads as a plain value), so no alias bomb
        // can grow; the limits below are a second line of defence.
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return YAMLMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    private Ladder parse(String yaml) throws LadderFileException {
        ObjectMapper mapper = MAPPER;
        LadderDoc doc;
        try {
            recordLocations(mapper, yaml);
            if (locations.isEmpty()) {
                throw new LadderFileException(file, 1, 1, "", "the file is empty; it needs an application and tiers");
            }
            doc = mapper.readValue(yaml, LadderDoc.class);
        } catch (UnrecognizedPropertyException e) {
            throw at(e, "unknown key \"" + e.getPropertyName() + "\"; known keys: " + known(e.getKnownPropertyIds()));
        } catch (MismatchedInputException e) {
            throw at(e, "expected " + describe(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw at(e, e.getOriginalMessage());
        } catch (JsonParseException e) {
            JsonLocation l = e.getLocation();
            throw new LadderFileException(
                    file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "", e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new LadderFileException(file, 0, 0, "", e.getOriginalMessage());
        } catch (LadderFileException e) {
            throw e;
        } catch (IOException e) {
            throw new LadderFileException(file, 0, 0, "", "cannot be read: " + e);
        }
        if (doc == null) {
            throw new LadderFileException(file, 1, 1, "", "the file is empty; it needs an application and tiers");
        }
        try {
            return toLadder(doc);
        } catch (InvalidDefinitionException e) {
            JsonLocation l = locate(e.field());
            throw new LadderFileException(
                    file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), e.field(), e.problem());
        }
    }

    /** Remembers where each field and list item starts, by JSON pointer, for later messages. */
    private void recordLocations(ObjectMapper mapper, String yaml) throws IOException {
        try (JsonParser p = mapper.createParser(yaml)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                String pointer = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                        ? p.getParsingContext().getParent() == null
                                ? ""
                                : p.getParsingContext()
                                        .getParent()
                                        .pathAsPointer()
                                        .toString()
                        : p.getParsingContext().pathAsPointer().toString();
                locations.putIfAbsent(pointer, p.currentTokenLocation());
            }
        }
    }

    /** The location of a field path ({@code tiers[2].gate.soak}), or of its nearest known parent. */
    private JsonLocation locate(String field) {
        String pointer = "/" + field.replace("[", "/").replace("]", "").replace('.', '/');
        if (field.isEmpty()) {
            pointer = "";
        }
        while (true) {
            JsonLocation l = locations.get(pointer);
            if (l != null || pointer.isEmpty()) {
                return l;
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
    }

    private LadderFileException at(JsonMappingException e, String problem) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        // The parser has moved past the key by now; the recorded start of the field is where people look.
        JsonLocation l = path.length() == 0 ? null : locate(path.toString());
        if (l == null) {
            l = e.getLocation();
        }
        return new LadderFileException(
                file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), path.toString(), problem);
    }

    private static String known(Collection<Object> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).sorted().toList());
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value (text, number or date)";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys to values";
    }

    // Conversion from the file's shape to the model, every problem named by its field path.

    private Ladder toLadder(LadderDoc doc) {
        if (doc.tiers() == null) {
            throw new InvalidDefinitionException("tiers", "a ladder needs a list of tiers");
        }
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < doc.tiers().size(); i++) {
            TierDoc t = doc.tiers().get(i);
            if (t == null) {
                throw new InvalidDefinitionException("tiers[" + i + "]", "a tier must not be empty");
            }
            try {
                tiers.add(toTier(t));
            } catch (InvalidDefinitionException e) {
                throw e.within("tiers[" + i + "]");
            }
        }
        return new Ladder(doc.application(), tiers);
    }

    private Tier toTier(TierDoc t) {
        if (t.id() == null) {
            throw new InvalidDefinitionException("id", "a tier needs an id");
        }
        Tier.checkId(t.id());
        TierKind kind = t.kind() == null
                ? TierKind.OTHER
                : TierKind.fromLabel(t.kind())
                        .orElseThrow(() -> new InvalidDefinitionException(
                                "kind",
                                Tier.quote(t.kind()) + " is not a kind; use development, testing, staging,"
                                        + " production or other"));
        return new Tier(
                t.id(),
                t.name(),
                kind,
                t.url(),
                t.credentials(),
                toStrategy(t),
                Boolean.TRUE.equals(t.skippable()),
                t.gate() == null ? GatePolicy.DEFAULT : toGate(t.gate()));
    }

    private static Strategy toStrategy(TierDoc t) {
        return StrategyOptions.apply(toStrategy(t.strategy(), t.steps()), t.switchMode(), t.previewUrl(), t.pause())
                .withApproveAt(t.approveAt());
    }

    private static Strategy toStrategy(String strategy, List<Integer> steps) {
        List<Integer> given = steps == null ? List.of() : steps;
        if (strategy == null) {
            if (!given.isEmpty()) {
                throw new InvalidDefinitionException("steps", "only a canary strategy has steps");
            }
            return Strategy.direct();
        }
        for (Strategy.Kind kind : Strategy.Kind.values()) {
            if (kind.label().equalsIgnoreCase(strategy.trim())) {
                if (given.stream().anyMatch(java.util.Objects::isNull)) {
                    throw new InvalidDefinitionException("steps", "a step must be a percentage");
                }
                return new Strategy(kind, given);
            }
        }
        throw new InvalidDefinitionException(
                "strategy", Tier.quote(strategy) + " is not a strategy; use direct, blue-green or canary");
    }

    private GatePolicy toGate(GateDoc g) {
        GatePolicy.Builder b = GatePolicy.builder();
        if (g.minTests() != null) {
            b.minTests(g.minTests());
        }
        if (g.maxFailures() != null) {
            b.maxFailures(g.maxFailures());
        }
        if (g.minPassRate() != null) {
            b.minPassRate(g.minPassRate());
        }
        if (g.maxSkipped() != null) {
            b.maxSkipped(g.maxSkipped());
        }
        if (g.maxSkippedPercent() != null) {
            b.maxSkippedPercent(g.maxSkippedPercent());
        }
        if (g.noNewFailures() != null) {
            b.noNewFailures(g.noNewFailures());
        }
        if (g.baseline() != null) {
            b.baselineTier(g.baseline());
        }
        if (g.quarantine() != null) {
            b.quarantine(noNulls("quarantine", g.quarantine()));
        }
        if (g.requiredSuites() != null) {
            b.requiredSuites(noNulls("requiredSuites", g.requiredSuites()));
        }
        if (g.flaky() != null) {
            b.flaky(toFlaky(g.flaky()));
        }
        if (g.maxReportAge() != null) {
            b.maxReportAge(duration("maxReportAge", g.maxReportAge()));
        }
        if (g.approval() != null) {
            b.approval(toApproval(g.approval()));
        }
        if (g.soak() != null) {
            b.soak(duration("soak", g.soak()));
        }
        if (g.freeze() != null) {
            b.freeze(toFreeze(g.freeze()));
        }
        try {
            return b.build();
        } catch (InvalidDefinitionException e) {
            throw e.within("gate");
        }
    }

    private static List<String> noNulls(String field, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidDefinitionException("gate." + field + "[" + i + "]", "must not be empty");
            }
        }
        return values;
    }

    private static FlakyPolicy toFlaky(String text) {
        try {
            return FlakyPolicy.parse(text);
        } catch (InvalidDefinitionException e) {
            throw e.within("gate");
        }
    }

    private static Duration duration(String field, String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException("gate." + field, e.getMessage());
        }
    }

    private static ApprovalPolicy toApproval(ApprovalDoc a) {
        try {
            return new ApprovalPolicy(
                    a.required() == null ? 1 : a.required(),
                    a.users() == null ? List.of() : noNulls("approval.users", a.users()),
                    a.groups() == null ? List.of() : noNulls("approval.groups", a.groups()),
                    Boolean.TRUE.equals(a.allowSelfApproval()),
                    a.timeout() == null ? null : duration("approval.timeout", a.timeout()));
        } catch (InvalidDefinitionException e) {
            throw e.field().startsWith("gate.") ? e : e.within("gate.approval");
        }
    }

    private static List<FreezeWindow> toFreeze(FreezeDoc f) {
        ZoneId zone = FreezeText.zone("gate.freeze.zone", f.zone());
        List<FreezeWindow> windows = new ArrayList<>();
        List<WindowDoc> docs = f.windows() == null ? List.of() : f.windows();
        for (int i = 0; i < docs.size(); i++) {
            String path = "gate.freeze.windows[" + i + "]";
            WindowDoc w = docs.get(i);
            if (w == null) {
                throw new InvalidDefinitionException(path, "a window must not be empty");
            }
            try {
                windows.add(w.days() != null ? weekly(zone, w) : dated(zone, w));
            } catch (InvalidDefinitionException e) {
                throw e.within(path);
            }
        }
        return windows;
    }

    private static WeeklyFreeze weekly(ZoneId zone, WindowDoc w) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < w.days().size(); i++) {
            String day = w.days().get(i);
            if (day == null) {
                throw new InvalidDefinitionException("days[" + i + "]", "must not be empty");
            }
            days.addAll(FreezeText.days("days[" + i + "]", day));
        }
        return FreezeText.weekly(w.name(), zone, days, time("from", w.from()), time("to", w.to()));
    }

    private static String time(String field, String text) {
        if (text == null) {
            throw new InvalidDefinitionException(field, "a weekly window needs a time, such as \"18:00\"");
        }
        return text;
    }

    private static DateFreeze dated(ZoneId zone, WindowDoc w) {
        if (w.from() == null || w.to() == null) {
            throw new InvalidDefinitionException(
                    w.from() == null ? "from" : "to",
                    "a window needs days and times (weekly), or from and to dates such as 2026-12-20");
        }
        LocalDateTime start = FreezeText.dateTime("from", w.from(), false);
        LocalDateTime end = FreezeText.dateTime("to", w.to(), true);
        return new DateFreeze(w.name(), zone, start, end);
    }

    // The shape of the file. Boxed types: a key left out is null, so defaults stay the model's.

    record LadderDoc(String application, List<TierDoc> tiers) {}

    record TierDoc(
            String id,
            String name,
            String kind,
            String url,
            String credentials,
            String strategy,
            List<Integer> steps,
            Boolean skippable,
            GateDoc gate,
            String previewUrl,
            @JsonProperty("switch") String switchMode,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> pause,
            Integer approveAt) {}

    record GateDoc(
            Integer minTests,
            Integer maxFailures,
            Double minPassRate,
            Integer maxSkipped,
            Double maxSkippedPercent,
            Boolean noNewFailures,
            String baseline,
            List<String> quarantine,
            List<String> requiredSuites,
            String flaky,
            String maxReportAge,
            ApprovalDoc approval,
            String soak,
            FreezeDoc freeze) {}

    record ApprovalDoc(
            Integer required, List<String> users, List<String> groups, Boolean allowSelfApproval, String timeout) {}

    record FreezeDoc(String zone, List<WindowDoc> windows) {}

    record WindowDoc(String name, List<String> days, String from, String to) {}
}
