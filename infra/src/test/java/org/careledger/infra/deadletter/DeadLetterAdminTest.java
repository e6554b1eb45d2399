package org.careledger.infra.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.careledger.infra.support.Attendance;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.PoisonEvents;
import org.careledger.infra.support.RefusingTrigger;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * A parked event is visible (health component, metric, admin list) and handled by an
 * administrator: retried after the fix, or evicted; both are audited. Only ADMIN may.
 */
class DeadLetterAdminTest extends IntegrationTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("careLedgerMongoDatabase")
    MongoDatabase mongo;

    @Test
    void aParkedEventIsShownRetriedAfterTheFixAndAudited() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        PoisonEvents poison = new PoisonEvents(jdbc);
        String admin = tokens.admin();
        String inspector = tokens.inspector("3708");
        String x = UUID.randomUUID().toString();
        long filed = filings.file(tokens.operator(x), Filings.body(Filings.freshCreditCode(), "死信管理测试托育中心")).position();
        // the licence check appends its verdict in the background: let the view have it first
        PoisonEvents.await(() -> jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.licence.%'", Long.class, x) > 0, "the licence was not checked");
        long checked = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, x);
        assertThat(supervisionStatus(inspector, x, Math.max(filed, checked))).isEqualTo("SUBMITTED");

        long approved;
        try (RefusingTrigger bug = RefusingTrigger.install(jdbc, "supervision_institution", x)) {
            approved = filings.approve(inspector, x).position();
            String y = UUID.randomUUID().toString();
            long filedY = filings.file(tokens.operator(y), Filings.body(Filings.freshCreditCode(), "死信之后托育中心")).position();
            // other institutions go on, and so do reads that wait for a position past the parked event
            assertThat(supervisionStatus(inspector, y, filedY)).isEqualTo("SUBMITTED");
            assertThat(supervisionStatus(inspector, x, approved)).isEqualTo("SUBMITTED");
            PoisonEvents.await(() -> parkedOf(admin, x).stream().anyMatch(p -> ((Number) p.get("position")).longValue() == approved),
                    "the approval was not parked");

            // visible: health component, metric, admin list
            client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("DEGRADED")
                    .jsonPath("$.components.parkedEvents.status").isEqualTo("DEGRADED")
                    .jsonPath("$.components.parkedEvents.description").value(d -> assertThat((String) d).contains("supervision"));
            client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
            client.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                    .expectBody(String.class)
                    .value(body -> assertThat(body).containsPattern("careledger_dead_letters\\{[^}]*group=\"supervision\"[^}]*\\} [1-9]"));
            // the approval is the first parked event of the institution; the certificate issued with it waits behind
            Map<String, Object> letter = parkedOf(admin, x).get(0);
            assertThat(letter).containsEntry("projection", "supervision").containsEntry("sequence", x)
                    .containsEntry("payloadType", "org.careledger.kernel.filing.FilingApproved");
            assertThat(parkedOf(admin, x)).extracting(p -> p.get("payloadType"))
                    .contains("org.careledger.kernel.licence.FilingCertificateIssued");
            assertThat((String) letter.get("causeMessage")).contains("test refuses rows of institution " + x);
            String id = (String) letter.get("id");

            // only ADMIN may look or act
            client.get().uri("/api/v1/admin/dead-letters").headers(h -> h.setBearerAuth(inspector)).exchange()
                    .expectStatus().isForbidden();
            client.post().uri("/api/v1/admin/dead-letters/" + id + "/retry").headers(h -> h.setBearerAuth(inspector))
                    .exchange().expectStatus().isForbidden();

            // a retry before the fix fails again and leaves the event parked
            client.post().uri("/api/v1/admin/dead-letters/" + id + "/retry").headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("STILL_PARKED")
                    .jsonPath("$.causeMessage").value(m -> assertThat((String) m).contains("test refuses"));
            assertThat(supervisionStatus(inspector, x, approved)).isEqualTo("SUBMITTED");
        }

        // after the fix the retry projects it, recording the last event's own index as a rebuild would
        String id = (String) parkedOf(admin, x).get(0).get("id");
        long lastParked = parkedOf(admin, x).stream().mapToLong(p -> ((Number) p.get("position")).longValue()).max()
                .orElseThrow();
        client.post().uri("/api/v1/admin/dead-letters/" + id + "/retry").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("PROJECTED")
                .jsonPath("$.stillParkedInSequence").isEqualTo(0);
        assertThat(supervisionStatus(inspector, x, approved)).isEqualTo("FILED");
        assertThat(parkedOf(admin, x)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT last_position FROM supervision_institution WHERE institution_id = ?", Long.class,
                x)).isEqualTo(lastParked);

        List<Map<String, Object>> audit = client.get().uri("/api/v1/admin/dead-letters/audit").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        List<Map<String, Object>> mine = audit.stream().filter(a -> id.equals(a.get("id"))).toList();
        assertThat(mine).extracting(a -> a.get("outcome")).containsExactly("PROJECTED", "STILL_PARKED");
        assertThat(mine).allSatisfy(a -> assertThat(a).containsEntry("action", "RETRY").containsEntry("actorRole", "ADMIN")
                .containsEntry("projection", "supervision").containsKey("at").containsKey("actorId"));
    }

    /** The history index, the licence alerts and the certificates: parked while their table refuses the institution, projected by a retry after. */
    @Test
    void aRetryAfterTheFixProjectsWhatEachProjectionParked() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String admin = tokens.admin();
        String inspector = tokens.inspector("3708");
        String x = UUID.randomUUID().toString();
        Map<String, String> tables = Map.of("institution-history", "institution_history", "licence-alerts", "licence_view",
                "certificates", "filing_certificate");
        List<RefusingTrigger> bugs = tables.values().stream().map(t -> RefusingTrigger.install(jdbc, t, x)).toList();
        long approved;
        try {
            filings.file(tokens.operator(x), Filings.body(Filings.freshCreditCode(), "重试修复测试托育中心"));
            approved = filings.approve(inspector, x).position();
            for (String projection : tables.keySet()) {
                PoisonEvents.await(() -> !parkedOf(admin, projection, x).isEmpty(), projection + " parked nothing of " + x);
            }
            long later = filings.file(tokens.operator(UUID.randomUUID().toString()),
                    Filings.body(Filings.freshCreditCode(), "重试修复之后托育中心")).position();
            client.get().uri("/api/v1/supervision/licence-alerts?minPosition=" + later).headers(h -> h.setBearerAuth(inspector))
                    .exchange().expectStatus().isOk();
        } finally {
            bugs.forEach(RefusingTrigger::close);
        }
        for (String projection : tables.keySet()) {
            // the sequence's first parked event; the retry goes on with the ones behind it
            String head = (String) parkedOf(admin, projection, x).get(0).get("id");
            client.post().uri("/api/v1/admin/dead-letters/" + head + "/retry").headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("PROJECTED");
            assertThat(parkedOf(admin, projection, x)).isEmpty();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM institution_history WHERE institution_id = ?", Long.class, x))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND global_index <= ?", Long.class, x, approved));
        assertThat(jdbc.queryForObject("SELECT licence_status FROM licence_view WHERE institution_id = ?", String.class, x))
                .isEqualTo("VERIFIED");
        assertThat(jdbc.queryForObject("SELECT status FROM filing_certificate WHERE institution_id = ?", String.class, x))
                .isEqualTo("VALID");
    }

    /**
     * The flake "last_position 17 before a rebuild, 16 after" (ProjectionRebuildTest after this
     * class): an event that fills a gap in the global index (its transaction committed after a
     * later-numbered one) is handled with a tracking token whose position is the highest index the
     * processor has seen, not its own; parked, it is stored with that token. A retry must fold it
     * at its own index, which is what a rebuild from the first event records.
     */
    @Test
    void aRetriedEventThatFilledAGapIsFoldedAtItsOwnIndex() throws Exception {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        PoisonEvents poison = new PoisonEvents(jdbc);
        String admin = tokens.admin();
        String inspector = tokens.inspector("3708");
        String x = UUID.randomUUID().toString();
        filings.file(tokens.operator(x), Filings.body(Filings.freshCreditCode(), "填补空洞测试托育中心"));
        long approved = filings.approve(inspector, x).position();
        assertThat(supervisionStatus(inspector, x, approved)).isEqualTo("FILED");
        Map<String, Object> suspension = new java.util.LinkedHashMap<>();
        suspension.put("institutionId", x);
        suspension.put("reason", "消防检查不合格");
        suspension.put("occurredAt", java.time.Instant.now().toString());
        PoisonEvents.Stored suspended;
        try (RefusingTrigger bug = RefusingTrigger.install(jdbc, "supervision_institution", x);
             PoisonEvents.Uncommitted slow = poison.appendLater(org.careledger.kernel.filing.FilingSuspended.class,
                     suspension, x, "370830")) {
            suspended = slow.stored();
            long later = filings.file(tokens.operator(UUID.randomUUID().toString()),
                    Filings.body(Filings.freshCreditCode(), "填补空洞之后托育中心")).position();
            assertThat(later).isGreaterThan(suspended.position());
            supervisionStatus(inspector, x, later);   // the processor has seen past the gap
            slow.commit();
            PoisonEvents.await(() -> poison.isParked("supervision", suspended.eventId()), "the suspension was not parked");
        }
        retryHead(admin, "supervision", x);
        assertThat(jdbc.queryForMap("SELECT status, last_position FROM supervision_institution WHERE institution_id = ?", x))
                .containsEntry("status", "SUSPENDED").containsEntry("last_position", suspended.position());
        poison.evictEverywhere(x);
    }

    /**
     * The utilisation counts: a day's attendance and its correction are parked while
     * {@code attendance_day} refuses the institution; a retry after the fix counts the corrected day
     * and records the correction's own index, as a rebuild would.
     */
    @Test
    void aRetryAfterTheFixCountsTheParkedAttendance() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String admin = tokens.admin();
        String x = UUID.randomUUID().toString();
        String op = tokens.operator(x);
        filings.file(op, Filings.body(Filings.freshCreditCode(), "考勤重试测试托育中心"));
        long approved = filings.approve(tokens.inspector("3708"), x).position();
        Attendance days = new Attendance(client);
        long corrected;
        String day;
        try (RefusingTrigger bug = RefusingTrigger.install(jdbc, "attendance_day", x)) {
            Attendance.Attended attended = days.attendOneDay(op, x, approved);
            corrected = days.correctToAbsent(op, x, attended.child());
            day = jdbc.queryForObject("SELECT aggregate_identifier FROM domain_event_entry WHERE global_index = ?",
                    String.class, corrected);
            PoisonEvents.await(() -> parkedOf(admin, "utilisation", day).size() == 2,
                    "utilisation did not park the day's attendance and its correction");
            long later = filings.file(tokens.operator(UUID.randomUUID().toString()),
                    Filings.body(Filings.freshCreditCode(), "考勤重试之后托育中心")).position();
            client.get().uri("/api/v1/supervision/utilisation?minPosition=" + later).headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isOk();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM attendance_day WHERE institution_id = ?", Long.class, x))
                    .isZero();
        }
        retryHead(admin, "utilisation", day);
        assertThat(jdbc.queryForMap("SELECT recorded, attended, last_position FROM attendance_day WHERE institution_id = ?", x))
                .containsEntry("recorded", 1).containsEntry("attended", 0).containsEntry("last_position", corrected);
    }

    /**
     * The subsidy ledger: a computed case and its approval are parked while {@code subsidy_case}
     * refuses the institution; a retry after the fix writes the case as approved, at the approval's
     * own index.
     */
    @Test
    void aRetryAfterTheFixWritesTheParkedSubsidyCase() throws Exception {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String admin = tokens.admin();
        String officer = tokens.officer("3708");
        String x = UUID.randomUUID().toString();
        String op = tokens.operator(x);
        String code17 = "52370811MJ" + String.format("%07d", (System.nanoTime() / 1000 + 11) % 10_000_000);
        filings.file(op, Filings.inZone(Filings.body(code17 + org.careledger.kernel.value.CreditCode.checkCharacterFor(code17),
                "补助重试测试托育中心", "370811", 35.38, 116.58,
                List.of(Map.of("name", "托小班", "classType", "YOUNG_TODDLER", "places", 15))), "370811-TBH"));
        filings.approve(tokens.inspector("3708"), x);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String caseId;
        long decided;
        try (RefusingTrigger bug = RefusingTrigger.install(jdbc, "subsidy_case", x)) {
            caseId = filings.post(op, "/api/v1/subsidies", Map.of("institutionId", x, "kind", "CONSTRUCTION",
                    "periodFrom", today.withDayOfYear(1).toString(), "periodTo", today.toString())).id();
            PoisonEvents.await(() -> !parkedOf(admin, "subsidy-ledger", caseId).isEmpty(), "the computed case was not parked");
            decided = filings.post(officer, "/api/v1/subsidies/" + caseId + "/decision",
                    Map.of("approve", true, "reason", "验收合格")).position();
            PoisonEvents.await(() -> parkedOf(admin, "subsidy-ledger", caseId).size() == 2, "the approval was not parked behind");
            client.get().uri("/api/v1/subsidies?minPosition=" + decided).headers(h -> h.setBearerAuth(officer))
                    .exchange().expectStatus().isOk();
        }
        retryHead(admin, "subsidy-ledger", caseId);
        assertThat(jdbc.queryForMap("SELECT status, computed_fen, approved_fen, last_position FROM subsidy_case "
                + "WHERE case_id = ?", caseId)).containsEntry("status", "APPROVED").containsEntry("computed_fen", 15 * 200_000L)
                .containsEntry("approved_fen", 15 * 200_000L).containsEntry("last_position", decided);

        // a payment whose transaction committed after a later one (it fills a gap), parked and retried:
        // recorded at its own index, as a rebuild records it, not at its token's (the flake of ProjectionRebuildTest)
        PoisonEvents poison = new PoisonEvents(jdbc);
        Map<String, Object> payment = new java.util.LinkedHashMap<>();
        payment.put("institutionId", x);
        payment.put("caseId", caseId);
        payment.put("amountFen", 15 * 200_000L);
        payment.put("paidOn", today.toString());
        payment.put("reference", "CZ-GAP-1");
        payment.put("occurredAt", java.time.Instant.now().toString());
        PoisonEvents.Stored paid;
        try (RefusingTrigger bug = RefusingTrigger.install(jdbc, "subsidy_case", x);
             PoisonEvents.Uncommitted slow = poison.appendLater(org.careledger.kernel.subsidy.SubsidyPaid.class, payment, x,
                     "370811")) {
            paid = slow.stored();
            long later = filings.file(tokens.operator(UUID.randomUUID().toString()),
                    Filings.body(Filings.freshCreditCode(), "补助空洞之后托育中心")).position();
            client.get().uri("/api/v1/subsidies?minPosition=" + later).headers(h -> h.setBearerAuth(officer))
                    .exchange().expectStatus().isOk();
            slow.commit();
            poison.awaitParked("subsidy-ledger", paid.eventId());
        }
        String sequence = (String) poison.parkedEntry("subsidy-ledger", paid.eventId()).get("sequence_identifier");
        retryHead(admin, "subsidy-ledger", sequence);
        assertThat(jdbc.queryForMap("SELECT status, paid_fen, last_position FROM subsidy_case WHERE case_id = ?", caseId))
                .containsEntry("status", "PAID").containsEntry("paid_fen", 15 * 200_000L)
                .containsEntry("last_position", paid.position());
    }

    /**
     * The white-list: a damaged document of the institution (one the projection cannot read) parks
     * its filing and approval; once the damaged document is removed (the fix), a retry writes the
     * public entry at the approval's own index, and the public search finds it.
     */
    @Test
    void aRetryAfterTheFixListsTheParkedInstitution() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String admin = tokens.admin();
        String x = UUID.randomUUID().toString();
        String code = Filings.freshCreditCode();
        MongoCollection<Document> whiteList = mongo.getCollection("white_list");
        Mono.from(whiteList.insertOne(new Document("_id", x).append("viewJson", "damaged").append("lastPosition", 0L)))
                .block(Duration.ofSeconds(10));
        long approved;
        try {
            filings.file(tokens.operator(x), Filings.body(code, "白名单重试测试托育中心"));
            approved = filings.approve(tokens.inspector("3708"), x).position();
            PoisonEvents.await(() -> parkedOf(admin, "white-list", x).stream()
                    .anyMatch(p -> "org.careledger.kernel.licence.FilingCertificateIssued".equals(p.get("payloadType"))),
                    "the approval and the certificate issued with it were not parked");
            long later = filings.approve(tokens.inspector("3708"), filings.file(tokens.operator(UUID.randomUUID().toString()),
                    Filings.body(Filings.freshCreditCode(), "白名单重试之后托育中心")).id()).position();
            assertThat(publicSearch("白名单重试之后托育中心", later)).contains("白名单重试之后托育中心");
            assertThat(publicSearch("白名单重试测试托育中心", later)).doesNotContain(code);
        } finally {
            Mono.from(whiteList.deleteOne(new Document("_id", x).append("viewJson", "damaged"))).block(Duration.ofSeconds(10));
        }
        long last = parkedOf(admin, "white-list", x).stream().mapToLong(p -> ((Number) p.get("position")).longValue())
                .max().orElseThrow();
        retryHead(admin, "white-list", x);
        Document written = Mono.from(whiteList.find(new Document("_id", x)).first()).block(Duration.ofSeconds(10));
        assertThat(written.get("lastPosition", Number.class).longValue()).isEqualTo(last);
        assertThat(written.getString("status")).isEqualTo("FILED");
        assertThat(publicSearch("白名单重试测试托育中心", approved)).contains(code);
    }

    private String publicSearch(String name, long minPosition) {
        return client.get().uri(uri -> uri.path("/api/v1/public/institutions").queryParam("q", name)
                        .queryParam("minPosition", minPosition).build())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    /** Retries a sequence from its first parked event: projected, nothing of it left parked. */
    private void retryHead(String admin, String projection, String sequence) {
        String head = (String) parkedOf(admin, projection, sequence).get(0).get("id");
        client.post().uri("/api/v1/admin/dead-letters/" + head + "/retry").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("PROJECTED")
                .jsonPath("$.stillParkedInSequence").isEqualTo(0);
        assertThat(parkedOf(admin, projection, sequence)).isEmpty();
    }

    @Test
    void anUnknownParkedEventIsAProblemAndAnEvictionIsAudited() {
        Tokens tokens = new Tokens(client);
        String admin = tokens.admin();
        for (var request : List.of(client.post().uri("/api/v1/admin/dead-letters/no-such-letter/retry"),
                client.delete().uri("/api/v1/admin/dead-letters/no-such-letter"),
                client.get().uri("/api/v1/admin/dead-letters/no-such-letter"))) {
            request.headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith("application/problem+json")
                    .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
        }

        // an event parked by the licence alerts, evicted
        PoisonEvents poison = new PoisonEvents(jdbc);
        String z = UUID.randomUUID().toString();
        PoisonEvents.Stored bad = poison.append(org.careledger.kernel.licence.LicenceStatusChanged.class,
                PerProjectionPoisonTest.licenceChangeBeyondTimestamps(z), z, "370830");
        Map<String, Object> parked = poison.awaitParked("licence-alerts", bad.eventId());
        String id = (String) parked.get("dead_letter_id");
        client.delete().uri("/api/v1/admin/dead-letters/" + id).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("EVICTED");
        assertThat(poison.isParked("licence-alerts", bad.eventId())).isFalse();
        client.get().uri("/api/v1/admin/dead-letters/audit").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(LIST).value(audit -> assertThat(audit)
                        .anySatisfy(a -> assertThat(a).containsEntry("id", id).containsEntry("action", "EVICT")
                                .containsEntry("outcome", "EVICTED").containsEntry("eventId", bad.eventId())));
        poison.evictEverywhere(z);
    }

    private List<Map<String, Object>> parkedOf(String admin, String sequence) {
        return parkedOf(admin, "supervision", sequence);
    }

    private List<Map<String, Object>> parkedOf(String admin, String projection, String sequence) {
        return client.get().uri("/api/v1/admin/dead-letters?projection=" + projection).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody().stream()
                .filter(p -> sequence.equals(p.get("sequence"))).toList();
    }

    /** The institution's status in the supervision view, read after a request waiting for the position answered. */
    private String supervisionStatus(String inspector, String id, long minPosition) {
        client.get().uri("/api/v1/supervision/institutions?division=370830&minPosition=" + minPosition)
                .headers(h -> h.setBearerAuth(inspector)).exchange().expectStatus().isOk();
        return jdbc.queryForList("SELECT status FROM supervision_institution WHERE institution_id = ?", String.class, id)
                .stream().findFirst().orElse(null);
    }
}
