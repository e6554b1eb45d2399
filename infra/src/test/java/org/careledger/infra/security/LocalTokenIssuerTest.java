package org.careledger.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class LocalTokenIssuerTest extends IntegrationTest {

    @Autowired
    WebTestClient client;

    @Test
    void anOperatorTokenWithoutInstitutionGetsAFreshInstitutionId() {
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "OPERATOR"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.token").isNotEmpty()
                .jsonPath("$.role").isEqualTo("OPERATOR")
                .jsonPath("$.institutionId").value(id -> assertThat((String) id).hasSize(36));
    }

    @Test
    void anInspectorTokenNeedsADivisionPrefix() {
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "INSPECTOR", "division", "370"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("INVALID_INPUT")
                .jsonPath("$.errors[0].field").isEqualTo("division");
    }

    @Test
    void unknownRolesAreRefusedWithAFieldError() {
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "SUPERUSER"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.code").isEqualTo("INVALID_INPUT")
                .jsonPath("$.errors[0].code").isEqualTo("INVALID_ROLE");
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"role\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("MALFORMED_REQUEST")
                .jsonPath("$.status").isEqualTo(400);
    }

    @Test
    void aProtectedPathWithoutATokenAnswers401Problem() {
        client.get().uri("/api/v1/supervision/institutions")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aForgedTokenAnswers401() {
        client.get().uri("/api/v1/supervision/institutions")
                .headers(h -> h.setBearerAuth("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void anUnknownPathIsA404Problem() {
        String token = new Tokens(client).admin();
        client.get().uri("/api/v1/no-such-thing")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("NOT_FOUND");
    }
}
