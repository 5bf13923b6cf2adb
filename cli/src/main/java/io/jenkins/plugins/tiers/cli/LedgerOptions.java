package io.jenkins.plugins.tiers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.tiers.ledger.FileLedger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every ledger subcommand shares: where the ledger is and whether to print JSON. */
final class LedgerOptions {

    @Option(
            names = "--ledger",
            paramLabel = "DIR",
            defaultValue = ".tiers",
            description = "The ledger directory (default: ${DEFAULT-VALUE} in the working directory).")
    Path ledger;

    @Option(names = "--json", description = "Print machine-readable JSON on stdout.")
    boolean json;

    FileLedger open() {
        return FileLedger.open(ledger);
    }

    /** Reports lines the ledger skipped, so no corrupt line goes unnoticed. */
    static void reportWarnings(FileLedger ledger, PrintWriter err) {
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
