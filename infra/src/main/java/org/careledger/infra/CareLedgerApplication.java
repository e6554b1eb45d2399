package org.careledger.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The runnable CareLedger application: command side and query side in one process. With no
 * configuration it starts its own PostgreSQL and MongoDB-wire server (see EmbeddedStores).
 */
@SpringBootApplication(scanBasePackages = "org.careledger")
public class CareLedgerApplication {

    /** Exit status of a start that failed (the cause is logged above it by Spring Boot). */
    public static final int START_FAILED = 1;

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        try {
            SpringApplication.run(CareLedgerApplication.class, args);
        } catch (Throwable failure) {
            // Spring Boot has logged the failure and closed the context. Threads that are not
            // daemons (Axon's, a library's) must not keep a JVM alive that serves nothing.
            System.exit(START_FAILED);
        }
    }
}
