package org.careledger.infra.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.child.CitizenId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The inspector's view over HTTP: an institution's whole history across its aggregates as NDJSON
 * (ordered, cursor-paged, filtered), its state as of an instant, a diff, inspections with
 * rectification orders, and the white-list's latest inspection. No child's personal data appears.
 */
class InspectorFlowTest extends IntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final LocalDate BIRTH = TODAY.minusMonths(15).withDayOfMonth(7);
    private static final String NAME = "周小溪";

    @Autowired
    WebTestClient client;
    private final ObjectMapper json = new ObjectMapper();

    private static long position(Map<String, Object> answer) {
        return ((Number) answer.get("position")).longValue();
    }

    private List<JsonNode> history(String token, String query) {
        String body = client.get().uri("/api/v1/inspector/institutions/" + query).headers(h -> h.setBearerAuth(token))
                .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        if (body == null) {
            return List.of();
        }
        assertThat(body).doesNotContain(NAME);
        // the birth date appears only as the enrolment's "birthDate" (ages to the day, ADR 0022), nowhere else
        assertThat(body.replace("\"birthDate\":\"" + BIRTH + "\"", "")).doesNotContain(BIRTH.toString());
        return body.isBlank() ? List.of() : Arrays.stream(body.split("\n")).map(line -> {
            try {
                return json.readTree(line);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInspectorReplaysAnInstitutionsHistoryAndStateAndRecordsInspections() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String id = UUID.randomUUID().toString();
        String op = tokens.operator(id);
        String inspector = tokens.inspector("3708");
        filings.file(op, Filings.body(Filings.freshCreditCode(), "溪流托育中心"));
        long approved = filings.approve(inspector, id).position();
        Instant afterApproval = Instant.now();

        List<Map<String, Object>> classes = (List<Map<String, Object>>) client.get()
                .uri("/api/v1/supervision/institutions/" + id + "/care?minPosition=" + approved)
                .headers(h -> h.setBearerAuth(op)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("classes");
        String toddlers = (String) classes.stream().filter(c -> "YOUNG_TODDLER".equals(c.get("classType"))).findFirst()
                .orElseThrow().get("classId");
        String first17 = "370830" + BIRTH.toString().replace("-", "") + "818";
        String child = (String) post(op, "/api/v1/institutions/" + id + "/children", Map.of("name", NAME,
                "citizenId", first17 + CitizenId.checkCharacterFor(first17), "birthDate", BIRTH.toString(),
                "guardianName", "周大溪", "guardianPhone", "136-0000-0000"), 201).get("id");
        post(op, "/api/v1/children/" + child + "/health-checks", Map.of("kind", "ENTRY",
                "checkedOn", TODAY.toString(), "outcome", "NORMAL"), 201);
        post(op, "/api/v1/institutions/" + id + "/enrolments", Map.of("childRef", child, "classId", toddlers,
                "contract", Map.of("serviceType", "FULL_DAY", "startsOn", TODAY.toString(),
                        "endsOn", TODAY.plusMonths(6).toString(),
                        "fees", List.of(Map.of("item", "保育费", "amountFen", 1, "unit", "PER_MONTH")),
                        "refundStandard", "按日退还", "disputeResolution", "协商", "prepaidMonths", 0)), 201);
        post(op, "/api/v1/institutions/" + id + "/attendance", Map.of("day", TODAY.toString(), "entries",
                List.of(Map.of("childRef", child, "checkIn", "08:00", "checkOut", "16:00"))), 201);

        // an inspection with a finding and an order; the follow-up finds it not yet rectified
        Map<String, Object> inspection = post(inspector, "/api/v1/inspections", Map.of("institutionId", id,
                "type", "JOINT", "agencies", List.of("FIRE_SERVICES"), "inspectedOn", TODAY.toString(),
                "findings", List.of(Map.of("category", "FIRE_SAFETY", "severity", "SERIOUS", "description", "灭火器过期")),
                "orders", List.of(Map.of("findingIndex", 0, "requirement", "更换灭火器",
                        "deadline", TODAY.plusDays(7).toString()))), 201);
        String inspectionId = (String) inspection.get("id");
        assertThat(post(op, "/api/v1/inspections", Map.of("institutionId", id, "type", "RANDOM_SPOT_CHECK",
                "inspectedOn", TODAY.toString()), 403).get("code")).isEqualTo("FORBIDDEN_ROLE");
        long last = position(post(inspector, "/api/v1/inspections/" + inspectionId + "/orders/R1/verification",
                Map.of("rectified", false, "verifiedOn", TODAY.toString(), "newDeadline", TODAY.plusDays(14).toString(),
                        "note", "已订购，未到货"), 200));

        // the whole history, in order, across the institution's aggregates
        List<JsonNode> all = history(inspector, id + "/history?minPosition=" + last);
        List<String> types = all.stream().map(n -> n.get("type").asText()).toList();
        assertThat(types).contains("FilingSubmitted", "FilingApproved", "ChildRegistered", "HealthCheckRecorded",
                "ChildEnrolled", "AttendanceRecorded", "InspectionRecorded", "RectificationVerified");
        List<Long> positions = all.stream().map(n -> n.get("position").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(all).allMatch(n -> id.equals(n.get("metaData").get("institutionId").asText()));
        assertThat(all.stream().map(n -> n.get("aggregateType").asText()).distinct().toList())
                .contains("Institution", "Child", "AttendanceDay", "Inspection");

        // paged by cursor: pages of three follow each other without gaps or repeats
        List<JsonNode> first = history(inspector, id + "/history?limit=3");
        List<JsonNode> second = history(inspector, id + "/history?limit=3&after=" + first.get(2).get("position").asLong());
        assertThat(first).hasSize(3);
        assertThat(second.get(0).get("position").asLong()).isEqualTo(positions.get(3));
        // filters by type and by time
        assertThat(history(inspector, id + "/history?types=ChildEnrolled,InspectionRecorded"))
                .extracting(n -> n.get("type").asText()).containsExactly("ChildEnrolled", "InspectionRecorded");
        assertThat(history(inspector, id + "/history?from=" + Instant.now().plusSeconds(3600))).isEmpty();
        assertThat(history(inspector, id + "/history?time=business&to=" + TODAY.minusDays(1))).isEmpty();

        // jurisdiction and role
        client.get().uri("/api/v1/inspector/institutions/" + id + "/history").headers(h -> h.setBearerAuth(
                tokens.inspector("3301"))).exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/inspector/institutions/" + id + "/state").headers(h -> h.setBearerAuth(op))
                .exchange().expectStatus().isForbidden();

        // state now, and right after the approval (before the child was enrolled)
        Map<String, Object> now = client.get().uri("/api/v1/inspector/institutions/" + id + "/state")
                .headers(h -> h.setBearerAuth(inspector)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(now.get("status")).isEqualTo("FILED");
        assertThat(now.get("enrolled")).isEqualTo(1);
        assertThat((Map<String, Object>) now.get("openRectifications")).containsOnlyKeys(inspectionId + "/R1");
        assertThat(((Map<String, Object>) ((Map<String, Object>) now.get("classes")).get(toddlers)).get("children"))
                .isEqualTo(List.of(child));
        Map<String, Object> then = client.get().uri("/api/v1/inspector/institutions/" + id + "/state?asOf=" + afterApproval)
                .headers(h -> h.setBearerAuth(inspector)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(then.get("enrolled")).isEqualTo(0);
        assertThat(then.get("latestInspection")).isNull();
        client.get().uri("/api/v1/inspector/institutions/" + id + "/state?asOf=2020-01-01")
                .headers(h -> h.setBearerAuth(inspector)).exchange().expectStatus().isNotFound();

        Map<String, Object> diff = client.get().uri("/api/v1/inspector/institutions/" + id + "/diff?from=" + afterApproval
                        + "&to=" + Instant.now()).headers(h -> h.setBearerAuth(inspector)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) diff.get("changes")).extracting(c -> c.get("path"))
                .contains("/enrolled", "/classes/" + toddlers + "/children", "/latestInspection",
                        "/openRectifications/" + inspectionId + "~1R1");

        // the public white-list shows the latest inspection, and nothing personal
        String listed = client.get().uri("/api/v1/public/institutions?q=溪流&minPosition=" + last).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains("\"latestInspectionOn\":\"" + TODAY + "\"")
                .contains("\"latestInspectionOutcome\":\"RECTIFICATION_REQUIRED\"").doesNotContain(child).doesNotContain(NAME);
    }
}
