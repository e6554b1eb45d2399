package org.careledger.infra.children;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.child.CitizenId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Enrolments end by themselves: when the contract runs out, and when the child turns three. */
class EnrolmentLifecycleTest extends IntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.context.ApplicationContext context;

    @SuppressWarnings("unchecked")
    private Map<String, Object> post(String token, String path, Object body) {
        return client.post().uri(path).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody();
    }

    /** Registers, checks and enrols a child born on {@code birth}; answers the enrolment id. */
    @SuppressWarnings("unchecked")
    private String enrol(String op, String institution, long position, LocalDate birth, int sequence, LocalDate start,
                         LocalDate end) {
        String first17 = "370830" + birth.toString().replace("-", "") + String.format("%03d", sequence);
        String child = (String) post(op, "/api/v1/institutions/" + institution + "/children", Map.of("name", "孙小满",
                "citizenId", first17 + CitizenId.checkCharacterFor(first17), "birthDate", birth.toString(),
                "guardianName", "孙大满", "guardianPhone", "135-0000-0000")).get("id");
        post(op, "/api/v1/children/" + child + "/health-checks", Map.of("kind", "ENTRY",
                "checkedOn", start.toString(), "outcome", "NORMAL"));
        List<Map<String, Object>> classes = (List<Map<String, Object>>) client.get()
                .uri("/api/v1/supervision/institutions/" + institution + "/care?minPosition=" + position)
                .headers(h -> h.setBearerAuth(op)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("classes");
        String older = (String) classes.stream().filter(c -> "OLDER_TODDLER".equals(c.get("classType"))).findFirst()
                .orElseThrow().get("classId");
        return (String) post(op, "/api/v1/institutions/" + institution + "/enrolments", Map.of("childRef", child,
                "classId", older, "contract", Map.of("serviceType", "FULL_DAY", "startsOn", start.toString(),
                        "endsOn", end.toString(), "fees", List.of(Map.of("item", "保育费", "amountFen", 1, "unit", "PER_MONTH")),
                        "refundStandard", "按日退还", "disputeResolution", "协商", "prepaidMonths", 0))).get("id");
    }

    private String endedReason(String enrolmentId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> reasons = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                    + "WHERE payload_type LIKE '%EnrolmentEnded' AND convert_from(payload, 'UTF8') LIKE ?", String.class,
                    "%" + enrolmentId + "%");
            if (!reasons.isEmpty()) {
                return reasons.get(0);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("enrolment " + enrolmentId + " was not ended");
    }

    private int endedCount(String enrolmentId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%EnrolmentEnded' "
                + "AND convert_from(payload, 'UTF8') LIKE ?", Integer.class, "%" + enrolmentId + "%");
    }

    /**
     * Contracts run out and children age out on their exact day (docs/domain.md rules A4–A6). The
     * institution is filed today, so no contract starts earlier (rule F2): the worker is run as of
     * later days, twice at once as two instances would, and ends each enrolment exactly once.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theApplicationEndsRunOutContractsAndAgesOutChildrenOnTheirDayExactlyOnce() throws Exception {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String institution = UUID.randomUUID().toString();
        String op = tokens.operator(institution);
        filings.file(op, Filings.body(Filings.freshCreditCode(), "满园托育中心", "370830", 35.7, 116.5,
                List.of(Map.of("name", "托大班", "classType", "OLDER_TODDLER", "places", 20))));
        long position = filings.approve(tokens.inspector("3708"), institution).position();

        // a 30-month-old whose contract runs three days
        String ran = enrol(op, institution, position, TODAY.minusMonths(30).withDayOfMonth(3), 611,
                TODAY, TODAY.plusDays(3));
        // a child who reaches 36 months in 10 days, under a contract running a year
        LocalDate born = TODAY.minusMonths(36).plusDays(10);
        LocalDate agesOut = born.plusMonths(36);
        String aged = enrol(op, institution, position, born, 612, TODAY, TODAY.plusYears(1));
        // a child with a running contract, not yet three: stays enrolled
        String stays = enrol(op, institution, position, TODAY.minusMonths(28).withDayOfMonth(5), 613,
                TODAY, TODAY.plusMonths(6));

        // the upcoming age-out shows in the supervision alerts now (within 30 days)
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Map<String, Object>> alerts = List.of();
        while (System.nanoTime() < deadline && alerts.stream().noneMatch(a -> "AGE_OUT_UPCOMING".equals(a.get("type")))) {
            alerts = (List<Map<String, Object>>) client.get()
                    .uri("/api/v1/supervision/institutions/" + institution + "/care")
                    .headers(h -> h.setBearerAuth(op)).exchange().expectStatus().isOk().expectBody(Map.class)
                    .returnResult().getResponseBody().get("alerts");
            Thread.sleep(100);
        }
        assertThat(alerts).anyMatch(a -> "AGE_OUT_UPCOMING".equals(a.get("type"))
                && String.valueOf(a.get("detail")).contains(agesOut.toString()));

        Object worker = context.getBean("enrolmentLifecycleWorker");
        java.lang.reflect.Method run = worker.getClass().getMethod("endDueEnrolments", LocalDate.class);
        // on the child's last day of care nothing ends yet
        run.invoke(worker, agesOut.minusDays(1));
        assertThat(endedCount(aged)).isZero();
        // the day after: two instances at once
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> run.invoke(worker, agesOut));
            var b = pool.submit(() -> run.invoke(worker, agesOut));
            a.get();
            b.get();
        } finally {
            pool.shutdown();
        }
        run.invoke(worker, agesOut.plusDays(1));   // a restart on a later day: nothing new
        assertThat(endedReason(ran)).contains("\"reason\":\"CONTRACT_ENDED\"")
                .contains("\"endsOn\":\"" + TODAY.plusDays(3) + "\"");
        assertThat(endedReason(aged)).contains("\"reason\":\"AGED_OUT\"")
                .contains("\"endsOn\":\"" + agesOut.minusDays(1) + "\"");
        assertThat(endedCount(ran)).isEqualTo(1);
        assertThat(endedCount(aged)).isEqualTo(1);
        List<String> actors = jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE payload_type LIKE '%EnrolmentEnded' AND convert_from(payload, 'UTF8') LIKE ?", String.class,
                "%" + ran + "%");
        assertThat(actors.get(0)).contains("system:enrolment-lifecycle");
        assertThat(jdbc.queryForObject("SELECT active FROM enrolment WHERE enrolment_id = ?", Boolean.class, stays))
                .isTrue();
    }

    /** ADR 0022: a revision-1 ChildEnrolled as stored (no birth date) still reads, counted from the birth month. */
    @Test
    void aStoredRevisionOneEnrolmentReadsWithoutABirthDate() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String institution = UUID.randomUUID().toString();
        String op = tokens.operator(institution);
        filings.file(op, Filings.body(Filings.freshCreditCode(), "满园二托育中心", "370830", 35.7, 116.5,
                List.of(Map.of("name", "托大班", "classType", "OLDER_TODDLER", "places", 20))));
        long position = filings.approve(tokens.inspector("3708"), institution).position();
        LocalDate born = TODAY.minusMonths(30).withDayOfMonth(17);
        String enrolment = enrol(op, institution, position, born, 614, TODAY, TODAY.plusMonths(3));
        Map<String, Object> row = jdbc.queryForMap("SELECT convert_from(payload, 'UTF8') AS payload, payload_revision "
                + "FROM domain_event_entry WHERE payload_type LIKE '%ChildEnrolled' AND convert_from(payload, 'UTF8') LIKE ?",
                "%" + enrolment + "%");
        assertThat(row.get("payload_revision")).isEqualTo("2");
        String stored = (String) row.get("payload");
        assertThat(stored).contains("\"birthDate\":\"" + born + "\"");
        String revisionOne = stored.replaceAll(",?\"birthDate\":\"[0-9-]+\"", "");
        org.axonframework.serialization.Serializer serializer = context.getBean("eventSerializer",
                org.axonframework.serialization.Serializer.class);
        org.careledger.kernel.enrolment.ChildEnrolled read = serializer.deserialize(
                new org.axonframework.serialization.SimpleSerializedObject<>(revisionOne, String.class,
                        org.careledger.kernel.enrolment.ChildEnrolled.class.getName(), "1"));
        assertThat(read.birthDate()).isNull();
        assertThat(read.enrolmentId().value()).isEqualTo(enrolment);
        assertThat(read.age().birthDate()).isEqualTo(born.withDayOfMonth(1));
    }
}
