package io.jenkins.plugins.tiers.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the promotion view as {@code index.html} into a folder, atomically where the file system
 * allows, so a reader never sees half a page.
 */
public final class PromotionPageWriter {

    /** The file name of the page inside the output folder. */
    public static final String INDEX = "index.html";

    private final PromotionPageRenderer renderer;

    public PromotionPageWriter() {
        this(new PromotionPageRenderer());
    }

    public PromotionPageWriter(PromotionPageRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * Renders the view and writes it.
     *
     * @return the path of the page written
     * @throws IOException naming the folder when it cannot be created or written
     */
    public Path write(ProgressView view, Path folder) throws IOException {
        String html = renderer.render(view);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("cannot create report folder " + folder + ": " + e.getMessage(), e);
        }
        Path target = folder.resolve(INDEX);
        // Not createTempFile: its owner-only permissions would make the published page unreadable.
        Path temp = folder.resolve("." + INDEX + ".tmp");
        try {
            Files.writeString(temp, html, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
