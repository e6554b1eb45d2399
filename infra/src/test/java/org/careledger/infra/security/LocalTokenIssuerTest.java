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
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

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
    void callersCannotChooseTheSubject() {
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "ADMIN", "subject", "zhang.san"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.code").isEqualTo("INVALID_INPUT")
                .jsonPath("$.errors[0].field").isEqualTo("subject")
                .jsonPath("$.errors[0].code").isEqualTo("NOT_ALLOWED");
    }

    @Test
    void eachTokenHasItsOwnSubjectAndEventsRecordIt() {
        String id = java.util.UUID.randomUUID().toString();
        Map<?, ?> first = issue(Map.of("role", "OPERATOR", "institutionId", id));
        Map<?, ?> second = issue(Map.of("role", "OPERATOR", "institutionId", id));
        assertThat(first.get("subject")).isNotEqualTo(second.get("subject"));
        assertThat(ForgedTokens.payload((String) first.get("token"))).containsEntry("sub", first.get("subject"));

        new org.careledger.infra.support.Filings(client).file((String) first.get("token"),
                org.careledger.infra.support.Filings.body(org.careledger.infra.support.Filings.freshCreditCode(), "主体测试托育中心"));
        assertThat(new org.careledger.infra.support.EventRows(jdbc).metaDataFor(id))
                .isNotEmpty()
                .allSatisfy(meta -> assertThat(meta).containsEntry("actorId", first.get("subject")));
    }

    @Test
    void issuedTokensExpireWithinTheCap() {
        Map<?, ?> token = issue(Map.of("role", "ADMIN"));
        Map<String, Object> claims = ForgedTokens.payload((String) token.get("token"));
        long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
        assertThat(lifetime).isPositive().isLessThanOrEqualTo(12 * 3600);
    }

    private Map<?, ?> issue(Map<String, String> body) {
        return client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
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
    void anInspectorTokenForADivisionNotOnTheOfficialListIsRefused() {
        // 370872 has the form of a county of 济宁, but no division has that code
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "INSPECTOR", "division", "370872"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.code").isEqualTo("INVALID_INPUT")
                .jsonPath("$.errors[0].field").isEqualTo("division")
                .jsonPath("$.errors[0].code").isEqualTo("INVALID_DIVISION_CODE");
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
