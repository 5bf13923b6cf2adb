package io.jenkins.plugins.tiers.store;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Descriptor;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The default store: each application's ledger in its own directory under {@code
 * $JENKINS_HOME/deployment-tiers/}, backed up with the controller's home and needing nothing to
 * set up. One controller only: another controller has its own home, and so its own truth.
 */
public final class DiskLedgerStore extends LedgerStore {

    /** Beside the ledger files, the exact application name, for people browsing JENKINS_HOME. */
    static final String NAME_FILE = "application.txt";

    @DataBoundConstructor
    public DiskLedgerStore() {}

    /** The directory holding every application's ledger. */
    static Path root() {
        return Jenkins.get().getRootDir().toPath().resolve("deployment-tiers");
    }

    static Path directoryOf(String application) {
        return root().resolve(LedgerDirectoryName.of(application));
    }

    /** Whether {@code application} has a ledger on disk. */
    static boolean exists(String application) {
        return Files.isDirectory(directoryOf(application));
    }

    @Override
    public Ledger open(String application) {
        Path dir = directoryOf(application);
        try {
            Files.createDirectories(dir);
            Path name = dir.resolve(NAME_FILE);
            if (!Files.exists(name)) {
                Files.writeString(name, application + System.lineSeparator(), StandardCharsets.UTF_8);
            }
        } catch (IOException x) {
            throw new IllegalStateException(Messages.ApplicationLedgers_CannotCreate(application, dir), x);
        }
        // opened for its application: another application's events are refused, never mixed in
        return FileLedger.open(dir, application);
    }

    @Override
    public String where() {
        return root().toString();
    }

    /** The directory moves, and its events are given to {@code to}: a ledger holds one application. */
    @Override
    public boolean rename(String from, String to) throws IOException {
        if (from.equals(to) || !exists(from) || exists(to)) {
            return false;
        }
        Path target = directoryOf(to);
        Files.createDirectories(target.getParent());
        Files.move(directoryOf(from), target, StandardCopyOption.ATOMIC_MOVE);
        FileLedger.renameApplication(target, from, to);
        Files.writeString(target.resolve(NAME_FILE), to + System.lineSeparator(), StandardCharsets.UTF_8);
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DiskLedgerStore;
    }

    @Override
    public int hashCode() {
        return DiskLedgerStore.class.hashCode();
    }

    @Extension(ordinal = 100)
    @Symbol("controllerDisk")
    public static final class DescriptorImpl extends Descriptor<LedgerStore> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DiskLedgerStore_DisplayName();
        }
    }
}
