package org.careledger.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.careledger.infra.CareLedgerApplication;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The external-store path: with the standard Spring properties set, the application uses the
 * PostgreSQL and MongoDB they name (here servers started outside the application) and starts no
 * embedded server of its own — no code change, configuration only.
 */
class ExternalStoresTest {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedMongoServer mongo;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("careledger-external-");
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0, false);
        mongo = EmbeddedMongoServer.start(dir.resolve("mongo").resolve("m.mv"), 0);
        String host = "localhost:" + postgres.port() + "/" + EmbeddedPostgresServer.DATABASE;
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        java.security.KeyPair jwt = rsa.generateKeyPair();
        java.security.KeyPair certificate = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        app = SpringApplication.run(CareLedgerApplication.class,
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://" + host,
                "--spring.datasource.username=postgres",
                "--spring.r2dbc.url=r2dbc:postgresql://" + host,
                "--spring.r2dbc.username=postgres",
                "--spring.data.mongodb.uri=" + mongo.connectionString() + "/careledger_external",
                "--careledger.dev.insecure-local-issuer=true",
                "--careledger.dev.insecure-simulator=true",
                "--careledger.privacy.master-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "--careledger.privacy.citizen-id-hash-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                // secrets every instance shares are required with external stores (ADR 0024)
                "--careledger.security.local-signing-key=" + java.util.Base64.getEncoder().encodeToString(jwt.getPrivate().getEncoded()),
                "--careledger.certificates.signing-key=" + java.util.Base64.getEncoder().encodeToString(certificate.getPrivate().getEncoded()),
                "--careledger.certificates.public-key=" + java.util.Base64.getEncoder().encodeToString(certificate.getPublic().getEncoded()),
                "--careledger.e-license.poll-interval=200ms",
                "--careledger.data-dir=" + dir.resolve("app"),
                "--spring.jmx.enabled=false");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theApplicationRunsOnTheConfiguredStoresWithoutEmbeddedOnes() {
        assertThat(app.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
        assertThat(app.getBeanNamesForType(EmbeddedMongoServer.class)).isEmpty();

        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30)).build();
        String id = UUID.randomUUID().toString();
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        filings.file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), "外部存储托育中心"));
        long position = filings.approve(tokens.inspector("37"), id).position();

        client.get().uri("/api/v1/public/institutions?q=外部存储&minPosition=" + position)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1);
        // the events are in the external PostgreSQL, the document in the external MongoDB database
        Integer events = new org.springframework.jdbc.core.JdbcTemplate(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(postgres.jdbcUrl(), "postgres", ""))
                .queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, id);
        // submitted, two classes, licence verified, approved, certificate issued
        assertThat(events).isEqualTo(6);
        try (com.mongodb.client.MongoClient sync = com.mongodb.client.MongoClients.create(mongo.connectionString())) {
            assertThat(sync.getDatabase("careledger_external").getCollection("white_list").countDocuments()).isEqualTo(1);
        }
    }
}
