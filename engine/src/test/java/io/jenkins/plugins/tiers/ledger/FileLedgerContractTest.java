package io.jenkins.plugins.tiers.ledger;

import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** The ledger contract on files: one directory per application, as the plugin and CLI lay them out. */
public class FileLedgerContractTest extends LedgerContractTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Override
    protected Ledger openStore(String application) {
        return FileLedger.open(tmp.getRoot().toPath().resolve(LedgerDirectoryName.of(application)), application);
    }
}
