package org.careledger.infra.children;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 3 end to end over HTTP: an entry check, an enrolment under contract, a refused double
 * enrolment that inspectors can see, a day's attendance submitted, resubmitted and corrected,
 * staff and ratios, occupancy and vacancies on the white-list, utilisation, and a withdrawal
 * that lets another institution enrol the child. Public answers never name the child.
 */
class CareFlowTest extends IntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final LocalDate BIRTH = TODAY.minusMonths(14).withDayOfMonth(11);
    private static final String NAME = "赵小禾";

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    private static String citizenId(int sequence) {
        String first17 = "370830" + BIRTH.toString().replace("-", "") + String.format("%03d", sequence);
        return first17 + CitizenId.checkCharacterFor(first17);
    }

    private static Map<String, Object> enrolment(String child, String classId, int prepaidMonths) {
        return Map.of("childRef", child, "classId", classId, "contract", Map.of(
                "serviceType", "FULL_DAY", "startsOn", TODAY.toString(), "endsOn", TODAY.plusMonths(12).toString(),
                "fees", List.of(Map.of("item", "保育费", "amountFen", 180000, "unit", "PER_MONTH")),
                "refundStandard", "按未服务天数退还保育费", "disputeResolution", "协商；协商不成向卫健部门申请调解",
                "prepaidMonths", prepaidMonths));
    }

    @SuppressWarnings("unchecked")
    private String classOfType(String token, String institution, long position, String type) {
        Map<String, Object> care = get(token, "/api/v1/supervision/institutions/" + institution + "/care?minPosition=" + position);
        return ((List<Map<String, Object>>) care.get("classes")).stream().filter(c -> type.equals(c.get("classType")))
                .map(c -> (String) c.get("classId")).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChildIsEnrolledAttendsAndMovesOnWhileEveryRuleHolds() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        EventRows events = new EventRows(jdbc);
        String inspector = tokens.inspector("3708");
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String opA = tokens.operator(a);
        String opB = tokens.operator(b);
        filings.file(opA, Filings.body(Filings.freshCreditCode(), "禾苗托育中心"));
        filings.file(opB, Filings.body(Filings.freshCreditCode(), "麦穗托育中心"));
        long position = filings.approve(inspector, a).position();
        position = Math.max(position, filings.approve(inspector, b).position());
        String toddlersA = classOfType(opA, a, position, "YOUNG_TODDLER");
        String toddlersB = classOfType(opB, b, position, "YOUNG_TODDLER");

        String citizen = citizenId(521);
        Map<String, Object> identity = Map.of("name", NAME, "citizenId", citizen, "birthDate", BIRTH.toString(),
                "guardianName", "赵大禾", "guardianPhone", "138-0537-5210");
        String child = (String) post(opA, "/api/v1/institutions/" + a + "/children", identity, 201).get("id");

        // no entry check yet: refused, nothing written
        int before = events.countFor(a);
        assertThat(post(opA, "/api/v1/institutions/" + a + "/enrolments", enrolment(child, toddlersA, 1), 409).get("code"))
                .isEqualTo("ENTRY_HEALTH_CHECK_MISSING");
        assertThat(events.countFor(a)).isEqualTo(before);
        post(opA, "/api/v1/children/" + child + "/health-checks", Map.of("kind", "ENTRY",
                "checkedOn", TODAY.minusDays(5).toString(), "outcome", "NORMAL", "details", "发育正常"), 201);

        // a toddler does not fit the infant class; a valid contract in the toddler class does
        String infantsA = classOfType(opA, a, position, "INFANT");
        assertThat(post(opA, "/api/v1/institutions/" + a + "/enrolments", enrolment(child, infantsA, 1), 409).get("code"))
                .isEqualTo("AGE_OUTSIDE_CLASS_BAND");
        Map<String, Object> enrolled = post(opA, "/api/v1/institutions/" + a + "/enrolments",
                enrolment(child, toddlersA, 1), 201);
        String enrolmentA = (String) enrolled.get("id");
        // the enrolment is an aggregate of its own (ADR 0023): its stream, about institution A
        assertThat(events.typesFor(enrolmentA)).containsExactly("ChildEnrolled");
        assertThat(events.typesAbout(a)).contains("ChildEnrolled");
        assertThat(events.typesFor(a)).doesNotContain("ChildEnrolled");

        // the same child (same citizen ID) at a second institution: registration answers as for any
        // new child, with B's own reference (docs/domain.md rule P4: nothing tells B the child is known
        // elsewhere); enrolling it is refused without naming A, and the attempt is on record
        String sameChild = (String) post(opB, "/api/v1/institutions/" + b + "/children", identity, 201).get("id");
        assertThat(sameChild).isNotEqualTo(child);
        assertThat(post(opB, "/api/v1/institutions/" + b + "/children", identity, 201).get("id")).isEqualTo(sameChild);
        post(opB, "/api/v1/children/" + sameChild + "/health-checks", Map.of("kind", "ENTRY",
                "checkedOn", TODAY.toString(), "outcome", "NORMAL"), 201);
        Map<String, Object> refused = post(opB, "/api/v1/institutions/" + b + "/enrolments",
                enrolment(sameChild, toddlersB, 1), 409);
        assertThat(refused.get("code")).isEqualTo("DOUBLE_ENROLMENT");
        assertThat(refused.toString()).doesNotContain(a).doesNotContain(child);
        assertThat(events.typesAbout(b)).contains("DoubleEnrolmentAttempted").doesNotContain("ChildEnrolled");
        long afterAttempt = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        Map<String, Object> alerts = get(inspector, "/api/v1/supervision/alerts?type=DOUBLE_ENROLMENT_ATTEMPT&size=100&minPosition="
                + afterAttempt);
        assertThat((List<Map<String, Object>>) alerts.get("items"))
                .anyMatch(x -> b.equals(x.get("institutionId")) && sameChild.equals(x.get("subject")));

        // attendance: recorded once; the same batch again writes nothing; a change needs a reason
        String day = "/api/v1/institutions/" + a + "/attendance";
        Map<String, Object> batch = Map.of("day", TODAY.toString(), "entries",
                List.of(Map.of("childRef", child, "checkIn", "08:10", "checkOut", "17:05")));
        Map<String, Object> first = post(opA, day, batch, 201);
        assertThat(first.get("recorded")).isEqualTo(1);
        String dayId = (String) first.get("id");
        assertThat(events.countFor(dayId)).isEqualTo(1);
        Map<String, Object> again = post(opA, day, batch, 201);
        assertThat(again.get("recorded")).isEqualTo(0);
        assertThat(again.get("unchanged")).isEqualTo(1);
        assertThat(events.countFor(dayId)).isEqualTo(1);
        Map<String, Object> changed = Map.of("day", TODAY.toString(), "entries",
                List.of(Map.of("childRef", child, "checkIn", "08:10", "checkOut", "16:30")));
        assertThat(post(opA, day, changed, 409).get("code")).isEqualTo("ATTENDANCE_CORRECTION_NEEDS_REASON");
        Map<String, Object> corrected = post(opA, day, Map.of("day", TODAY.toString(), "entries", changed.get("entries"),
                "correctionReason", "离园刷卡机故障，按登记簿更正"), 201);
        assertThat(corrected.get("corrected")).isEqualTo(1);
        assertThat(events.typesFor(dayId)).containsExactly("AttendanceRecorded", "AttendanceCorrected");
        assertThat(post(opA, day, Map.of("day", TODAY.plusDays(1).toString(), "entries", batch.get("entries")), 400)
                .get("code")).isEqualTo("ATTENDANCE_DAY_IN_FUTURE");
        Map<String, Object> bad = post(opA, day, Map.of("day", TODAY.toString(), "entries", List.of(
                Map.of("childRef", UUID.randomUUID().toString(), "checkIn", "08:00", "checkOut", "09:00"))), 422);
        assertThat(bad.get("code")).isEqualTo("ATTENDANCE_REJECTED");
        assertThat(((List<Map<String, Object>>) bad.get("errors")).get(0).get("code")).isEqualTo("NOT_ENROLLED");

        // occupancy and ratio: one toddler and no carer breaches 1:5 until a carer is registered
        long now = ((Number) corrected.get("position")).longValue();
        Map<String, Object> care = get(opA, "/api/v1/supervision/institutions/" + a + "/care?minPosition=" + enrolledPosition(enrolled));
        assertThat(care.get("enrolled")).isEqualTo(1);
        assertThat(care.get("vacancies")).isEqualTo(24);
        assertThat((List<Map<String, Object>>) care.get("alerts")).extracting(x -> x.get("type"))
                .containsExactly("STAFF_RATIO_BREACH");
        Map<String, Object> carer = post(opA, "/api/v1/institutions/" + a + "/staff", Map.of("role", "CARER",
                "classId", toddlersA, "qualification", "保育师（四级）", "qualificationExpiresOn", "2029-06-30",
                "healthCertificateExpiresOn", TODAY.plusMonths(10).toString(), "name", "孙保育", "phone", "139-0537-0000"), 201);
        assertThat(events.payloadsAbout(a)).noneMatch(p -> p.contains("孙保育"));
        assertThat(events.typesFor((String) carer.get("id"))).containsExactly("StaffMemberRegistered");
        assertThat(carer.get("id")).isNotNull();
        long staffed = ((Number) post(opA, "/api/v1/institutions/" + a + "/medical-agreements", Map.of(
                "partnerName", "汶上县妇幼保健院", "signedOn", TODAY.minusMonths(2).toString()), 201).get("position")).longValue();
        care = get(inspector, "/api/v1/supervision/institutions/" + a + "/care?minPosition=" + staffed);
        assertThat((List<Map<String, Object>>) care.get("alerts")).isEmpty();
        assertThat(client.get().uri("/api/v1/supervision/institutions/" + a + "/care").headers(h -> h.setBearerAuth(opB))
                .exchange().expectStatus().isForbidden());

        // the white-list shows vacancies and the medical partner, never the child
        String whiteList = client.get().uri("/api/v1/public/institutions?q=禾苗&hasVacancy=true&minPosition=" + staffed)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(whiteList).contains("\"vacancies\":24").contains("汶上县妇幼保健院")
                .doesNotContain(child).doesNotContain(NAME).doesNotContain(citizen).doesNotContain(BIRTH.toString())
                .doesNotContain("孙保育");

        // utilisation: one enrolled child; one attended day of one recorded
        Map<String, Object> use = get(inspector, "/api/v1/supervision/utilisation?division=370830&from=" + TODAY
                + "&to=" + TODAY + "&minPosition=" + now);
        Map<String, Object> rowA = ((List<Map<String, Object>>) use.get("institutions")).stream()
                .filter(r -> a.equals(r.get("institutionId"))).findFirst().orElseThrow();
        assertThat(rowA.get("enrolled")).isEqualTo(1);
        assertThat(rowA.get("attendedDays")).isEqualTo(1);
        assertThat(rowA.get("recordedDays")).isEqualTo(1);
        assertThat(rowA.get("attendanceRate")).isEqualTo(1.0);

        // the jurisdiction's indicators count what this test built (among other tests' institutions)
        Map<String, Object> indicators = get(inspector, "/api/v1/supervision/indicators?division=370830&minPosition=" + now);
        assertThat(((Number) indicators.get("filedInstitutions")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat(((Number) indicators.get("enrolled")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) indicators.get("withDoubleEnrolmentAttempts")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(indicators.get("placesPer1000Population")).isNull();
        client.get().uri("/api/v1/supervision/indicators?division=3301").headers(h -> h.setBearerAuth(inspector))
                .exchange().expectStatus().isForbidden();

        // withdrawal frees the child; the second institution may now enrol it
        post(opA, "/api/v1/institutions/" + a + "/enrolments/" + enrolmentA + "/withdraw",
                Map.of("endsOn", TODAY.toString(), "note", "家庭搬迁"), 200);
        post(opB, "/api/v1/institutions/" + b + "/enrolments", enrolment(sameChild, toddlersB, 1), 201);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment WHERE child_ref IN (?, ?) AND active", Integer.class,
                child, sameChild)).isEqualTo(1);
    }

    private static long enrolledPosition(Map<String, Object> answer) {
        return ((Number) answer.get("position")).longValue();
    }

    @Test
    void aPrepaymentOverTheConfiguredCapIsRefusedInZhengdong() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String institution = UUID.randomUUID().toString();
        String op = tokens.operator(institution);
        String code17 = "52410105MJ" + String.format("%07d", (System.nanoTime() / 1000) % 10_000_000);
        // filed in 金水区 and in the local zone 郑东新区 (rule F7), where the cap applies
        filings.file(op, Filings.inZone(Filings.body(code17 + org.careledger.kernel.value.CreditCode.checkCharacterFor(code17),
                "郑东托育中心", "410105", 34.76, 113.73,
                List.of(Map.of("name", "托小班", "classType", "YOUNG_TODDLER", "places", 15))), "4101-ZD"));
        long position = filings.approve(tokens.inspector("4101"), institution).position();
        String toddlers = classOfType(op, institution, position, "YOUNG_TODDLER");
        String first17 = "410105" + BIRTH.toString().replace("-", "") + "733";
        String child = (String) post(op, "/api/v1/institutions/" + institution + "/children", Map.of("name", "钱小舟",
                "citizenId", first17 + CitizenId.checkCharacterFor(first17), "birthDate", BIRTH.toString(),
                "guardianName", "钱大舟", "guardianPhone", "137-0000-0000"), 201).get("id");
        post(op, "/api/v1/children/" + child + "/health-checks", Map.of("kind", "ENTRY",
                "checkedOn", TODAY.minusDays(1).toString(), "outcome", "NORMAL"), 201);
        Map<String, Object> refused = post(op, "/api/v1/institutions/" + institution + "/enrolments",
                enrolment(child, toddlers, 4), 409);
        assertThat(refused.get("code")).isEqualTo("PREPAYMENT_EXCEEDS_CAP");
        assertThat((String) refused.get("detail")).contains("zhengzhou-zhengdong-prepayment-2022");
        post(op, "/api/v1/institutions/" + institution + "/enrolments", enrolment(child, toddlers, 3), 201);
    }
}
