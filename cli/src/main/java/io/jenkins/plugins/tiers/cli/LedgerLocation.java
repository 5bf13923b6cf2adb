package io.jenkins.plugins.tiers.cli;

import io.jenkins.plugins.tiers.ledger.FileLedger;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerDirectoryName;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.ledger.PostgresLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the CLI keeps an application's ledger: {@code --ledger DIR} or {@code --ledger
 * postgresql://host:5432/db?schema=tiers} when given, else {@code
 * .tiers/<directory named after the application>/} beside the ladder, so that two ladders in one
 * folder never share a ledger. A {@code .tiers/events.jsonl} written before ledgers were kept per
 * application is still found, with a warning saying how to move it.
 *
 * @param directory the ledger directory; null for a database
 * @param database the PostgreSQL database and schema holding the ledger; null for a directory
 * @param application the application the ledger is opened for; null when no ladder names it (the
 *     ledger then holds the application of its first event)
 * @param warning what the user should know about the choice (an old shared ledger); null if nothing
 */
record LedgerLocation(Path directory, PostgresLocation database, String application, String warning) {

    LedgerLocation(Path directory, String application, String warning) {
        this(directory, null, application, warning);
    }

    /** The folder beside the ladder that holds the ledgers, one directory per application. */
    static final String FOLDER = ".tiers";

    /**
     * The ledger of {@code application} (null when unknown) for a ladder at {@code ladderFile}, or
     * in {@code explicit} when the user named one.
     *
     * @throws LedgerException when no application is known and the folder holds several ledgers
     */
    static LedgerLocation of(String explicit, Path ladderFile, String application) {
        if (explicit != null && PostgresLocation.isUrl(explicit)) {
            try {
                return new LedgerLocation(null, PostgresLocation.parse(explicit), application, null);
            } catch (IllegalArgumentException e) {
                throw new LedgerException("--ledger", e.getMessage());
            }
        }
        if (explicit != null) {
            return new LedgerLocation(Path.of(explicit), application, null);
        }
        Path folder = folderBeside(ladderFile);
        Path old = folder.resolve(FileLedger.EVENTS);
        if (application != null) {
            Path own = folder.resolve(LedgerDirectoryName.of(application));
            if (Files.exists(old) && !Files.exists(own.resolve(FileLedger.EVENTS))) {
                return new LedgerLocation(folder, application, oldLedger(folder, application, own));
            }
            return new LedgerLocation(own, application, null);
        }
        if (Files.exists(old)) {
            return new LedgerLocation(folder, null, oldLedger(folder, null, null));
        }
        List<Path> ledgers = ledgersIn(folder);
        if (ledgers.size() > 1) {
            throw new LedgerException(
                    folder,
                    "holds the ledgers of several applications ("
                            + String.join(
                                    ", ",
                                    ledgers.stream()
                                            .map(p -> p.getFileName().toString())
                                            .toList())
                            + "); name the application's ladder with --ladder FILE, or its ledger with --ledger DIR");
        }
        return new LedgerLocation(ledgers.isEmpty() ? folder : ledgers.get(0), null, null);
    }

    /** The folder of ledgers beside the ladder file. */
    static Path folderBeside(Path ladderFile) {
        Path parent = ladderFile.toAbsolutePath().getParent();
        return (parent == null ? Path.of("") : parent).resolve(FOLDER);
    }

    /** Whether the ledger is in a database rather than a directory. */
    boolean isDatabase() {
        return database != null;
    }

    /** The directory, or the database and schema: what messages name. Never a password. */
    String name() {
        return isDatabase() ? database.toString() : directory.toString();
    }

    /**
     * Opens the ledger, for the application when it is known (a database then needs to hold only
     * one). A database ledger comes with a connection pool of its own, closed with it.
     */
    Ledger open() {
        if (isDatabase()) {
            PostgresStore store = PostgresStore.connect(database, System.getenv());
            try {
                return store.open(application).owning(store);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
        return openFiles();
    }

    /** Opens the file ledger. */
    FileLedger openFiles() {
        if (isDatabase()) {
            throw new LedgerException(database.toString(), "this works on a file ledger only (--ledger DIR)");
        }
        return application == null ? FileLedger.open(directory) : FileLedger.open(directory, application);
    }

    private static String oldLedger(Path folder, String application, Path own) {
        Path old = folder.resolve(FileLedger.EVENTS);
        String target = own != null
                ? own.toString()
                : folder.resolve("<application's directory>").toString();
        return "ledger " + old + " was written before each application had its own ledger; it is still used"
                + (application != null
                        ? " for \"" + application + "\" (events of other applications in it are ignored)"
                        : "")
                + ". Move it: mkdir -p " + target + " && mv " + old + " " + target + "/ (several applications in it:"
                + " see \"Moving an old ledger\" in docs/ledger.md)";
    }

    private static List<Path> ledgersIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(d -> Files.isRegularFile(d.resolve(FileLedger.EVENTS)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new LedgerException(folder, "cannot list the ledgers", e);
        }
    }
}
