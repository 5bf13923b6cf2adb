package io.jenkins.plugins.tiers.strategy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** One of the two colours of a blue-green tier. */
public enum Slot {
    BLUE,
    GREEN;

    /** The other colour. */
    public Slot other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** The name used in files, variables, JSON and views ({@code green}). */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The slot with this label, if it is one. */
    public static Optional<Slot> parse(String label) {
        for (Slot s : values()) {
            if (s.label().equals(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
