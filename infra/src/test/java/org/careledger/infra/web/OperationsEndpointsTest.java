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
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class)
                .value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("executor_pool_size_threads{application=\"careledger\",name=\"commandBus\"")
                        .contains("jvm_memory_used_bytes"));
    }

    @Test
    void theOpenApiDocumentIsServed() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").exists();
    }
}
