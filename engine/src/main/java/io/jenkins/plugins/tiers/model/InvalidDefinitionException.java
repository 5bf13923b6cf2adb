package io.jenkins.plugins.tiers.model;

import java.util.Objects;

/**
 * A ladder, tier or gate policy that breaks a rule of the model, naming the field at fault as a
 * path ({@code tiers[2].id}, {@code tiers[0].gate.approval.required}) so that a file reader can map
 * it back to a line and a form can put it beside the right field.
 */
public final class InvalidDefinitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public InvalidDefinitionException(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The path of the field at fault, empty for the definition as a whole. */
    public String field() {
        return field;
    }

    /** What is wrong with it, without the field path. */
    public String problem() {
        return problem;
    }

    /** The same problem seen from an enclosing definition: {@code prefix.field}. */
    public InvalidDefinitionException within(String prefix) {
        String path = field.isEmpty() ? prefix : field.startsWith("[") ? prefix + field : prefix + "." + field;
        return new InvalidDefinitionException(path, problem);
    }
}
