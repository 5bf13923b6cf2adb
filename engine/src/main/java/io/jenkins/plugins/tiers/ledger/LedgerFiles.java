package io.jenkins.plugins.tiers.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How a {@link FileLedger} opens the channels it writes through (the log, the lock, the snapshot,
 * the directory it syncs). The platform's by default; tests put a full disk or a denied access
 * behind it, so the ledger's fail-closed guarantees are proven on every machine, root or not.
 */
@FunctionalInterface
interface LedgerFiles {

    /** The platform's file channels. */
    LedgerFiles PLATFORM = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;
}
