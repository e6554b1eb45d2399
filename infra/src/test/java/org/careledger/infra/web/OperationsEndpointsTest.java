package org.careledger.infra.web;

import org.careledger.infra.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

class OperationsEndpointsTest extends IntegrationTest {

    @Autowired
    WebTestClient client;

    @Test
    void livenessAndReadinessAreUp() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusExposesCommandBusAndProcessorMetrics() {
        // Axon registers its message-monitor meters on first use: send a command and let it project
        String id = java.util.UUID.randomUUID().toString();
        long position = new org.careledger.infra.support.Filings(client).file(
                new org.careledger.infra.support.Tokens(client).operator(id),
                org.careledger.infra.support.Filings.body(org.careledger.infra.support.Filings.freshCreditCode(), "指标测试")).position();
        client.get().uri("/api/v1/public/institutions?minPosition=" + position).exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(new org.careledger.infra.support.Tokens(client).admin()))
                .exchange().expectStatus().isOk()
                .expectBody(String.class)
                .value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("executor_pool_size_threads{application=\"careledger\",name=\"commandBus\"")
                        .contains("commandBus_allTimer_seconds_count")
                        .contains("white_list_allTimer_seconds_count")
                        .contains("supervision_allTimer_seconds_count")
                        .contains("jvm_memory_used_bytes"));
    }

    @Test
    void theOpenApiDocumentIsServed() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").exists();
    }
}
