package org.careledger.infra.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.EventRows;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.child.CitizenId;
import org.careledger.kernel.value.CreditCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * docs/domain.md rule F7 over HTTP: functional zones without a code of their own are configured
 * local zones ({@code careledger.zones}); a filing may name one lying in its division, and the
 * zone's policies (太白湖新区 subsidies, the 郑东新区 prepayment cap) apply there and nowhere else.
 */
class FunctionalZoneTest extends IntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final LocalDate BIRTH = TODAY.minusMonths(16).withDayOfMonth(2);

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.axonframework.config.Configuration axon;
    private int sequence = 300;

    private static String creditCode(String division, int salt) {
        String code17 = "52" + division + "MJ" + String.format("%07d", (System.nanoTime() / 1000 + salt) % 10_000_000);
        return code17 + CreditCode.checkCharacterFor(code17);
    }

    private static Map<String, Object> filing(String division, String name, String zone) {
        Map<String, Object> body = new HashMap<>(Filings.body(creditCode(division, name.hashCode() & 0xfff), name, division,
                35.38, 116.58, List.of(Map.of("name", "托小班", "classType", "YOUNG_TODDLER", "places", 15))));
        if (zone != null) {
            body.put("zone", zone);
        }
        return body;
    }

    private static Map<String, Object> amendment(Map<String, Object> filed, String zone) {
        Map<String, Object> body = new HashMap<>();
        for (String key : List.of("name", "address", "location", "contactPhone", "mealsServed", "serviceTypes", "fees",
                "documents")) {
            body.put(key, filed.get(key));
        }
        body.put("reason", "所在功能区");
        if (zone != null) {
            body.put("zone", zone);
        }
        return body;
    }

    private static Map<String, Object> construction(String id) {
        return Map.of("institutionId", id, "kind", "CONSTRUCTION", "periodFrom", TODAY.toString(), "periodTo", TODAY.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTaibaihuPoliciesApplyInTheZoneOnlyAndTheSupervisionListNamesIt() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String inspector = tokens.inspector("3708");
        String inZone = UUID.randomUUID().toString();
        String outside = UUID.randomUUID().toString();
        String opIn = tokens.operator(inZone);
        String opOut = tokens.operator(outside);
        filings.file(opIn, filing("370811", "太白湖功能区测试托育中心", "370811-TBH"));
        Map<String, Object> outsideFiling = filing("370811", "任城区区外测试托育中心", null);
        filings.file(opOut, outsideFiling);
        filings.approve(inspector, inZone);
        long position = filings.approve(inspector, outside).position();

        // the supervision list shows the zone beside the division
        List<Map<String, Object>> items = (List<Map<String, Object>>) get(inspector,
                "/api/v1/supervision/institutions?division=370811&size=100&minPosition=" + position).get("items");
        Map<String, Object> zoned = items.stream().filter(i -> inZone.equals(i.get("institutionId"))).findFirst().orElseThrow();
        assertThat(zoned.get("division")).isEqualTo("370811");
        assertThat(zoned.get("zone")).isEqualTo("370811-TBH");
        assertThat(zoned.get("zoneName")).isEqualTo("太白湖新区");
        Map<String, Object> plain = items.stream().filter(i -> outside.equals(i.get("institutionId"))).findFirst().orElseThrow();
        assertThat(plain.get("zone")).isNull();
        assertThat(plain.get("zoneName")).isNull();

        // in the zone, the zone's construction subsidy policy applies; elsewhere in 任城区 no policy does
        Map<String, Object> opened = post(opIn, "/api/v1/subsidies", construction(inZone), 201);
        Map<String, Object> ledger = get(tokens.officer("3708"), "/api/v1/subsidies?division=370811&institutionId=" + inZone
                + "&minPosition=" + opened.get("position"));
        assertThat(((List<Map<String, Object>>) ledger.get("items")).get(0).get("policyId")).isEqualTo("taibaihu-construction");
        Map<String, Object> refused = post(opOut, "/api/v1/subsidies", construction(outside), 409);
        assertThat(refused.get("code")).isEqualTo("NO_SUBSIDY_POLICY");

        // an amendment that places the institution in the zone brings it under the zone's policy
        post(opOut, "/api/v1/institutions/" + outside + "/filing/amend", amendment(outsideFiling, "370811-TBH"), 200);
        post(opOut, "/api/v1/subsidies", construction(outside), 201);
    }

    @Test
    void aZoneNotLyingInTheFilingsDivisionIsRefusedAndNothingIsWritten() {
        Tokens tokens = new Tokens(client);
        EventRows events = new EventRows(jdbc);
        // 太白湖新区 lies in 任城区, not in 汶上县; 郑东新区 is in 郑州; an unknown id is no zone
        for (String[] c : new String[][] {{"370830", "370811-TBH"}, {"370811", "4101-ZD"}, {"370811", "370811-XX"}}) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> problem = post(tokens.operator(id), "/api/v1/institutions",
                    filing(c[0], "错区测试托育中心", c[1]), 400);
            assertThat(problem.get("code")).isEqualTo("INVALID_ZONE");
            assertThat(problem.toString()).contains("field=zone").contains("code=INVALID_ZONE");
            assertThat(events.countFor(id)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM institution_credit_code WHERE institution_id = ?",
                    Integer.class, id)).isZero();
        }

        // an amendment naming a zone of another division is refused the same way, and writes nothing
        String id = UUID.randomUUID().toString();
        String op = tokens.operator(id);
        Map<String, Object> filed = filing("370830", "汶上改区测试托育中心", null);
        new Filings(client).file(op, filed);
        int before = events.filingEventsFor(id); // the background licence check may append its own
        Map<String, Object> problem = post(op, "/api/v1/institutions/" + id + "/filing/amend",
                amendment(filed, "370811-TBH"), 400);
        assertThat(problem.get("code")).isEqualTo("INVALID_ZONE");
        assertThat(events.filingEventsFor(id)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT zone_id FROM institution_credit_code WHERE institution_id = ?",
                String.class, id)).isNull();
    }

    @Test
    void theZhengdongPrepaymentCapAppliesInTheZoneAndNotElsewhereInZhengzhou() {
        Tokens tokens = new Tokens(client);
        // in 郑东新区 (filed in 金水区 410105): more than 3 months in advance is refused
        String zoned = enrolWithPrepayment(tokens, "410105", "4101-ZD", 4, 409);
        assertThat(zoned).contains("zhengzhou-zhengdong-prepayment-2022");
        // in 金水区 outside the zone, and in 中原区 (410102): no cap configured
        enrolWithPrepayment(tokens, "410105", null, 4, 201);
        enrolWithPrepayment(tokens, "410102", null, 4, 201);
    }

    /** The application reads revision-1 filing events (written before zones) through the upcasters as revision 2. */
    @Test
    void theApplicationsUpcasterChainReadsRevisionOneFilingEventsAsRevisionTwo() throws Exception {
        byte[] stored;
        try (var in = getClass().getResourceAsStream("/stored-events/FilingSubmitted-revision-1.json")) {
            stored = in.readAllBytes();
        }
        var row = new org.axonframework.eventhandling.GenericDomainEventEntry<>("Institution", UUID.randomUUID().toString(),
                0, UUID.randomUUID().toString(), java.time.Instant.now(), org.careledger.kernel.filing.FilingSubmitted.class.getName(),
                "1", stored, "{}".getBytes());
        var upcast = axon.upcasterChain().upcast(java.util.stream.Stream.of(
                new org.axonframework.serialization.upcasting.event.InitialEventRepresentation(row, axon.eventSerializer())))
                .toList();
        assertThat(upcast).singleElement().satisfies(r -> assertThat(r.getType().getRevision()).isEqualTo("2"));
        var event = (org.careledger.kernel.filing.FilingSubmitted) axon.eventSerializer().deserialize(upcast.get(0).getData());
        assertThat(event.zone()).isNull();
        assertThat(event.division().value()).isEqualTo("370830");
    }

    @SuppressWarnings("unchecked")
    private String enrolWithPrepayment(Tokens tokens, String division, String zone, int prepaidMonths, int status) {
        Filings filings = new Filings(client);
        String id = UUID.randomUUID().toString();
        String op = tokens.operator(id);
        filings.file(op, filing(division, "郑州预付测试托育中心" + (sequence++), zone));
        long position = filings.approve(tokens.inspector("4101"), id).position();
        Map<String, Object> care = get(op, "/api/v1/supervision/institutions/" + id + "/care?minPosition=" + position);
        String toddlers = (String) ((List<Map<String, Object>>) care.get("classes")).get(0).get("classId");
        String first17 = division + BIRTH.toString().replace("-", "") + (sequence++);
        String child = (String) post(op, "/api/v1/institutions/" + id + "/children", Map.of("name", "郑小川",
                "citizenId", first17 + CitizenId.checkCharacterFor(first17), "birthDate", BIRTH.toString(),
                "guardianName", "郑大川", "guardianPhone", "137-0000-0001"), 201).get("id");
        post(op, "/api/v1/children/" + child + "/health-checks", Map.of("kind", "ENTRY",
                "checkedOn", TODAY.toString(), "outcome", "NORMAL"), 201);
        Map<String, Object> answer = post(op, "/api/v1/institutions/" + id + "/enrolments", Map.of("childRef", child,
                "classId", toddlers, "contract", Map.of("serviceType", "FULL_DAY", "startsOn", TODAY.toString(),
                        "endsOn", TODAY.plusMonths(12).toString(),
                        "fees", List.of(Map.of("item", "保育费", "amountFen", 150000, "unit", "PER_MONTH")),
                        "refundStandard", "按日退还", "disputeResolution", "协商", "prepaidMonths", prepaidMonths)), status);
        if (status == 409) {
            assertThat(answer.get("code")).isEqualTo("PREPAYMENT_EXCEEDS_CAP");
        }
        return String.valueOf(answer.get("detail"));
    }
}
