package org.careledger.infra.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.PoisonEvents;
import org.careledger.infra.support.RefusingTrigger;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

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

        // after the fix the retry projects it
        String id = (String) parkedOf(admin, x).get(0).get("id");
        client.post().uri("/api/v1/admin/dead-letters/" + id + "/retry").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("PROJECTED")
                .jsonPath("$.stillParkedInSequence").isEqualTo(0);
        assertThat(supervisionStatus(inspector, x, approved)).isEqualTo("FILED");
        assertThat(parkedOf(admin, x)).isEmpty();

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
