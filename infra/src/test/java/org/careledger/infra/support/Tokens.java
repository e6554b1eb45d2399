package org.careledger.infra.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Gets bearer tokens from the local token issuer, as a newcomer would with curl. */
public final class Tokens {

    private final WebTestClient client;

    public Tokens(WebTestClient client) {
        this.client = client;
    }

    public String operator(String institutionId) {
        return issue(Map.of("role", "OPERATOR", "institutionId", institutionId));
    }

    public String inspector(String division) {
        return issue(Map.of("role", "INSPECTOR", "division", division));
    }

    public String officer(String division) {
        return issue(Map.of("role", "SUBSIDY_OFFICER", "division", division));
    }

    public String admin() {
        return issue(Map.of("role", "ADMIN"));
    }

    @SuppressWarnings("unchecked")
    public String issue(Map<String, String> request) {
        Map<String, Object> body = client.post().uri("/api/v1/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new LinkedHashMap<>(request))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class)
                .returnResult().getResponseBody();
        return (String) body.get("token");
    }
}
