package org.careledger.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rate limits hold across instances (docs/security.md, docs/scale-out.md): two instances on one
 * store ({@link TwoInstances}) count every client into the same windows, so together they allow
 * the limit once, not once each. Small budgets, a long period (nothing renews during the test).
 */
class SharedRateLimitTest {

    private static final int PUBLIC_LIMIT = 6;
    private static final int FAILURE_LIMIT = 4;

    private static TwoInstances instances;
    private static WebTestClient clientA;
    private static WebTestClient clientB;

    @BeforeAll
    static void start() throws Exception {
        instances = TwoInstances.stores();
        List<String> limits = List.of(
                "--careledger.rate-limits.public-requests.limit=" + PUBLIC_LIMIT,
                "--careledger.rate-limits.public-requests.period=PT1H",
                "--careledger.rate-limits.authentication-failures.limit=" + FAILURE_LIMIT,
                "--careledger.rate-limits.authentication-failures.period=PT1H");
        // expected-instances stays 1: an instance counting alone would allow the whole limit by itself
        ConfigurableApplicationContext a = instances.start("a", limits);
        ConfigurableApplicationContext b = instances.start("b", limits);
        clientA = TwoInstances.client(a);
        clientB = TwoInstances.client(b);
    }

    @AfterAll
    static void stop() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void bothInstancesTogetherAllowTheLimitOnce() {
        // public API: half of the budget through each instance, then both refuse this address
        for (int i = 0; i < PUBLIC_LIMIT; i++) {
            (i % 2 == 0 ? clientA : clientB).get().uri("/api/v1/public/certificates/public-key").exchange()
                    .expectStatus().isOk();
        }
        limited(clientA.get().uri("/api/v1/public/certificates/public-key").exchange());
        limited(clientB.get().uri("/api/v1/public/certificates/public-key").exchange());

        // authentication failures: two 401s on each instance use up the address's four
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            (i % 2 == 0 ? clientA : clientB).get().uri("/api/v1/admin/projections")
                    .headers(h -> h.setBearerAuth("not-a-token")).exchange().expectStatus().isUnauthorized();
        }
        limited(clientA.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth("not-a-token")).exchange());
        limited(clientB.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth("not-a-token")).exchange());

        // one row per limiter, address and window, counted by both instances
        Integer hits = instances.db.queryForObject("SELECT sum(hits) FROM rate_limit_window WHERE limiter = 'public'",
                Integer.class);
        assertThat(hits).isEqualTo(PUBLIC_LIMIT + 2);
    }

    private static void limited(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isPositive())
                .expectBody().jsonPath("$.code").isEqualTo("RATE_LIMITED");
    }
}
