package org.careledger.infra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The supervision list: jurisdiction scoping for every role, filters, and read-your-writes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisionApiTest extends IntegrationTest {

    @Autowired
    WebTestClient client;

    private Tokens tokens;
    private String inHangzhou;
    private String inGuangzhou;
    private long position;

    @BeforeAll
    void fileInTwoCities() {
        tokens = new Tokens(client);
        Filings filings = new Filings(client);
        inHangzhou = UUID.randomUUID().toString();
        inGuangzhou = UUID.randomUUID().toString();
        filings.file(tokens.operator(inHangzhou), Filings.body(Filings.freshCreditCode(), "滨江区监管测试托育中心", "330108",
                30.2, 120.2, List.of(Map.of("name", "托大班", "classType", "OLDER_TODDLER", "places", 20))));
        position = filings.file(tokens.operator(inGuangzhou), Filings.body(Filings.freshCreditCode(), "天河区监管测试托育中心",
                "440106", 23.1, 113.3, List.of(Map.of("name", "乳儿班", "classType", "INFANT", "places", 10)))).position();
        position = Math.max(position, filings.approve(tokens.inspector("3301"), inHangzhou).position());
    }

    private List<String> ids(String token, String query) {
        Map<?, ?> page = client.get().uri("/api/v1/supervision/institutions?minPosition=" + position + "&size=100&" + query)
                .headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) page.get("items")).stream().map(i -> (String) ((Map<?, ?>) i).get("institutionId")).toList();
    }

    @Test
    void anInspectorSeesOnlyTheirJurisdiction() {
        List<String> seen = ids(tokens.inspector("33"), "");
        assertThat(seen).contains(inHangzhou).doesNotContain(inGuangzhou);
        assertThat(ids(tokens.officer("44"), "")).contains(inGuangzhou).doesNotContain(inHangzhou);
    }

    @Test
    void anAdministratorSeesEveryDivision() {
        assertThat(ids(tokens.admin(), "")).contains(inHangzhou, inGuangzhou);
    }

    @Test
    void filtersNarrowTheList() {
        assertThat(ids(tokens.admin(), "status=FILED&division=33")).contains(inHangzhou).doesNotContain(inGuangzhou);
        assertThat(ids(tokens.admin(), "status=SUBMITTED&division=44")).contains(inGuangzhou);
        assertThat(ids(tokens.admin(), "type=FAMILY_CARE_POINT&division=33")).doesNotContain(inHangzhou);
    }

    @Test
    void askingForADivisionOutsideTheJurisdictionIs403() {
        client.get().uri("/api/v1/supervision/institutions?division=44").headers(h -> h.setBearerAuth(tokens.inspector("33")))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("NOT_IN_JURISDICTION");
    }

    @Test
    void operatorsDoNotSeeTheSupervisionList() {
        client.get().uri("/api/v1/supervision/institutions").headers(h -> h.setBearerAuth(tokens.operator(inHangzhou)))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
    }

    @Test
    void aPositionTheViewCannotReachAnswers503WithRetryAfter() {
        client.get().uri("/api/v1/supervision/institutions?minPosition=999999999")
                .headers(h -> h.setBearerAuth(tokens.admin()))
                .exchange().expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody().jsonPath("$.code").isEqualTo("PROJECTION_NOT_CAUGHT_UP");
    }

    @Test
    void badFiltersAre400() {
        client.get().uri("/api/v1/supervision/institutions?status=GONE").headers(h -> h.setBearerAuth(tokens.admin()))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_QUERY");
    }
}
