package org.careledger.infra.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.careledger.infra.CareLedgerApplication;
import org.careledger.infra.store.EmbeddedMongoServer;
import org.careledger.infra.store.EmbeddedPostgresServer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The set-up of the several-instances tests: one PostgreSQL and one MongoDB-wire server, both
 * "external" to the application instances started on them (Spring contexts in this JVM), which
 * share every secret and run with short cluster intervals (ADR 0024).
 */
final class TwoInstances implements AutoCloseable {

    final Path dir;
    final EmbeddedPostgresServer postgres;
    final EmbeddedMongoServer mongo;
    final JdbcTemplate db;
    private final List<String> shared;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    private TwoInstances(Path dir, EmbeddedPostgresServer postgres, EmbeddedMongoServer mongo) throws Exception {
        this.dir = dir;
        this.postgres = postgres;
        this.mongo = mongo;
        this.db = new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl(), "postgres", ""));
        this.shared = sharedArguments();
    }

    /** Starts the two stores (no instance yet). */
    static TwoInstances stores() throws Exception {
        Path dir = Files.createTempDirectory("careledger-two-instances-");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0, false);
        EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dir.resolve("mongo").resolve("m.mv"), 0);
        return new TwoInstances(dir, postgres, mongo);
    }

    /** Starts an instance on the stores, named for its data directory, with its own arguments after the shared ones. */
    ConfigurableApplicationContext start(String name, List<String> own) {
        List<String> args = new ArrayList<>(shared);
        args.add("--careledger.data-dir=" + dir.resolve(name));
        args.addAll(own);
        ConfigurableApplicationContext app = SpringApplication.run(CareLedgerApplication.class, args.toArray(String[]::new));
        started.add(app);
        return app;
    }

    /** Everything every instance is configured with: the stores, the shared secrets, short intervals. */
    private List<String> sharedArguments() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] master = new byte[32];
        byte[] hash = new byte[32];
        random.nextBytes(master);
        random.nextBytes(hash);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair jwt = rsa.generateKeyPair();
        KeyPair certificate = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Base64.Encoder b64 = Base64.getEncoder();
        String host = "localhost:" + postgres.port() + "/" + EmbeddedPostgresServer.DATABASE;
        return List.of(
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--spring.datasource.url=jdbc:postgresql://" + host,
                "--spring.datasource.username=postgres",
                "--spring.r2dbc.url=r2dbc:postgresql://" + host,
                "--spring.r2dbc.username=postgres",
                "--spring.data.mongodb.uri=" + mongo.connectionString() + "/careledger_two",
                "--careledger.privacy.master-key=" + b64.encodeToString(master),
                "--careledger.privacy.citizen-id-hash-key=" + b64.encodeToString(hash),
                "--careledger.security.local-signing-key=" + b64.encodeToString(jwt.getPrivate().getEncoded()),
                "--careledger.certificates.signing-key=" + b64.encodeToString(certificate.getPrivate().getEncoded()),
                "--careledger.certificates.public-key=" + b64.encodeToString(certificate.getPublic().getEncoded()),
                "--careledger.e-license.platforms.test-platform.secret=two-instances-platform-secret",
                "--careledger.e-license.poll-interval=200ms",
                "--careledger.e-license.read-timeout=1s",
                "--careledger.e-license.retries=1",
                "--careledger.e-license.breaker-failures=1000",
                "--careledger.enrolment.lifecycle-interval=300ms",
                "--careledger.workers.lease-duration=3s",
                "--careledger.cluster.heartbeat=300ms",
                "--careledger.cluster.instance-timeout=2s",
                "--axon.eventhandling.tokenstore.claim-timeout=3s",
                "--careledger.read-your-writes.timeout=20s",
                "--careledger.ledger.poll-interval=200ms");
    }

    static WebTestClient client(ConfigurableApplicationContext app) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + app.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        for (int i = started.size() - 1; i >= 0; i--) {
            all.add(started.get(i));
        }
        all.add(mongo);
        all.add(postgres);
        for (AutoCloseable c : all) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // an instance cut off from the database closes with errors: its connections are gone
            }
        }
    }
}
