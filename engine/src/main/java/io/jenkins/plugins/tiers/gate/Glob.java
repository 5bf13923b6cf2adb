package io.jenkins.plugins.tiers.gate;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A name pattern as people write them in gates: {@code *} matches any run of characters, {@code
 * ?} one character, everything else itself. A pattern matches a fully qualified name, or the same
 * name without its package ({@code OrderIT.refund} matches {@code com.shop.OrderIT.refund}).
 */
final class Glob {

    private final String pattern;
    private final Pattern regex;

    Glob(String pattern) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        StringBuilder b = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    b.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                b.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            b.append(Pattern.quote(literal.toString()));
        }
        regex = Pattern.compile(b.toString(), Pattern.DOTALL);
    }

    /** Whether the name, or the name without its package, matches. */
    boolean matches(String qualifiedName, String simpleName) {
        return regex.matcher(qualifiedName).matches()
                || regex.matcher(simpleName).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
