package org.careledger.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The runnable CareLedger application: command side and query side in one process. With no
 * configuration it starts its own PostgreSQL and MongoDB-wire server (see EmbeddedStores).
 */
@SpringBootApplication(scanBasePackages = "org.careledger")
public class CareLedgerApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(CareLedgerApplication.class, args);
    }
}
