package org.careledger.infra.store;

import org.careledger.infra.store.CareLedgerDataDirectory.DataDirectoryInUseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start on a data directory held by another process into a short, clear message. */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the process that uses " + cause.directory()
                        + (cause.holderPid() == null ? "" : " (pid " + cause.holderPid() + ")")
                        + ", or give this one a directory of its own with --" + CareLedgerDataDirectory.PROPERTY + "=<path>.",
                cause);
    }
}
