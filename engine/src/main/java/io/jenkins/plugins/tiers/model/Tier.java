package io.jenkins.plugins.tiers.model;

import io.jenkins.plugins.tiers.gate.GatePolicy;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One deployment environment of a ladder and the gate a candidate must pass to enter it. The id
 * is what pipelines, files and the ledger use; the display name is what people read.
 *
 * @param id lower-case letters, digits and dashes, starting with a letter or digit, at most 64
 *     characters ({@code staging})
 * @param displayName what views show; defaults to the id
 * @param kind what the tier is for
 * @param url where the deployed application can be seen, http or https, if any
 * @param credentialsId the id of the credentials bound while deploying to it, if any
 * @param strategy how a candidate replaces the live one
 * @param skippable whether a candidate may pass over this tier to reach the one above it
 * @param gate the policy a candidate must satisfy to enter this tier; the tier depends on the gate
 *     package for it, never the other way round (a policy names tiers by id, see {@link TierId})
 */
public record Tier(
        String id,
        String displayName,
        TierKind kind,
        String url,
        String credentialsId,
        Strategy strategy,
        boolean skippable,
        GatePolicy gate)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a tier id looks like. */
    public static final Pattern ID = TierId.PATTERN;

    /** Longest tier id. */
    public static final int MAX_ID_LENGTH = TierId.MAX_LENGTH;

    public Tier {
        checkId(id);
        displayName = displayName == null || displayName.isBlank() ? id : displayName.trim();
        checkText("name", displayName);
        Objects.requireNonNull(kind, "kind");
        url = blankToNull(url);
        if (url != null) {
            checkUrl(url);
        }
        credentialsId = blankToNull(credentialsId);
        if (credentialsId != null) {
            checkText("credentials", credentialsId);
        }
        strategy = strategy == null ? Strategy.direct() : strategy;
        gate = gate == null ? GatePolicy.DEFAULT : gate;
    }

    /** A tier with this id and kind, a direct strategy and the default gate. */
    public static Tier of(String id, TierKind kind) {
        return new Tier(id, null, kind, null, null, null, false, null);
    }

    /** This tier with another gate. */
    public Tier withGate(GatePolicy newGate) {
        return new Tier(id, displayName, kind, url, credentialsId, strategy, skippable, newGate);
    }

    /** This tier, marked skippable or not. */
    public Tier withSkippable(boolean newSkippable) {
        return new Tier(id, displayName, kind, url, credentialsId, strategy, newSkippable, gate);
    }

    /** This tier with another strategy. */
    public Tier withStrategy(Strategy newStrategy) {
        return new Tier(id, displayName, kind, url, credentialsId, newStrategy, skippable, gate);
    }

    public Optional<String> link() {
        return Optional.ofNullable(url);
    }

    public Optional<String> credentials() {
        return Optional.ofNullable(credentialsId);
    }

    /**
     * Checks a tier id; the same as {@link TierId#check(String)}.
     *
     * @throws InvalidDefinitionException on field {@code id}, quoting the id
     */
    public static void checkId(String id) {
        TierId.check(id);
    }

    private static void checkUrl(String url) {
        checkText("url", url);
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new InvalidDefinitionException("url", quote(url) + " must be an http or https address");
            }
        } catch (URISyntaxException e) {
            throw new InvalidDefinitionException("url", quote(url) + " is not a valid address: " + e.getReason());
        }
    }

    private static void checkText(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new InvalidDefinitionException(field, "contains a control character at position " + (i + 1));
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        StringBuilder b = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
