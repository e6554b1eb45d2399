package org.careledger.infra.children;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.EventRows;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.child.CitizenId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Children's privacy by design: personal data only in the encrypted store, never in an event or a
 * public answer; every view recorded; erasure makes it unreadable while history stays.
 */
class ChildPrivacyTest extends IntegrationTest {

    private static final String NAME = "王小明";
    private static final LocalDate BIRTH = LocalDate.now().minusMonths(14).withDayOfMonth(9);

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    private static String citizenId(int sequence) {
        String first17 = "370830" + BIRTH.toString().replace("-", "") + String.format("%03d", sequence);
        return first17 + CitizenId.checkCharacterFor(first17);
    }

    private Map<String, Object> child(String citizenId) {
        return Map.of("name", NAME, "citizenId", citizenId, "birthDate", BIRTH.toString(),
                "guardianName", "王大明", "guardianPhone", "138-0537-0000");
    }

    private String register(String token, String institution, Map<String, Object> body) {
        return (String) client.post().uri("/api/v1/institutions/" + institution + "/children").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    @Test
    void personalDataIsStoredEncryptedSeenOnlyWithARecordedViewAndErasedWithoutTouchingHistory() {
        Tokens tokens = new Tokens(client);
        EventRows events = new EventRows(jdbc);
        String institution = UUID.randomUUID().toString();
        String operator = tokens.operator(institution);
        new Filings(client).file(operator, Filings.body(Filings.freshCreditCode(), "隐私测试托育中心"));
        String id = citizenId(101);

        String child = register(operator, institution, child(id));

        // the same child registered again keeps its reference and writes nothing
        assertThat(register(operator, institution, child(id))).isEqualTo(child);
        assertThat(events.typesFor(child)).containsExactly("ChildRegistered");

        // nothing personal in the event store, nor in plain text in the protected store
        // (an enrolment carries the birth date, since ages are counted to the day: ADR 0022; nothing else does)
        String allEvents = String.join("\n", jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                        + "WHERE payload_type NOT LIKE '%ChildEnrolled'", String.class));
        assertThat(allEvents).doesNotContain(NAME).doesNotContain(id).doesNotContain(BIRTH.toString()).doesNotContain("138-0537");
        byte[] ciphertext = jdbc.queryForObject("SELECT ciphertext FROM child_personal_data WHERE child_ref = ?", byte[].class, child);
        assertThat(new String(ciphertext, StandardCharsets.UTF_8)).doesNotContain(NAME).doesNotContain(id);
        assertThat(jdbc.queryForList("SELECT citizen_hmac FROM child_identity", String.class)).doesNotContain(id);

        // the institution reads it; the view is an event naming the viewer
        client.get().uri("/api/v1/children/" + child + "/personal-data?purpose=ENROLMENT_CHECK&note=入托登记核对").headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo(NAME).jsonPath("$.citizenId").isEqualTo(id)
                .jsonPath("$.erased").isEqualTo(false);
        client.get().uri("/api/v1/children/" + child + "/personal-data?purpose=INSPECTION").headers(h -> h.setBearerAuth(tokens.inspector("3708")))
                .exchange().expectStatus().isOk();
        assertThat(events.typesFor(child)).containsExactly("ChildRegistered", "ChildPersonalDataViewed", "ChildPersonalDataViewed");
        assertThat(events.payloadsFor(child).get(1)).contains("\"purpose\":\"ENROLMENT_CHECK: 入托登记核对\"");
        assertThat(events.metaDataFor(child).get(2)).containsEntry("actorRole", "INSPECTOR");

        // others see nothing and leave no view
        client.get().uri("/api/v1/children/" + child + "/personal-data?purpose=INSPECTION").headers(h -> h.setBearerAuth(tokens.inspector("3301")))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("NOT_IN_JURISDICTION");
        client.get().uri("/api/v1/children/" + child + "/personal-data?purpose=INSPECTION")
                .headers(h -> h.setBearerAuth(tokens.operator(UUID.randomUUID().toString())))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/children/" + child + "/personal-data?purpose=INSPECTION").headers(h -> h.setBearerAuth(tokens.officer("3708")))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
        assertThat(events.countFor(child)).isEqualTo(3);

        // erasure: administrators only, with a reason
        client.post().uri("/api/v1/admin/children/" + child + "/erase").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "x")).exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/admin/children/" + child + "/erase").headers(h -> h.setBearerAuth(tokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "监护人依法申请删除（2026-11-23）"))
                .exchange().expectStatus().isOk();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child_key WHERE child_ref = ?", Integer.class, child)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child_personal_data WHERE child_ref = ?", Integer.class, child))
                .as("the ciphertext stays, unreadable").isEqualTo(1);
        client.get().uri("/api/v1/children/" + child + "/personal-data?purpose=INSPECTION").headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isEqualTo(410).expectBody().jsonPath("$.code").isEqualTo("PERSONAL_DATA_ERASED");
        assertThat(events.typesFor(child)).containsExactly("ChildRegistered", "ChildPersonalDataViewed",
                "ChildPersonalDataViewed", "ChildPersonalDataErased");
    }

    @Test
    void invalidIdentitiesAreRefusedAndWriteNothing() {
        Tokens tokens = new Tokens(client);
        String institution = UUID.randomUUID().toString();
        String operator = tokens.operator(institution);
        new Filings(client).file(operator, Filings.body(Filings.freshCreditCode(), "校验测试托育中心"));
        // counted by type: the institution's licence check appends events in the background meanwhile
        String childEvents = "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE 'org.careledger.kernel.child.%'";
        Integer before = jdbc.queryForObject(childEvents, Integer.class);
        Integer identitiesBefore = jdbc.queryForObject("SELECT count(*) FROM child_identity", Integer.class);
        String good = citizenId(202);
        String badCheck = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
        client.post().uri("/api/v1/institutions/" + institution + "/children").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "", "citizenId", badCheck, "birthDate", "2099-01-01", "guardianName", "x",
                        "guardianPhone", "call me"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_INPUT")
                .jsonPath("$.errors[?(@.field == 'citizenId')].code").isEqualTo("INVALID_CITIZEN_ID")
                .jsonPath("$.errors[?(@.field == 'name')].code").isEqualTo("REQUIRED")
                .jsonPath("$.errors[?(@.field == 'guardianPhone')].code").isEqualTo("INVALID_PHONE");
        Map<String, Object> mismatch = Map.of("name", NAME, "citizenId", good, "birthDate", BIRTH.minusDays(1).toString(),
                "guardianName", "x", "guardianPhone", "13800000000");
        client.post().uri("/api/v1/institutions/" + institution + "/children").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(mismatch)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'birthDate')].code").isEqualTo("BIRTH_DATE_MISMATCH");
        client.post().uri("/api/v1/institutions/" + UUID.randomUUID() + "/children")
                .headers(h -> h.setBearerAuth(tokens.admin())).contentType(MediaType.APPLICATION_JSON).bodyValue(child(citizenId(203)))
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("INSTITUTION_NOT_FOUND");
        client.post().uri("/api/v1/institutions/" + institution + "/children")
                .headers(h -> h.setBearerAuth(tokens.operator(UUID.randomUUID().toString())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(child(citizenId(204)))
                .exchange().expectStatus().isForbidden();
        assertThat(jdbc.queryForObject(childEvents, Integer.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child_identity", Integer.class)).isEqualTo(identitiesBefore);
    }

    @Test
    void noPublicAnswerEverContainsAChildsPersonalData() {
        Tokens tokens = new Tokens(client);
        String institution = UUID.randomUUID().toString();
        String operator = tokens.operator(institution);
        Filings filings = new Filings(client);
        filings.file(operator, Filings.body(Filings.freshCreditCode(), "公开扫描托育中心"));
        long position = filings.approve(tokens.inspector("3708"), institution).position();
        String id = citizenId(305);
        String child = register(operator, institution, child(id));
        // the child is enrolled and attends, so the views hold it (by reference) when they are scanned
        client.post().uri("/api/v1/children/" + child + "/health-checks").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("kind", "ENTRY", "outcome", "NORMAL",
                        "checkedOn", LocalDate.now().minusDays(2).toString(), "details", NAME + "体检正常"))
                .exchange().expectStatus().isCreated();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> classes = (List<Map<String, Object>>) client.get()
                .uri("/api/v1/supervision/institutions/" + institution + "/care?minPosition=" + position)
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("classes");
        String toddlers = (String) classes.stream().filter(c -> "YOUNG_TODDLER".equals(c.get("classType")))
                .findFirst().orElseThrow().get("classId");
        LocalDate start = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        @SuppressWarnings("unchecked")
        Map<String, Object> enrolled = client.post().uri("/api/v1/institutions/" + institution + "/enrolments")
                .headers(h -> h.setBearerAuth(operator)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("childRef", child, "classId", toddlers, "contract", Map.of("serviceType", "FULL_DAY",
                        "startsOn", start.toString(), "endsOn", start.plusMonths(6).toString(),
                        "fees", List.of(Map.of("item", "保育费", "amountFen", 150000, "unit", "PER_MONTH")),
                        "refundStandard", "按日退还", "disputeResolution", "协商", "prepaidMonths", 1)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        long enrolledAt = ((Number) enrolled.get("position")).longValue();
        @SuppressWarnings("unchecked")
        Map<String, Object> listed = client.get().uri("/api/v1/public/institutions?q=公开扫描&minPosition=" + enrolledAt)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = ((List<Map<String, Object>>) listed.get("items")).get(0);
        for (String path : List.of("/api/v1/public/institutions?size=100&minPosition=" + enrolledAt,
                "/api/v1/public/institutions?q=公开扫描", "/api/v1/public/institutions?division=37",
                "/api/v1/public/institutions?hasVacancy=true&division=3708",
                "/api/v1/public/institutions/" + entry.get("filingNumber"),
                "/api/v1/public/certificates/" + entry.get("certificateNumber") + "?minPosition=" + enrolledAt,
                "/api/v1/public/certificates/public-key")) {
            String body = client.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
                    .returnResult().getResponseBody();
            assertThat(body).as(path).doesNotContain(NAME).doesNotContain(id).doesNotContain(BIRTH.toString())
                    .doesNotContain("王大明").doesNotContain("138-0537").doesNotContain(child)
                    .doesNotContain(BIRTH.toString().replace("-", ""));
        }
    }

    @Test
    void healthCheckFindingsAreStoredEncryptedAndTheEventCarriesTheOutcomeOnly() {
        Tokens tokens = new Tokens(client);
        String institution = UUID.randomUUID().toString();
        String operator = tokens.operator(institution);
        new Filings(client).file(operator, Filings.body(Filings.freshCreditCode(), "体检测试托育中心"));
        String child = register(operator, institution, child(citizenId(406)));
        String findings = "先天性心脏病术后随访";
        client.post().uri("/api/v1/children/" + child + "/health-checks").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", "ENTRY", "checkedOn", LocalDate.now().minusDays(3).toString(),
                        "outcome", "FOLLOW_UP", "details", findings))
                .exchange().expectStatus().isCreated();
        assertThat(new EventRows(jdbc).typesFor(child)).containsExactly("ChildRegistered", "HealthCheckRecorded");
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%HealthCheckRecorded'", String.class, child);
        assertThat(payload).contains("FOLLOW_UP").doesNotContain(findings);
        byte[] sealed = jdbc.queryForObject("SELECT ciphertext FROM child_personal_data WHERE child_ref = ? AND record LIKE 'health-check/%'",
                byte[].class, child);
        assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain(findings);
        client.post().uri("/api/v1/children/" + child + "/health-checks").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", "YEARLY", "checkedOn", "2026-02-30", "outcome", "FINE"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(3);
    }
}
