package io.jenkins.plugins.tiers.render;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place where user text becomes markup. Everything a user wrote (versions, tier names,
 * test names, user names, URLs) goes through {@link #text}, {@link #attr} or {@link #safeUrl}
 * before it is appended, so the output is well-formed XHTML that no user text can break out of.
 */
public final class Markup {

    private static final char REPLACEMENT = '\uFFFD';

    private Markup() {}

    /** Appends {@code s} escaped for element content. */
    public static StringBuilder text(StringBuilder out, String s) {
        return escape(out, s, false);
    }

    /** Appends {@code s} escaped for a double- or single-quoted attribute value. */
    public static StringBuilder attr(StringBuilder out, String s) {
        return escape(out, s, true);
    }

    /** {@code s} escaped for element content. */
    public static String text(String s) {
        return text(new StringBuilder(s.length() + 16), s).toString();
    }

    /** {@code s} escaped for an attribute value. */
    public static String attr(String s) {
        return attr(new StringBuilder(s.length() + 16), s).toString();
    }

    private static StringBuilder escape(StringBuilder out, String s, boolean attribute) {
        if (s == null) {
            return out;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&#39;" : "'");
                case '\t', '\n', '\r' -> out.append(attribute ? ' ' : c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20
                            || (c >= 0x7F && c <= 0x9F)
                            || Character.isSurrogate(c)
                            || c == '\uFFFE'
                            || c == '\uFFFF') {
                        // Not allowed in XML (or invisible control): would break well-formedness.
                        out.append(REPLACEMENT);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Checks that a URL is safe to put in an {@code href}: an absolute http or https URL with a
     * host, or a relative URL (no scheme, not protocol-relative, no backslash). Anything else,
     * such as {@code javascript:} or {@code data:}, is dropped.
     *
     * @return the URL, trimmed, when safe; empty otherwise
     */
    public static Optional<String> safeUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String u = url.trim();
        if (u.isEmpty() || u.indexOf('\\') >= 0 || u.startsWith("//")) {
            return Optional.empty();
        }
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                return Optional.empty();
            }
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            return Optional.of(u);
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        if ((s.equals("http") || s.equals("https")) && uri.getHost() != null) {
            return Optional.of(u);
        }
        return Optional.empty();
    }

    /**
     * Shortens text to at most {@code max} characters, ending with an ellipsis when cut, never
     * splitting a surrogate pair.
     */
    public static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, Math.max(0, end)) + "\u2026";
    }
}
