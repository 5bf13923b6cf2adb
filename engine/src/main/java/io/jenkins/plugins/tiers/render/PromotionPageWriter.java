package io.jenkins.plugins.tiers.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the promotion view as {@code index.html} into a folder, atomically where the file system
 * allows, so a reader never sees half a page: through a temporary file of a unique name created
 * exclusively in that folder, then renamed.
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
        // A unique name created exclusively (O_EXCL): a planted file or symlink at a predictable name
        // can neither be followed nor overwritten. Created owner-only, so it is opened up to what a
        // published page needs before it becomes visible.
        Path temp = Files.createTempFile(folder, "." + INDEX + ".", ".tmp");
        try {
            Files.writeString(temp, html, StandardCharsets.UTF_8, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            readableByAll(temp);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
