package org.careledger.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.infra.CareLedgerApplication;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The external-store path against a real, separate PostgreSQL server: Debian's package, installed
 * and started by {@code scripts/external-postgres.sh} (CI starts it in {@code .ci/run}). The
 * application runs with the standard properties on a fresh database of that server and a
 * MongoDB-wire server of the test's own (no MongoDB binary is available here); every shared secret
 * is given explicitly, as in a deployment of several instances. Then the backup and restore drill
 * ({@code scripts/restore-drill.sh}) runs against the same database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPostgresTest {

    private static DebianPostgres server;
    private static String database;
    private static EmbeddedMongoServer mongo;
    private static ConfigurableApplicationContext app;
    private static WebTestClient client;
    private static Map<String, String> secrets;
    private static final List<String> approved = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = DebianPostgres.get();
        database = server.createDatabase("careledger_test");
        Path dir = Files.createTempDirectory("careledger-debian-pg-");
        mongo = EmbeddedMongoServer.start(dir.resolve("mongo").resolve("m.mv"), 0);
        secrets = secrets();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + server.jdbcUrl(database),
                "--spring.datasource.username=" + server.user(),
                "--spring.datasource.password=" + server.password(),
                "--spring.r2dbc.url=" + server.r2dbcUrl(database),
                "--spring.r2dbc.username=" + server.user(),
                "--spring.r2dbc.password=" + server.password(),
                "--spring.data.mongodb.uri=" + mongo.connectionString() + "/careledger_debian",
                "--careledger.dev.insecure-local-issuer=true",
                "--careledger.dev.insecure-simulator=true",
                "--careledger.e-license.poll-interval=200ms",
                "--careledger.data-dir=" + dir.resolve("app"),
                "--spring.jmx.enabled=false"));
        secrets.forEach((name, value) -> args.add("--" + name + "=" + value));
        app = SpringApplication.run(CareLedgerApplication.class, args.toArray(String[]::new));
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** Every secret the instances of a deployment share, as explicit values (none generated). */
    private static Map<String, String> secrets() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] master = new byte[32];
        byte[] hash = new byte[32];
        random.nextBytes(master);
        random.nextBytes(hash);
        KeyPair certificate = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("careledger.privacy.master-key", b64.encodeToString(master));
        s.put("careledger.privacy.citizen-id-hash-key", b64.encodeToString(hash));
        s.put("careledger.certificates.signing-key", b64.encodeToString(certificate.getPrivate().getEncoded()));
        s.put("careledger.certificates.public-key", b64.encodeToString(certificate.getPublic().getEncoded()));
        s.put("careledger.e-license.platforms.drill.secret", UUID.randomUUID().toString());
        // the local token issuer's key: with external stores every instance must verify the same tokens (ADR 0024)
        s.put("careledger.security.local-signing-key",
                b64.encodeToString(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded()));
        return s;
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (server != null && database != null) {
            server.dropDatabase(database);
        }
    }

    @Test
    @Order(1)
    void fileApproveWhiteListAndRebuildOnTheDebianServer() throws Exception {
        JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl(database), server.user(), server.password()));
        // a separate server: Debian's build, not the embedded PostgreSQL 17 of the default
        assertThat(sql.queryForObject("SELECT version()", String.class)).contains("Debian");
        assertThat(app.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
        assertThat(app.getBeanNamesForType(EmbeddedMongoServer.class)).isEmpty();

        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        long position = 0;
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            filings.file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), "德班外部库托育中心" + i));
            if (i < 2) {
                position = filings.approve(tokens.inspector("37"), id).position();
                approved.add(id);
            }
        }
        String beforeRebuild = whiteList(position);
        assertThat(beforeRebuild).contains("\"total\":2");
        assertThat(sql.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, approved.get(0))).isEqualTo(6);

        String admin = tokens.admin();
        for (String projection : List.of("white-list", "supervision")) {
            client.post().uri("/api/v1/admin/projections/" + projection + "/replay")
                    .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isAccepted();
        }
        awaitCaughtUp(admin);
        assertThat(whiteList(position)).isEqualTo(beforeRebuild);
        assertThat(sql.queryForObject("SELECT count(*) FROM supervision_institution WHERE status = 'FILED'",
                Integer.class)).isEqualTo(2);
    }

    @Test
    @Order(2)
    void theBackupAndRestoreDrillPasses() throws Exception {
        assertThat(approved).as("the first test filed and approved institutions").hasSize(2);
        awaitCaughtUp(new Tokens(client).admin());
        Path work = Files.createTempDirectory("careledger-drill-");
        Path script = Path.of("..", "scripts", "restore-drill.sh").toAbsolutePath().normalize();
        Path output = work.resolve("drill.out");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        env.put("PGHOST", server.host());
        env.put("PGPORT", Integer.toString(server.port()));
        env.put("PGUSER", server.user());
        env.put("PGPASSWORD", server.password());
        env.put("CARELEDGER_DRILL_SOURCE_DB", database);
        env.put("CARELEDGER_DRILL_WORK", work.resolve("drill").toString());
        env.put("CARELEDGER_DRILL_PORT", Integer.toString(freePort()));
        // a shared build machine can take minutes to start the drill's application: a wide bound
        env.put("CARELEDGER_DRILL_TIMEOUT", "900");
        env.put("CARELEDGER_DRILL_ORIGINAL_URL", "http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
        env.put("CARELEDGER_APP", Path.of(System.getProperty("java.home"), "bin", "java")
                + " -Xmx512m -XX:TieredStopAtLevel=1 -Daxoniq.update-checker.disabled=true -cp "
                + System.getProperty("java.class.path") + " " + CareLedgerApplication.class.getName());
        // the same secrets as the original, through the environment (relaxed names)
        secrets.forEach((name, value) -> env.put(name.replace("-", "").replace('.', '_').toUpperCase(), value));
        Process drill = pb.start();
        boolean done = drill.waitFor(30, TimeUnit.MINUTES);
        if (!done) {
            drill.destroy();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(done).as(out).isTrue();
        assertThat(drill.exitValue()).as(out).isZero();
        assertThat(out).contains("RESTORE DRILL PASSED")
                .containsPattern("supervision_institution=3 ")
                .containsPattern("white-list=2\\b")
                .contains("ledger intact");
    }

    private String whiteList(long position) {
        return new String(client.get().uri("/api/v1/public/institutions?q=德班外部库&minPosition=" + position)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBodyContent(),
                StandardCharsets.UTF_8);
    }

    /**
     * Every projection runs with claimed segments, each caught up with the newest stored event. A
     * replayed segment keeps reporting "replaying" until an event newer than the reset arrives, so
     * that flag is not waited for.
     */
    private static void awaitCaughtUp(String admin) throws Exception {
        long head = new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl(database), server.user(), server.password()))
                .queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            String status = new String(client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBodyContent(),
                    StandardCharsets.UTF_8);
            boolean all = true;
            for (JsonNode projection : new ObjectMapper().readTree(status)) {
                all &= projection.path("running").asBoolean() && projection.path("segments").size() > 0;
                for (JsonNode segment : projection.path("segments")) {
                    all &= segment.path("caughtUp").asBoolean() && segment.path("position").asLong(-1) >= head;
                }
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("projections not caught up with " + head + ": " + status);
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
