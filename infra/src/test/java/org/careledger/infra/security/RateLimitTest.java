package org.careledger.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Per-client rate limits over real HTTP (so the client's address is known), with small budgets
 * and a long period so nothing renews during the test: public reads per IP, authentication
 * failures per IP, requests per token subject; each refusal is 429 with Retry-After and a
 * RATE_LIMITED problem. The counts live in the embedded PostgreSQL as they would in a shared one;
 * when that store fails, the instance counts alone to ⌈limit ÷ expected instances⌉ and says so once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class RateLimitTest {

    private static ConfigurableApplicationContext app;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        app = StandaloneApp.start(
                "--careledger.rate-limits.public-requests.limit=5",
                "--careledger.rate-limits.public-requests.period=PT1H",
                "--careledger.rate-limits.authentication-failures.limit=3",
                "--careledger.rate-limits.authentication-failures.period=PT1H",
                "--careledger.rate-limits.authenticated-requests.limit=4",
                "--careledger.rate-limits.authenticated-requests.period=PT1H",
                "--careledger.rate-limits.expected-instances=2",
                "--careledger.rate-limits.store-retry=PT1S");
        client = StandaloneApp.client(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static void limited(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isPositive())
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("RATE_LIMITED").jsonPath("$.status").isEqualTo(429);
    }

    @Test
    @Order(1)
    void limitsPerAddressAndPerSubject() {
        // the issuer is not public API and not limited per address: tokens first
        String first = token();
        String second = token();

        // public reads: five, then 429
        for (int i = 0; i < 5; i++) {
            client.get().uri("/api/v1/public/certificates/public-key").exchange().expectStatus().isOk();
        }
        limited(client.get().uri("/api/v1/public/institutions?q=限流").exchange());

        // per subject: four requests of one token, then 429 for it but not for another token
        for (int i = 0; i < 4; i++) {
            client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth(first)).exchange()
                    .expectStatus().isOk();
        }
        limited(client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth(first)).exchange());
        client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth(second)).exchange()
                .expectStatus().isOk();

        // authentication failures: three 401s, then this address is refused even with a good token
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth("not-a-token")).exchange()
                    .expectStatus().isUnauthorized();
        }
        limited(client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth("not-a-token")).exchange());
        limited(client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth(second)).exchange());
    }

    @Test
    @Order(2)
    void whenTheSharedStoreFailsTheInstanceCountsItsShareLocallyAndSaysSoOnce(CapturedOutput output) throws Exception {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        // this address has used its public budget in the store (test 1); the store now fails
        jdbc.execute("ALTER TABLE rate_limit_window RENAME TO rate_limit_window_away");
        try {
            // ⌈5 ÷ 2 expected instances⌉ = 3 counted locally, then 429: the API stays up
            for (int i = 0; i < 3; i++) {
                client.get().uri("/api/v1/public/certificates/public-key").exchange().expectStatus().isOk();
            }
            limited(client.get().uri("/api/v1/public/certificates/public-key").exchange());
            limited(client.get().uri("/api/v1/public/institutions?q=限流").exchange());
            Thread.sleep(1_200); // past store-retry: the store is tried again, fails again, still counted locally
            limited(client.get().uri("/api/v1/public/certificates/public-key").exchange());
            assertThat(count(output.getAll(), "The shared rate-limit store failed")).as("logged once").isEqualTo(1);
        } finally {
            jdbc.execute("ALTER TABLE rate_limit_window_away RENAME TO rate_limit_window");
        }
        Thread.sleep(1_200);
        // back on the store, where this address is over its limit
        limited(client.get().uri("/api/v1/public/certificates/public-key").exchange());
        assertThat(output.getAll()).contains("The shared rate-limit store answers again");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String token() {
        Map<?, ?> body = client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "ADMIN")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("token");
    }
}
