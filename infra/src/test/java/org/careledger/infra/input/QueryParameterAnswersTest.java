package org.careledger.infra.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The query endpoints bind their query strings into parameter records (HistoryQuery, LedgerQuery,
 * SupervisionFilter, the public Search) and answer exactly as their {@code @RequestParam}s did: a
 * value not of its type is 400 MALFORMED_REQUEST with the same detail, a repeated parameter counts
 * by its first value, and neither a request header (QueryStringBinding), a form body (JsonBodyFilter)
 * nor Spring's {@code !name}/{@code _name} form prefixes fill a field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryParameterAnswersTest extends IntegrationTest {

    private static final String NOT_OF_ITS_TYPE = "The request body is not valid JSON of the expected shape";

    @Autowired
    WebTestClient client;

    private String admin;
    private String history;

    @BeforeAll
    void tokens() {
        admin = new Tokens(client).admin();
        history = "/api/v1/inspector/institutions/" + UUID.randomUUID() + "/history";
    }

    private WebTestClient.BodyContentSpec get(String uri, String header, int status) {
        return client.get().uri(uri).headers(h -> {
            if (!uri.startsWith("/api/v1/public/")) {
                h.setBearerAuth(admin);
            }
            if (header != null) {
                h.add(header.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 1));
            }
        }).exchange().expectStatus().isEqualTo(status).expectBody();
    }

    private void problem(String uri, String header, int status, String code, String detail) {
        get(uri, header, status).jsonPath("$.code").isEqualTo(code).jsonPath("$.detail").isEqualTo(detail);
    }

    @Test
    void aValueNotOfItsTypeIsAMalformedRequest() {
        for (String uri : new String[] {"/api/v1/supervision/institutions?size=abc", "/api/v1/supervision/institutions?page=x",
                "/api/v1/supervision/institutions?minPosition=x", "/api/v1/subsidies?size=abc", "/api/v1/subsidies?page=x",
                "/api/v1/subsidies?minPosition=x", history + "?limit=abc", history + "?after=x", history + "?minPosition=x",
                "/api/v1/public/institutions?size=abc", "/api/v1/public/institutions?page=x",
                "/api/v1/public/institutions?puhui=maybe", "/api/v1/public/institutions?radiusKm=far",
                "/api/v1/public/institutions?hasVacancy=x", "/api/v1/public/institutions?minPosition=x",
                "/api/v1/public/institutions?size=1.5", "/api/v1/public/institutions?size=99999999999",
                "/api/v1/public/institutions?size=x&size=1"}) {
            problem(uri, null, 400, "MALFORMED_REQUEST", NOT_OF_ITS_TYPE);
        }
    }

    @Test
    void valuesOfTheirTypeAreCheckedByTheEndpointAsBefore() {
        problem(history + "?after=-1", null, 400, "INVALID_QUERY", "limit is 1..10000 and after is a position ≥ 0");
        problem(history + "?time=x&time=y", null, 400, "INVALID_QUERY", "time is recorded or business");
        problem("/api/v1/supervision/institutions?status=FILED&status=SUBMITTED", null, 400, "INVALID_QUERY",
                "Invalid query parameters");
    }

    @Test
    void aRepeatedParameterCountsByItsFirstValueAndAnEmptyOneIsAbsent() {
        get("/api/v1/supervision/institutions?size=1&size=2", null, 200).jsonPath("$.size").isEqualTo(1);
        get("/api/v1/subsidies?size=1&size=2", null, 200).jsonPath("$.size").isEqualTo(1);
        get("/api/v1/public/institutions?size=1&size=2", null, 200).jsonPath("$.size").isEqualTo(1);
        get("/api/v1/supervision/institutions?size=", null, 200).jsonPath("$.size").isEqualTo(20);
        get("/api/v1/public/institutions?puhui=&hasVacancy=", null, 200).jsonPath("$.size").isEqualTo(20);
    }

    @Test
    void noHeaderFillsAQueryField() {
        for (Map.Entry<String, String> probe : Map.of("/api/v1/supervision/institutions", "size:5",
                "/api/v1/subsidies", "kind:NOPE", "/api/v1/public/institutions", "puhui:maybe").entrySet()) {
            get(probe.getKey(), probe.getValue(), 200).jsonPath("$.size").isEqualTo(20);
        }
        get("/api/v1/supervision/institutions", "status:NOPE", 200).jsonPath("$.size").isEqualTo(20);
        // the limit 0 would be refused before the institution is looked up
        problem(history, "limit:0", 404, "INSTITUTION_NOT_FOUND", "No such institution");
    }

    @Test
    void noFormBodyFillsAQueryField() {
        for (String uri : new String[] {"/api/v1/supervision/institutions", "/api/v1/subsidies", "/api/v1/public/institutions"}) {
            client.method(HttpMethod.GET).uri(uri).headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("size=5&puhui=maybe")
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.size").isEqualTo(20);
        }
    }

    @Test
    void onlyTheExactNameFillsAField() {
        get("/api/v1/supervision/institutions?!size=3", null, 200).jsonPath("$.size").isEqualTo(20);
        get("/api/v1/supervision/institutions?_size=3", null, 200).jsonPath("$.size").isEqualTo(20);
        get("/api/v1/public/institutions?!type=NOPE&_puhui=1", null, 200).jsonPath("$.size").isEqualTo(20);
        problem(history + "?!limit=0", null, 404, "INSTITUTION_NOT_FOUND", "No such institution");
    }
}
