package org.careledger.infra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.EventRows;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The filing command API over HTTP: success, every error code it can answer, and authorization. */
class FilingApiTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    private Tokens tokens;
    private Filings filings;
    private EventRows events;
    private String institutionId;
    private String operator;
    private String inspector;

    @BeforeEach
    void setUp() {
        tokens = new Tokens(client);
        filings = new Filings(client);
        events = new EventRows(jdbc);
        institutionId = UUID.randomUUID().toString();
        operator = tokens.operator(institutionId);
        inspector = tokens.inspector("3708");
    }

    private WebTestClient.ResponseSpec post(String token, String path, Object body) {
        return client.post().uri(path).headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private void expectProblem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code).jsonPath("$.status").isEqualTo(status);
    }

    private String fileOwn() {
        filings.file(operator, Filings.body(Filings.freshCreditCode(), "接口测试托育中心"));
        return institutionId;
    }

    // --- POST /institutions

    @Test
    void filingWithoutATokenIs401() {
        expectProblem(post(null, "/api/v1/institutions", Filings.body(Filings.freshCreditCode(), "x")), 401, "UNAUTHENTICATED");
    }

    @Test
    void anInspectorCannotFileAnInstitution() {
        expectProblem(post(inspector, "/api/v1/institutions", Filings.body(Filings.freshCreditCode(), "x")), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void aFilingWritesTheEventsWithTheirAuditMetadata() {
        client.post().uri("/api/v1/institutions").headers(h -> {
                    h.setBearerAuth(operator);
                    h.set("X-Correlation-Id", "trace-filing-1");
                }).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Filings.body(Filings.freshCreditCode(), "元数据测试托育中心"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.id").isEqualTo(institutionId).jsonPath("$.position").isNumber();
        // (the licence check may already have appended its answer: it runs in the background)
        assertThat(events.typesFor(institutionId)).startsWith("FilingSubmitted", "ClassOpened", "ClassOpened");
        assertThat(events.metaDataFor(institutionId).subList(0, 3)).allSatisfy(meta -> {
            assertThat(meta).containsEntry("correlationId", "trace-filing-1")
                    .containsEntry("actorRole", "OPERATOR")
                    .containsEntry("actorInstitutionId", institutionId)
                    .containsEntry("institutionId", institutionId)
                    .containsEntry("jurisdiction", "370830")
                    .containsKey("causationId")
                    .containsKey("actorId");
        });
    }

    @Test
    void invalidFieldsAreAllReportedAndNothingIsWritten() {
        Map<String, Object> body = new HashMap<>(Filings.body("91350100M000100Y4", ""));
        body.put("division", "999999");
        body.put("type", "CASTLE");
        body.put("location", Map.of("latitude", 95.0, "longitude", 116.0));
        body.put("classes", List.of(Map.of("name", "乳儿班", "classType", "INFANT", "places", 0)));
        post(operator, "/api/v1/institutions", body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("INVALID_INPUT")
                .jsonPath("$.errors[?(@.field == 'creditCode')].code").isEqualTo("INVALID_CREDIT_CODE")
                .jsonPath("$.errors[?(@.field == 'name')].code").isEqualTo("REQUIRED")
                .jsonPath("$.errors[?(@.field == 'division')].code").isEqualTo("INVALID_DIVISION_CODE")
                .jsonPath("$.errors[?(@.field == 'type')].code").isEqualTo("UNKNOWN_VALUE")
                .jsonPath("$.errors[?(@.field == 'location')].code").isEqualTo("INVALID_LOCATION")
                .jsonPath("$.errors[?(@.field == 'classes[0].places')].code").isEqualTo("OUT_OF_RANGE");
        assertThat(events.countFor(institutionId)).isZero();
    }

    @Test
    void aWellFormedDivisionCodeNotOnTheOfficialListIsRefused() {
        // 370872 looks like a county of 济宁 but no division has it (太白湖新区 is a functional zone without
        // a code); 370800 is 济宁市 itself, not a county-level division an institution can be filed in.
        for (String division : List.of("370872", "370800")) {
            Map<String, Object> body = Filings.body(Filings.freshCreditCode(), "无效区划托育中心", division, 35.38, 116.6,
                    List.of(Map.of("name", "乳儿班", "classType", "INFANT", "places", 5)));
            post(operator, "/api/v1/institutions", body)
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.code").isEqualTo("INVALID_INPUT")
                    .jsonPath("$.errors[?(@.field == 'division')].code").isEqualTo("INVALID_DIVISION_CODE");
        }
        assertThat(events.countFor(institutionId)).isZero();
    }

    @Test
    void aClassLargerThanTheNationalStandardIs409AndWritesNothing() {
        Map<String, Object> body = Filings.body(Filings.freshCreditCode(), "超额托育中心", "370830", 35.7, 116.5,
                List.of(Map.of("name", "乳儿班", "classType", "INFANT", "places", 11)));
        expectProblem(post(operator, "/api/v1/institutions", body), 409, "CLASS_CAPACITY_EXCEEDS_STANDARD");
        assertThat(events.countFor(institutionId)).isZero();
    }

    @Test
    void missingDocumentsAre409WithTheMissingOnesListed() {
        Map<String, Object> body = new HashMap<>(Filings.body(Filings.freshCreditCode(), "缺件托育中心"));
        body.put("documents", Filings.documents().subList(0, 2));
        post(operator, "/api/v1/institutions", body)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("FILING_DOCUMENTS_MISSING")
                .jsonPath("$.errors[*].code").value(codes -> assertThat(codes.toString()).contains("MISSING_FIRE_SAFETY_PROOF"));
    }

    @Test
    void aCreditCodeIsRegisteredOnlyOnce() {
        String code = Filings.freshCreditCode();
        filings.file(operator, Filings.body(code, "第一家托育中心"));
        String other = UUID.randomUUID().toString();
        expectProblem(post(tokens.operator(other), "/api/v1/institutions", Filings.body(code, "第二家托育中心")),
                409, "CREDIT_CODE_ALREADY_REGISTERED");
        assertThat(events.countFor(other)).isZero();
    }

    @Test
    void anInstitutionIsRegisteredOnlyOnce() {
        fileOwn();
        expectProblem(post(operator, "/api/v1/institutions", Filings.body(Filings.freshCreditCode(), "again")),
                409, "INSTITUTION_ALREADY_REGISTERED");
    }

    @Test
    void malformedJsonIs400AndAWrongContentTypeIs415() {
        expectProblem(post(operator, "/api/v1/institutions", "{\"creditCode\": [1,"), 400, "MALFORMED_REQUEST");
        expectProblem(post(operator, "/api/v1/institutions", "{\"classes\": \"many\"}"), 400, "MALFORMED_REQUEST");
        client.post().uri("/api/v1/institutions").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("hello")
                .exchange().expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.code").isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void anOversizedBodyIs413() {
        Map<String, Object> body = new HashMap<>(Filings.body(Filings.freshCreditCode(), "x"));
        body.put("address", "很".repeat(400_000));
        expectProblem(post(operator, "/api/v1/institutions", body), 413, "PAYLOAD_TOO_LARGE");
    }

    // --- the filing lifecycle

    @Test
    void theLifecycleRunsThroughItsEndpoints() {
        fileOwn();
        String base = "/api/v1/institutions/" + institutionId;
        post(inspector, base + "/filing/reject", Map.of("reasons", List.of("房屋证明不清"))).expectStatus().isOk();
        Map<String, Object> amend = new HashMap<>(Filings.body(Filings.freshCreditCode(), "接口测试托育中心（更名）"));
        amend.put("reason", "补正材料");
        post(operator, base + "/filing/amend", amend).expectStatus().isOk();
        filings.approve(inspector, institutionId);
        post(tokens.officer("3708"), base + "/puhui", Map.of("granted", true, "effectiveFrom", "2026-01-01")).expectStatus().isOk();
        post(inspector, base + "/filing/suspend", Map.of("reason", "整改")).expectStatus().isOk();
        post(inspector, base + "/filing/reinstate", Map.of("reason", "整改完成")).expectStatus().isOk();
        post(tokens.officer("37"), base + "/puhui", Map.of("granted", false, "effectiveFrom", "2026-06-01", "reason", "超价"))
                .expectStatus().isOk();
        post(inspector, base + "/filing/revoke", Map.of("reason", "严重违规")).expectStatus().isOk();
        assertThat(events.typesFor(institutionId)).containsSubsequence("FilingSubmitted", "FilingRejected",
                "FilingAmended", "FilingApproved", "PuhuiStatusGranted", "FilingSuspended", "FilingReinstated",
                "PuhuiStatusWithdrawn", "FilingRevoked");
        // a revoked filing is final
        expectProblem(post(inspector, base + "/filing/approve", Map.of()), 409, "ILLEGAL_FILING_TRANSITION");
        expectProblem(post(operator, base + "/filing/deregister", Map.of()), 409, "ILLEGAL_FILING_TRANSITION");
    }

    @Test
    void approvalIsForInspectorsOfTheJurisdictionOnly() {
        fileOwn();
        String approve = "/api/v1/institutions/" + institutionId + "/filing/approve";
        expectProblem(post(operator, approve, Map.of()), 403, "FORBIDDEN_ROLE");
        expectProblem(post(tokens.inspector("3301"), approve, Map.of()), 403, "NOT_IN_JURISDICTION");
        expectProblem(post(tokens.officer("3708"), approve, Map.of()), 403, "FORBIDDEN_ROLE");
        filings.approve(tokens.admin(), institutionId);
        expectProblem(post(inspector, approve, Map.of()), 409, "ILLEGAL_FILING_TRANSITION");
    }

    @Test
    void anotherInstitutionsOperatorCannotTouchThisOne() {
        fileOwn();
        String stranger = tokens.operator(UUID.randomUUID().toString());
        expectProblem(post(stranger, "/api/v1/institutions/" + institutionId + "/classes",
                Map.of("name", "新班", "classType", "INFANT", "places", 5)), 403, "NOT_IN_JURISDICTION");
        expectProblem(post(stranger, "/api/v1/institutions/" + institutionId + "/filing/deregister", Map.of()),
                403, "NOT_IN_JURISDICTION");
    }

    @Test
    void unknownAndMalformedIdsAre404And400() {
        expectProblem(post(inspector, "/api/v1/institutions/" + UUID.randomUUID() + "/filing/approve", Map.of()), 404, "NOT_FOUND");
        expectProblem(post(inspector, "/api/v1/institutions/not-a-uuid/filing/approve", Map.of()), 400, "INVALID_IDENTIFIER");
    }

    @Test
    void reasonsAreRequiredWhereTheRulesSaySo() {
        fileOwn();
        String base = "/api/v1/institutions/" + institutionId;
        expectProblem(post(inspector, base + "/filing/reject", Map.of("reasons", List.of())), 400, "INVALID_INPUT");
        filings.approve(inspector, institutionId);
        expectProblem(post(inspector, base + "/filing/suspend", Map.of()), 400, "INVALID_INPUT");
        expectProblem(post(inspector, base + "/puhui", Map.of("granted", true)), 400, "INVALID_INPUT");
    }

    @Test
    void classesAreOpenedResizedAndClosed() {
        fileOwn();
        String base = "/api/v1/institutions/" + institutionId + "/classes";
        String classId = client.post().uri(base).headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "托大班", "classType", "OLDER_TODDLER", "places", 20))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        post(operator, base + "/" + classId + "/resize", Map.of("places", 18)).expectStatus().isOk();
        expectProblem(post(operator, base + "/" + classId + "/resize", Map.of("places", 21)), 409, "CLASS_CAPACITY_EXCEEDS_STANDARD");
        post(operator, base + "/" + classId + "/close", Map.of("reason", "合班")).expectStatus().isOk();
        expectProblem(post(operator, base + "/" + classId + "/close", Map.of()), 409, "CLASS_CLOSED");
        expectProblem(post(operator, base + "/" + UUID.randomUUID() + "/resize", Map.of("places", 5)), 404, "CLASS_NOT_FOUND");
        expectProblem(post(inspector, base, Map.of("name", "x", "classType", "INFANT", "places", 5)), 403, "FORBIDDEN_ROLE");
    }
}
