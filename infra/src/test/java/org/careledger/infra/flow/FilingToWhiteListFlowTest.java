package org.careledger.infra.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The README walk-through as a test: file, approve, find on the white-list and in supervision. */
class FilingToWhiteListFlowTest extends IntegrationTest {

    @Autowired
    WebTestClient client;

    @Test
    void aFilingApprovedByTheInspectorAppearsOnTheWhiteListAndInSupervision() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String institutionId = java.util.UUID.randomUUID().toString();
        String operator = tokens.operator(institutionId);
        String inspector = tokens.inspector("3708");

        Filings.Accepted filed = filings.file(operator, Filings.body(Filings.freshCreditCode(), "汶上县流程测试托育中心"));
        assertThat(filed.id()).isEqualTo(institutionId);
        assertThat(filed.position()).isPositive();

        // submitted but not approved: never on the white-list
        client.get().uri("/api/v1/public/institutions?q=流程测试&minPosition=" + filed.position())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);

        Filings.Accepted approved = filings.approve(inspector, institutionId);
        assertThat(approved.position()).isGreaterThan(filed.position());

        Map<?, ?> page = client.get().uri("/api/v1/public/institutions?q=流程测试&minPosition=" + approved.position())
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(page.get("total")).isEqualTo(1);
        Map<?, ?> item = (Map<?, ?>) ((List<?>) page.get("items")).get(0);
        assertThat(item.get("name")).isEqualTo("汶上县流程测试托育中心");
        assertThat(item.get("status")).isEqualTo("FILED");
        assertThat(item.get("totalPlaces")).isEqualTo(25);
        String filingNumber = (String) item.get("filingNumber");
        assertThat(filingNumber).matches("TY370830\\d{10}");
        assertThat(item.containsKey("contactPhone")).isFalse();

        client.get().uri("/api/v1/public/institutions/" + filingNumber)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("汶上县流程测试托育中心")
                .jsonPath("$.classes.length()").isEqualTo(2);

        client.get().uri("/api/v1/supervision/institutions?division=370830&minPosition=" + approved.position())
                .headers(h -> h.setBearerAuth(inspector))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class)
                .value(p -> assertThat((List<?>) p.get("items")).anySatisfy(i -> {
                    Map<?, ?> m = (Map<?, ?>) i;
                    assertThat(m.get("institutionId")).isEqualTo(institutionId);
                    assertThat(m.get("status")).isEqualTo("FILED");
                    assertThat(((Map<?, ?>) m.get("places")).get("INFANT")).isEqualTo(10);
                }));
    }
}
