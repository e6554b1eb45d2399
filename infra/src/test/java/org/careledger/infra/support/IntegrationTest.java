package org.careledger.infra.support;

import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.careledger.infra.CareLedgerApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every application-level test: the whole application on a random port with the
 * embedded PostgreSQL and MongoDB-wire server (real stores, no mocks), in a data directory of
 * its own per test JVM. All subclasses share one Spring context. BlockHound is installed for
 * every test by blockhound-junit-platform, so a blocking call on a Netty thread fails the test.
 */
@SpringBootTest(classes = CareLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class IntegrationTest {

    private static final Path DATA_DIR = createDataDir();
    /** Shared secret of the e-license platform the tests sign notifications for. */
    public static final String PLATFORM_SECRET = "test-platform-secret";

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("careledger.data-dir", DATA_DIR::toString);
        // tests trade durability for speed; the run profile keeps fsync on
        registry.add("careledger.embedded.durable", () -> "false");
        registry.add("careledger.read-your-writes.timeout", () -> "5s");
        registry.add("careledger.e-license.poll-interval", () -> "200ms");
        registry.add("careledger.e-license.read-timeout", () -> "1s");
        registry.add("careledger.e-license.retries", () -> "1");
        registry.add("careledger.e-license.breaker-failures", () -> "1000");
        registry.add("careledger.e-license.platforms.test-platform.secret", () -> PLATFORM_SECRET);
        registry.add("careledger.enrolment.lifecycle-interval", () -> "500ms");
        // the ledger links promptly and publishes a root every second (the defaults are for production)
        registry.add("careledger.ledger.poll-interval", () -> "200ms");
        registry.add("careledger.ledger.gap-settle-time", () -> "5s");
        registry.add("careledger.ledger.root-interval", () -> "1s");
        // as-of snapshots every few state events, so the inspector tests go through them
        registry.add("careledger.inspector.snapshot-every", () -> "3");
        // every test client shares one address and many tests expect 401s: per-client limits are
        // exercised by RateLimitTest in an application of their own
        registry.add("careledger.rate-limits.public-requests.limit", () -> "0");
        registry.add("careledger.rate-limits.authentication-failures.limit", () -> "0");
    }

    @Autowired
    private WebTestClient webTestClient;

    /** POSTs JSON as the token's caller, expects {@code status}, and answers the JSON body. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> post(String token, String path, Object body, int status) {
        return webTestClient.post().uri(path).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult()
                .getResponseBody();
    }

    /** GETs as the token's caller, expects 200, and answers the JSON body. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> get(String token, String path) {
        return webTestClient.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("careledger-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
