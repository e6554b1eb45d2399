package org.careledger.infra.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.kernel.value.InputRules;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 12 §2: what is stored is plausible. Dates outside their documented window
 * (docs/input-rules.md), over-long text and the purpose of a personal-data view outside the
 * documented list are refused with 400 and the field, and nothing is written.
 */
class PlausibleInputTest extends OperatorInputTest {

    private static final LocalDate TODAY = InputRules.today();


    private WebTestClient.BodyContentSpec refused(String token, String path, Object body, String code) {
        return client.post().uri(path).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }

    @Test
    void aMedicalAgreementValidForEverIsRefused() {
        long before = events.total();
        refused(operator, "/api/v1/institutions/" + institutionId + "/medical-agreements",
                Map.of("partnerName", "汶上县人民医院", "signedOn", TODAY.minusDays(3).toString(), "validUntil", "+999999999-12-31"),
                "INVALID_INPUT")
                .jsonPath("$.errors[?(@.field == 'validUntil')].code").isEqualTo("INVALID_DATE");
        refused(operator, "/api/v1/institutions/" + institutionId + "/medical-agreements",
                Map.of("partnerName", "汶上县人民医院", "signedOn", TODAY.minusDays(3).toString(), "validUntil", "9999-12-31"),
                "INVALID_INPUT")
                .jsonPath("$.errors[?(@.field == 'validUntil')].code").isEqualTo("OUT_OF_RANGE");
        refused(operator, "/api/v1/institutions/" + institutionId + "/medical-agreements",
                Map.of("partnerName", "汶上县人民医院", "signedOn", TODAY.plusDays(10).toString()), "INVALID_INPUT")
                .jsonPath("$.errors[?(@.field == 'signedOn')].code").isEqualTo("OUT_OF_RANGE");
        refused(operator, "/api/v1/institutions/" + institutionId + "/medical-agreements",
                Map.of("partnerName", "汶上县人民医院", "signedOn", TODAY.toString(), "validUntil", TODAY.minusDays(1).toString()),
                "INVALID_INPUT")
                .jsonPath("$.errors[?(@.field == 'validUntil')].code").isEqualTo("BEFORE_START");
        assertThat(events.total()).isEqualTo(before);
    }

    @Test
    void aContractEndingIn9999IsRefused() {
        Map<String, Object> contract = new HashMap<>(Map.of("serviceType", "FULL_DAY", "startsOn", TODAY.toString(),
                "endsOn", "9999-12-31", "fees", List.of(Map.of("item", "保育费", "amountFen", 150000, "unit", "PER_MONTH")),
                "refundStandard", "按日退还", "disputeResolution", "协商", "prepaidMonths", 1));
        refused(operator, "/api/v1/institutions/" + institutionId + "/enrolments",
                Map.of("childRef", UUID.randomUUID().toString(), "classId", UUID.randomUUID().toString(), "contract", contract),
                "INVALID_INPUT")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("contract.endsOn")
                .jsonPath("$.errors[0].code").isEqualTo("OUT_OF_RANGE");
        contract.put("endsOn", TODAY.plusYears(1).toString());
        contract.put("startsOn", "1900-01-01");
        refused(operator, "/api/v1/institutions/" + institutionId + "/enrolments",
                Map.of("childRef", UUID.randomUUID().toString(), "classId", UUID.randomUUID().toString(), "contract", contract),
                "INVALID_INPUT")
                .jsonPath("$.errors[0].field").isEqualTo("contract.startsOn");
    }

    @Test
    void aDocumentIssuedInTheFutureIsRefused() {
        Map<String, Object> body = new HashMap<>(Filings.body(Filings.freshCreditCode(), "日期测试托育中心"));
        List<Map<String, Object>> documents = new ArrayList<>(Filings.documents());
        documents.set(0, Map.of("type", "FILING_FORM_AND_PLEDGE", "reference", "F-1", "issuedOn", TODAY.plusDays(1).toString()));
        body.put("documents", documents);
        refused(operator, "/api/v1/institutions", body, "INVALID_INPUT")
                .jsonPath("$.errors[0].field").isEqualTo("documents[0].issuedOn")
                .jsonPath("$.errors[0].code").isEqualTo("OUT_OF_RANGE");
        assertThat(events.countFor(institutionId)).isZero();
    }

    @Test
    void datesMustBeWrittenYyyyMmDd() {
        refused(tokens.officer("3708"), "/api/v1/subsidies/" + UUID.randomUUID() + "/payment",
                Map.of("paidOn", "2026-1-5", "reference", "x"), "INVALID_INPUT")
                .jsonPath("$.errors[0].field").isEqualTo("paidOn")
                .jsonPath("$.errors[0].code").isEqualTo("INVALID_DATE");
        refused(tokens.officer("3708"), "/api/v1/subsidies/" + UUID.randomUUID() + "/payment",
                Map.of("paidOn", "+2026-01-05", "reference", "x"), "INVALID_INPUT")
                .jsonPath("$.errors[0].code").isEqualTo("INVALID_DATE");
    }

    @Test
    void anInspectionInTheFutureWithADeadlineCenturiesAwayIsRefused() {
        refused(tokens.inspector("3708"), "/api/v1/inspections", Map.of("institutionId", institutionId,
                "type", "RANDOM_SPOT_CHECK", "inspectedOn", TODAY.plusYears(1).toString(),
                "findings", List.of(Map.of("category", "FIRE_SAFETY", "severity", "MINOR", "description", "x")),
                "orders", List.of(Map.of("findingIndex", 0, "requirement", "fix", "deadline", "2999-01-01"))), "INVALID_INPUT")
                .jsonPath("$.errors[?(@.field == 'inspectedOn')].code").isEqualTo("OUT_OF_RANGE")
                .jsonPath("$.errors[?(@.field == 'orders[0].deadline')].code").isEqualTo("OUT_OF_RANGE");
    }

    @Test
    void anErasureReasonHasAMaximumLength() {
        refused(tokens.admin(), "/api/v1/admin/children/" + UUID.randomUUID() + "/erase",
                Map.of("reason", "x".repeat(InputRules.MAX_REASON + 1)), "INVALID_INPUT")
                .jsonPath("$.errors[0].field").isEqualTo("reason")
                .jsonPath("$.errors[0].code").isEqualTo("TOO_LONG");
    }

    @Test
    void thePurposeOfAPersonalDataViewComesFromTheDocumentedList() {
        String child = UUID.randomUUID().toString();
        String inspector = tokens.inspector("3708");
        long before = events.total();
        for (String query : List.of("", "?purpose=", "?purpose=%20", "?purpose=curiosity", "?purpose=%E2%80%AE%00x",
                "?purpose=OTHER", "?purpose=INSPECTION&note=" + "n".repeat(201))) {
            client.get().uri("/api/v1/children/" + child + "/personal-data" + query).headers(h -> h.setBearerAuth(inspector))
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("INVALID_QUERY")
                    .jsonPath("$.errors[0].field").value(field -> assertThat(field).isIn("purpose", "note"));
        }
        assertThat(events.total()).isEqualTo(before);
    }
}
