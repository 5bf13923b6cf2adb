package io.jenkins.plugins.tiers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.model.Ladder;
import io.jenkins.plugins.tiers.model.LadderFile;
import io.jenkins.plugins.tiers.model.LadderFileException;
import io.jenkins.plugins.tiers.model.Tier;
import io.jenkins.plugins.tiers.model.TierKind;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every ledger subcommand shares: the ladder (for tier order and the production tier),
 * where the ledger is, and whether to print JSON. The ladder is optional here: without a ladder
 * file the tiers are taken in the order the ledger first saw them.
 */
final class LedgerOptions {

    static final Path DEFAULT_LADDER = Path.of("tiers.yaml");

    @Option(
            names = "--ladder",
            paramLabel = "FILE",
            description = "The ladder file (default: tiers.yaml in the working directory, when it exists).")
    Path ladder;

    @Option(
            names = "--ledger",
            paramLabel = "DIR|URL",
            description = "The ledger directory (default: the application's directory under .tiers/ beside the"
                    + " ladder), or a PostgreSQL database: postgresql://[user@]host:5432/db?schema=tiers (password"
                    + " from TIERS_DB_PASSWORD, PGPASSWORD or ~/.pgpass).")
    String ledger;

    /** Where the ledger was found, once opened. */
    private LedgerLocation location;

    @Option(names = "--json", description = "Print machine-readable JSON on stdout.")
    boolean json;

    Path ladderFile() {
        return ladder != null ? ladder : DEFAULT_LADDER;
    }

    /** The ledger's directory or database: the one opened, else the one named, else the folder of ledgers. */
    String ledgerName() {
        if (location != null) {
            return location.name();
        }
        return ledger != null
                ? ledger
                : LedgerLocation.folderBeside(ladderFile()).toString();
    }

    /** Where the ledger is, once opened; null before. */
    LedgerLocation location() {
        return location;
    }

    /**
     * The ladder, when one was named or {@code tiers.yaml} exists; empty otherwise.
     *
     * @throws LadderFileException when the file is named but missing, or cannot be read or checked
     */
    Optional<Ladder> readLadder() throws LadderFileException {
        if (ladder == null && !Files.isRegularFile(DEFAULT_LADDER)) {
            return Optional.empty();
        }
        return Optional.of(LadderFile.read(ladderFile()));
    }

    /** The ladder, which this subcommand cannot do without. */
    Ladder requireLadder() throws LadderFileException {
        return LadderFile.read(ladderFile());
    }

    /**
     * Opens the ledger of the ladder's application (see {@link LedgerLocation}), warning on {@code
     * err} about an old ledger shared by every application.
     *
     * @throws io.jenkins.plugins.tiers.ledger.LedgerException when it cannot be found or read
     */
    Ledger open(Optional<Ladder> ladder, PrintWriter err) {
        location = LedgerLocation.of(
                ledger, ladderFile(), ladder.map(Ladder::application).orElse(null));
        if (location.warning() != null) {
            err.println("warning: " + location.warning());
        }
        return location.open();
    }

    /** The ladder's tier ids, then any tier the ledger knows that the ladder does not. */
    static List<String> tierOrder(Optional<Ladder> ladder, List<String> ledgerOrder) {
        List<String> order = new ArrayList<>();
        ladder.ifPresent(l -> l.tiers().forEach(t -> order.add(t.id())));
        ledgerOrder.stream().filter(t -> !order.contains(t)).forEach(order::add);
        return order;
    }

    /** The ladder's last tier of kind production, else its last tier; empty without a ladder. */
    static Optional<String> productionOf(Optional<Ladder> ladder) {
        return ladder.map(l -> {
            List<Tier> tiers = l.tiers();
            String found = tiers.get(tiers.size() - 1).id();
            for (Tier t : tiers) {
                if (t.kind() == TierKind.PRODUCTION) {
                    found = t.id();
                }
            }
            return found;
        });
    }

    /** Reports lines the ledger skipped, so no corrupt line goes unnoticed. */
    static void reportWarnings(Ledger ledger, PrintWriter err) {
        List<String> warnings = ledger.warnings();
        warnings.forEach(w -> err.println("warning: " + w));
    }

    static ObjectMapper jsonMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }
}
