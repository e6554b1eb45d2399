package org.careledger.infra.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.careledger.infra.CareLedgerApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Starts the whole application with its own arguments and data directory, for configurations the shared test context cannot have. */
final class StandaloneApp {

    private StandaloneApp() {
    }

    static ConfigurableApplicationContext start(String... extra) throws Exception {
        Path dir = Files.createTempDirectory("careledger-security-");
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--careledger.data-dir=" + dir,
                "--careledger.embedded.durable=false",
                "--spring.jmx.enabled=false"));
        args.addAll(List.of(extra));
        return SpringApplication.run(CareLedgerApplication.class, args.toArray(String[]::new));
    }

    static WebTestClient client(ConfigurableApplicationContext app) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }
}
