package io.jenkins.plugins.tiers.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The CSS of the progress view, shipped as resources: {@code tiers.css} styles the fragments (the
 * plugin serves it as a file), {@code tiers-page.css} adds what only the static page needs (page
 * layout and a dark colour scheme, which inside Jenkins comes from the Jenkins theme).
 */
public final class Stylesheet {

    /** Resource name of the fragment stylesheet, relative to this class. */
    public static final String FRAGMENTS = "tiers.css";
    /** Resource name of the static page's own stylesheet, relative to this class. */
    public static final String PAGE = "tiers-page.css";

    private Stylesheet() {}

    /** The CSS of the fragments. */
    public static String fragments() {
        return read(FRAGMENTS);
    }

    /** The CSS the static page adds around the fragments. */
    public static String page() {
        return read(PAGE);
    }

    private static String read(String name) {
        try (InputStream in = Stylesheet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("stylesheet resource missing from the engine jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stylesheet resource " + name, e);
        }
    }
}
