package org.careledger.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The zero-configuration start (what every integration test runs): bound to loopback, so the
 * local issuer and the simulator are on; scripting the simulator and reading metrics still need
 * an administrator; both forms of the OpenAPI document are public.
 */
class LoopbackDefaultExposureTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    Environment env;

    @Test
    void theDefaultAddressIsLoopbackAndTheDevFeaturesAreOn() {
        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(DevExposure.issuerEnabled(env)).isTrue();
        assertThat(DevExposure.simulatorEnabled(env)).isTrue();
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "ADMIN")).exchange().expectStatus().isCreated();
    }

    @Test
    void scriptingTheSimulatorNeedsAnAdministrator() {
        Tokens tokens = new Tokens(client);
        String operator = tokens.operator(java.util.UUID.randomUUID().toString());
        String admin = tokens.admin();
        client.put().uri("/simulator/e-license/mode").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("down", true, "delayMs", 0)).exchange()
                .expectStatus().isUnauthorized();
        client.put().uri("/simulator/e-license/mode").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("down", true, "delayMs", 0)).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
        client.get().uri("/simulator/e-license/requests").exchange().expectStatus().isUnauthorized();
        client.get().uri("/simulator/e-license/requests").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk();
        // the platform stand-in itself answers the application's adapter, which carries no token
        client.post().uri("/simulator/e-license/v1/licences/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("creditCode", "x", "licenceType", "BUSINESS_LICENCE")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void metricsAreForAdministratorsOnly() {
        Tokens tokens = new Tokens(client);
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        String inspector = tokens.inspector("3708");
        client.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(inspector)).exchange()
                .expectStatus().isForbidden();
        String admin = tokens.admin();
        client.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk();
        client.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void bothFormsOfTheOpenApiDocumentArePublic() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        client.get().uri("/v3/api-docs.yaml").exchange().expectStatus().isOk()
                .expectBody(String.class).value(yaml -> assertThat(yaml).contains("openapi:"));
    }

    @Test
    void addressesThatAreLoopbackOnly() {
        assertThat(DevExposure.bindsLoopbackOnly("127.0.0.1")).isTrue();
        assertThat(DevExposure.bindsLoopbackOnly("::1")).isTrue();
        assertThat(DevExposure.bindsLoopbackOnly("127.0.0.2")).isTrue();
        assertThat(DevExposure.bindsLoopbackOnly("0.0.0.0")).isFalse();
        assertThat(DevExposure.bindsLoopbackOnly("::")).isFalse();
        assertThat(DevExposure.bindsLoopbackOnly("")).isFalse();
        assertThat(DevExposure.bindsLoopbackOnly(null)).isFalse();
    }
}
