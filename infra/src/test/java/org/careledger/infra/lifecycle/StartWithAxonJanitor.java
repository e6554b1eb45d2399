package org.careledger.infra.lifecycle;

import java.util.concurrent.TimeUnit;

import org.axonframework.messaging.timeout.AxonTaskJanitor;
import org.careledger.infra.CareLedgerApplication;

/**
 * Runs the application the way it was seen failing: Axon's janitor (a non-daemon thread, started
 * as soon as a message is handled with a time limit) is already alive when the start fails.
 */
public final class StartWithAxonJanitor {

    public static void main(String[] args) {
        AxonTaskJanitor.INSTANCE.schedule(() -> { }, 1, TimeUnit.MILLISECONDS);
        CareLedgerApplication.main(args);
    }
}
