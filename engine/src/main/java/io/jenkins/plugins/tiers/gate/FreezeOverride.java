package io.jenkins.plugins.tiers.gate;

import java.io.Serializable;

/**
 * An emergency promotion during a freeze window. It needs a named person and a reason, both of
 * which the verdict records, so that every exception to a freeze can be accounted for.
 *
 * @param person who takes responsibility; not blank
 * @param reason why the freeze is overridden; not blank
 */
public record FreezeOverride(String person, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    public FreezeOverride {
        if (person == null || person.isBlank()) {
            throw new IllegalArgumentException("a freeze override needs the name of the person responsible");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a freeze override needs a reason");
        }
        person = person.trim();
        reason = reason.trim();
    }
}
