package org.careledger.infra.subsidy;

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
import org.careledger.kernel.value.CreditCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 4 over HTTP in 太白湖新区 (the local zone 370811-TBH, rule F7): an operating subsidy computed from enrolments under the shipped
 * policy, explained, reproduced, approved and paid; a late enrolment recomputed into a supplement;
 * one case per kind and period; the construction subsidy per place.
 */
class SubsidyFlowTest extends IntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final LocalDate BIRTH = TODAY.minusMonths(16).withDayOfMonth(2);
    /** One day of 200,000 fen a year for one child under the BY_DAYS rule, rounded half up to the fen. */
    private static final long PER_CHILD_DAY = java.math.BigDecimal.valueOf(200_000)
            .divide(java.math.BigDecimal.valueOf(12L * TODAY.lengthOfMonth()), 0, java.math.RoundingMode.HALF_UP)
            .longValueExact();

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    private int sequence = 700;

    private static long position(Map<String, Object> answer) {
        return ((Number) answer.get("position")).longValue();
    }

    private long enrolToddler(String op, String id, String toddlers) {
        String first17 = "370811" + BIRTH.toString().replace("-", "") + (sequence++);
        String child = (String) post(op, "/api/v1/institutions/" + id + "/children", Map.of("name", "郑小树",
                "citizenId", first17 + CitizenId.checkCharacterFor(first17), "birthDate", BIRTH.toString(),
                "guardianName", "郑大树", "guardianPhone", "131-0000-0000"), 201).get("id");
        post(op, "/api/v1/children/" + child + "/health-checks", Map.of("kind", "ENTRY", "checkedOn", TODAY.toString(),
                "outcome", "NORMAL"), 201);
        return position(post(op, "/api/v1/institutions/" + id + "/enrolments", Map.of("childRef", child, "classId", toddlers,
                "contract", Map.of("serviceType", "FULL_DAY", "startsOn", TODAY.toString(),
                        "endsOn", TODAY.plusMonths(12).toString(),
                        "fees", List.of(Map.of("item", "保育费", "amountFen", 150000, "unit", "PER_MONTH")),
                        "refundStandard", "按日退还", "disputeResolution", "协商", "prepaidMonths", 1)), 201));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOperatingSubsidyIsComputedExplainedReproducedDecidedPaidAndSupplemented() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        EventRows events = new EventRows(jdbc);
        String id = UUID.randomUUID().toString();
        String op = tokens.operator(id);
        String inspector = tokens.inspector("3708");
        String officer = tokens.officer("3708");
        String code17 = "52370811MJ" + String.format("%07d", (System.nanoTime() / 1000) % 10_000_000);
        filings.file(op, Filings.inZone(Filings.body(code17 + CreditCode.checkCharacterFor(code17), "太白湖补助测试托育中心", "370811", 35.38,
                116.58, List.of(Map.of("name", "乳儿班", "classType", "INFANT", "places", 10),
                        Map.of("name", "托小班", "classType", "YOUNG_TODDLER", "places", 15))), "370811-TBH"));
        long position = filings.approve(inspector, id).position();
        position = filings.post(officer, "/api/v1/institutions/" + id + "/puhui", Map.of("granted", true,
                "effectiveFrom", TODAY.toString(), "reference", "太白湖普惠认定2026-1")).position();
        List<Map<String, Object>> classes = (List<Map<String, Object>>) get(op,
                "/api/v1/supervision/institutions/" + id + "/care?minPosition=" + position).get("classes");
        String toddlers = (String) classes.stream().filter(c -> "YOUNG_TODDLER".equals(c.get("classType"))).findFirst()
                .orElseThrow().get("classId");
        enrolToddler(op, id, toddlers);
        enrolToddler(op, id, toddlers);

        // the institution applies for today's period: two toddlers, one counted month each at 2,000 yuan a year
        Map<String, Object> application = Map.of("institutionId", id, "kind", "OPERATING",
                "periodFrom", TODAY.toString(), "periodTo", TODAY.toString());
        Map<String, Object> opened = post(op, "/api/v1/subsidies", application, 201);
        String caseId = (String) opened.get("id");
        assertThat(post(op, "/api/v1/subsidies", application, 409).get("code")).isEqualTo("SUBSIDY_ALREADY_DECIDED");
        assertThat(post(op, "/api/v1/subsidies", Map.of("institutionId", id, "kind", "OPERATING",
                "periodFrom", TODAY.toString(), "periodTo", TODAY.plusDays(1).toString()), 400).get("code"))
                .isEqualTo("INVALID_INPUT");
        assertThat(post(op, "/api/v1/subsidies", Map.of("institutionId", id, "kind", "RENT_REDUCTION",
                "periodFrom", TODAY.toString(), "periodTo", TODAY.toString()), 409).get("code"))
                .isEqualTo("NO_SUBSIDY_POLICY");

        Map<String, Object> ledger = get(officer, "/api/v1/subsidies?division=370811&institutionId=" + id
                + "&minPosition=" + position(opened));
        Map<String, Object> entry = ((List<Map<String, Object>>) ledger.get("items")).get(0);
        assertThat(entry.get("status")).isEqualTo("AWAITING_DECISION");
        assertThat(((Number) entry.get("computedFen")).longValue()).isEqualTo(2 * PER_CHILD_DAY);  // one day of 200,000 / 12 a child, each rounded
        assertThat(entry.get("policyId")).isEqualTo("taibaihu-operating");
        assertThat(((Number) ((Map<String, Object>) ledger.get("totals")).get("computedFen")).longValue()).isEqualTo(2 * PER_CHILD_DAY);

        Map<String, Object> explanation = get(op, "/api/v1/subsidies/" + caseId + "/explanation");
        Map<String, Object> computed = ((List<Map<String, Object>>) explanation.get("decisions")).get(0);
        assertThat(computed.get("decision")).isEqualTo("COMPUTED");
        assertThat((List<String>) computed.get("lines")).hasSize(2)
                .allMatch(l -> l.contains("托小班") && l.contains("1/" + TODAY.lengthOfMonth() + " ("
                        + java.time.YearMonth.from(TODAY) + ") month(s) / 12 year × 2000.00 yuan"));
        assertThat((List<String>) computed.get("trace")).anyMatch(t -> t.contains("counts by its days (BY_DAYS)"));
        assertThat(get(officer, "/api/v1/subsidies/" + caseId + "/reproduction").get("reproduced")).isEqualTo(true);
        client.get().uri("/api/v1/subsidies/" + caseId + "/explanation")
                .headers(h -> h.setBearerAuth(tokens.operator(UUID.randomUUID().toString()))).exchange()
                .expectStatus().isForbidden();

        // the operator cannot decide; the officer approves and records the payment
        assertThat(post(op, "/api/v1/subsidies/" + caseId + "/decision", Map.of("approve", true, "reason", "x"), 403)
                .get("code")).isEqualTo("FORBIDDEN_ROLE");
        post(officer, "/api/v1/subsidies/" + caseId + "/decision", Map.of("approve", true, "reason", "核实无误"), 200);
        long paid = position(post(officer, "/api/v1/subsidies/" + caseId + "/payment", Map.of("paidOn", TODAY.toString(),
                "reference", "CZ-2026-0042"), 200));
        entry = ((List<Map<String, Object>>) get(officer, "/api/v1/subsidies?institutionId=" + id + "&minPosition=" + paid)
                .get("items")).get(0);
        assertThat(entry.get("status")).isEqualTo("PAID");
        assertThat(((Number) entry.get("paidFen")).longValue()).isEqualTo(2 * PER_CHILD_DAY);

        // recomputing on the same facts writes nothing; a third child enrolled late becomes a supplement
        int before = events.countFor(caseId);
        assertThat(post(officer, "/api/v1/subsidies/" + caseId + "/recompute", Map.of(), 200).get("outcome"))
                .isEqualTo("UNCHANGED");
        assertThat(events.countFor(caseId)).isEqualTo(before);
        enrolToddler(op, id, toddlers);
        Map<String, Object> adjusted = post(officer, "/api/v1/subsidies/" + caseId + "/recompute", Map.of(), 200);
        assertThat(adjusted.get("outcome")).isEqualTo("ADJUSTED");
        List<Map<String, Object>> decisions = (List<Map<String, Object>>) get(officer, "/api/v1/subsidies/" + caseId
                + "/explanation?minPosition=" + position(adjusted)).get("decisions");
        assertThat(decisions).extracting(d -> d.get("decision")).containsExactly("COMPUTED", "SUPPLEMENT");
        assertThat(((Number) decisions.get(1).get("deltaFen")).longValue()).isEqualTo(PER_CHILD_DAY);
        assertThat(((Number) decisions.get(1).get("amountFen")).longValue()).isEqualTo(3 * PER_CHILD_DAY);
        assertThat(((Number) decisions.get(0).get("amountFen")).longValue()).isEqualTo(2 * PER_CHILD_DAY);   // the decided amount did not change

        // the inspector's state shows the case
        Map<String, Object> state = get(inspector, "/api/v1/inspector/institutions/" + id + "/state?minPosition="
                + position(adjusted));
        Map<String, Object> subsidy = (Map<String, Object>) ((Map<String, Object>) state.get("subsidies")).get(caseId);
        assertThat(((Number) subsidy.get("computedFen")).longValue()).isEqualTo(3 * PER_CHILD_DAY);
        assertThat(((Number) subsidy.get("paidFen")).longValue()).isEqualTo(2 * PER_CHILD_DAY);

        // the construction subsidy: 25 places approved at acceptance × 2,000 yuan
        Map<String, Object> construction = post(op, "/api/v1/subsidies", Map.of("institutionId", id, "kind", "CONSTRUCTION",
                "periodFrom", TODAY.withDayOfYear(1).toString(), "periodTo", TODAY.toString()), 201);
        Map<String, Object> built = ((List<Map<String, Object>>) get(officer, "/api/v1/subsidies?kind=CONSTRUCTION&institutionId="
                + id + "&minPosition=" + position(construction)).get("items")).get(0);
        assertThat(built.get("computedFen")).isEqualTo(25 * 200_000);

        // the same child-day is never applied for twice: an overlapping period is refused naming the case
        Map<String, Object> overlap = post(op, "/api/v1/subsidies", Map.of("institutionId", id, "kind", "OPERATING",
                "periodFrom", TODAY.minusDays(1).toString(), "periodTo", TODAY.toString()), 409);
        assertThat(overlap.get("code")).isEqualTo("SUBSIDY_PERIOD_OVERLAPS");
        assertThat((String) overlap.get("detail")).contains(caseId);
    }

    /** Two overlapping applications at once: exactly one case opens, the other is refused naming it. */
    @Test
    void concurrentOverlappingApplicationsOpenOneCase() throws Exception {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String id = UUID.randomUUID().toString();
        String op = tokens.operator(id);
        String code17 = "52370811MJ" + String.format("%07d", (System.nanoTime() / 1000 + 7) % 10_000_000);
        filings.file(op, Filings.inZone(Filings.body(code17 + CreditCode.checkCharacterFor(code17), "太白湖并发测试托育中心", "370811", 35.38,
                116.58, List.of(Map.of("name", "托小班", "classType", "YOUNG_TODDLER", "places", 15))), "370811-TBH"));
        filings.approve(tokens.inspector("3708"), id);
        List<Map<String, Object>> bodies = List.of(
                Map.of("institutionId", id, "kind", "CONSTRUCTION", "periodFrom", TODAY.minusDays(1).toString(),
                        "periodTo", TODAY.toString()),
                Map.of("institutionId", id, "kind", "CONSTRUCTION", "periodFrom", TODAY.toString(),
                        "periodTo", TODAY.toString()));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<org.springframework.test.web.reactive.server.EntityExchangeResult<Map>>> answers =
                    new java.util.ArrayList<>();
            for (Map<String, Object> body : bodies) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.post().uri("/api/v1/subsidies").headers(h -> h.setBearerAuth(op))
                            .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectBody(Map.class)
                            .returnResult();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            String opened = null;
            String refusal = null;
            for (var a : answers) {
                var r = a.get();
                statuses.add(r.getStatus().value());
                if (r.getStatus().value() == 201) {
                    opened = (String) r.getResponseBody().get("id");
                } else {
                    assertThat(r.getResponseBody().get("code")).isEqualTo("SUBSIDY_PERIOD_OVERLAPS");
                    refusal = (String) r.getResponseBody().get("detail");
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            assertThat(refusal).contains(opened);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT case_id) FROM subsidy_period_claim WHERE institution_id = ?",
                Integer.class, id)).isEqualTo(1);
    }
}
