package org.careledger.infra.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.careledger.kernel.child.CitizenId;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A child in a filed institution with a day of attendance: what the utilisation counts need. */
public final class Attendance {

    private static final java.util.concurrent.atomic.AtomicInteger SERIAL = new java.util.concurrent.atomic.AtomicInteger();
    private final WebTestClient client;

    public Attendance(WebTestClient client) {
        this.client = client;
    }

    /** A child registered and the position of the attendance recorded for it. */
    public record Attended(String child, long position) {
    }

    /**
     * Registers, checks and enrols a child of 14 months into the institution's 托小班 and records
     * today's attendance (present); {@code position} is one the care view has passed (the approval).
     */
    @SuppressWarnings("unchecked")
    public Attended attendOneDay(String op, String id, long position) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate birth = today.minusMonths(14).withDayOfMonth(4);
        // a person of its own each time: one child may hold one active enrolment only
        String first17 = "370830" + birth.toString().replace("-", "") + (900 + SERIAL.incrementAndGet() % 100);
        String child = (String) post(op, "/api/v1/institutions/" + id + "/children", Map.of("name", "吴小重",
                "citizenId", first17 + CitizenId.checkCharacterFor(first17),
                "birthDate", birth.toString(), "guardianName", "吴大重", "guardianPhone", "130-0000-0000")).get("id");
        post(op, "/api/v1/children/" + child + "/health-checks", Map.of("kind", "ENTRY", "checkedOn", today.toString(),
                "outcome", "NORMAL"));
        List<Map<String, Object>> classes = (List<Map<String, Object>>) client.get()
                .uri("/api/v1/supervision/institutions/" + id + "/care?minPosition=" + position)
                .headers(h -> h.setBearerAuth(op)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("classes");
        String toddlers = (String) classes.stream().filter(c -> "YOUNG_TODDLER".equals(c.get("classType"))).findFirst()
                .orElseThrow().get("classId");
        post(op, "/api/v1/institutions/" + id + "/enrolments", Map.of("childRef", child, "classId", toddlers,
                "contract", Map.of("serviceType", "FULL_DAY", "startsOn", today.toString(), "endsOn",
                        today.plusMonths(3).toString(), "fees", List.of(Map.of("item", "保育费", "amountFen", 1,
                                "unit", "PER_MONTH")), "refundStandard", "r", "disputeResolution", "d", "prepaidMonths", 0)));
        return new Attended(child, ((Number) post(op, "/api/v1/institutions/" + id + "/attendance", Map.of("day",
                today.toString(), "entries", List.of(Map.of("childRef", child, "checkIn", "08:00", "checkOut", "12:00"))))
                .get("position")).longValue());
    }

    /** Corrects today's record of the child to absent; answers the position. */
    public long correctToAbsent(String op, String id, String child) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Map<String, Object> corrected = post(op, "/api/v1/institutions/" + id + "/attendance", Map.of("day",
                today.toString(), "entries", List.of(Map.of("childRef", child, "absence", "ILLNESS")),
                "correctionReason", "家长来电：当日病假"));
        if (!Integer.valueOf(1).equals(corrected.get("corrected"))) {
            throw new AssertionError("the correction was not counted: " + corrected);
        }
        return ((Number) corrected.get("position")).longValue();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> post(String token, String path, Object body) {
        return client.post().uri(path).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }
}
