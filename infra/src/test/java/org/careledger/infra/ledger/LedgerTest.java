package org.careledger.infra.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.ledger.LedgerHashes;
import org.careledger.query.ledger.LedgerProcessor;
import org.careledger.ledger.LedgerRoot;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The hash chain over the event store: every event is linked, roots are published, and
 * verification recomputes the chain from the stored rows and names the first row that no longer
 * matches. Rows changed here are put back before the test ends (the store is shared).
 */
class LedgerTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerProcessor processor;

    private Tokens tokens() {
        return new Tokens(client);
    }

    /** Files an institution in 370830 and returns its id and the position of its last event. */
    private Filings.Accepted file(String name) {
        String id = UUID.randomUUID().toString();
        return new Filings(client).file(tokens().operator(id), Filings.body(Filings.freshCreditCode(), name));
    }

    /** Waits until a published root covers the position (the ledger links every 200 ms, roots every second here). */
    static void awaitRootCovering(WebTestClient client, long position) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            int status = client.get().uri("/api/v1/public/ledger/roots?size=1&minPosition=" + position)
                    .exchange().expectBody(String.class).returnResult().getStatus().value();
            if (status == 200) {
                return;
            }
            if (status != 503 || System.nanoTime() > deadline) {
                throw new AssertionError("no root covered position " + position + " (last answer " + status + ")");
            }
        }
    }

    private Map<String, Object> verify() {
        @SuppressWarnings("unchecked")
        Map<String, Object> report = client.post().uri("/api/v1/admin/ledger/verify").headers(h -> h.setBearerAuth(tokens().admin()))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return report;
    }

    @Test
    void everyStoredEventIsLinkedAndTheWholeChainVerifies() {
        Filings.Accepted filed = file("账本全链测试托育中心");
        awaitRootCovering(client, filed.position());

        Long unlinked = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry e WHERE e.global_index <= "
                + "(SELECT max(global_index) FROM ledger_link) AND NOT EXISTS (SELECT 1 FROM ledger_link l "
                + "WHERE l.global_index = e.global_index AND l.event_identifier = e.event_identifier)", Long.class);
        assertThat(unlinked).isZero();
        Long ownLinks = jdbc.queryForObject("SELECT count(*) FROM ledger_link WHERE institution_id = ?", Long.class, filed.id());
        assertThat(ownLinks).isGreaterThanOrEqualTo(2); // FilingSubmitted and its classes

        Map<String, Object> report = verify();
        assertThat(report).containsEntry("intact", true).doesNotContainKey("firstMismatch");
        long links = ((Number) report.get("linksVerified")).longValue();
        long last = ((Number) report.get("lastGlobalIndex")).longValue();
        assertThat(last).isGreaterThanOrEqualTo(filed.position());
        assertThat(links).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM ledger_link WHERE global_index <= ?", Long.class, last));
        assertThat(((Number) report.get("rootsVerified")).longValue()).isPositive();
    }

    @Test
    void aPayloadChangedWithSqlIsNamedByVerification() {
        Filings.Accepted filed = file("账本篡改测试托育中心");
        awaitRootCovering(client, filed.position());
        Map<String, Object> target = jdbc.queryForMap("SELECT global_index, event_identifier, payload_type, payload "
                + "FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0", filed.id());
        byte[] original = (byte[]) target.get("payload");
        String tampered = new String(original, StandardCharsets.UTF_8).replace("账本篡改测试托育中心", "账本篡改测试托育所");
        assertThat(tampered.getBytes(StandardCharsets.UTF_8)).isNotEqualTo(original);

        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?",
                tampered.getBytes(StandardCharsets.UTF_8), target.get("event_identifier"));
        try {
            Map<String, Object> report = verify();
            assertThat(report).containsEntry("intact", false);
            @SuppressWarnings("unchecked")
            Map<String, Object> mismatch = (Map<String, Object>) report.get("firstMismatch");
            assertThat(mismatch).containsEntry("problem", "EVENT_CHANGED")
                    .containsEntry("eventIdentifier", target.get("event_identifier"))
                    .containsEntry("aggregateIdentifier", filed.id())
                    .containsEntry("payloadType", "org.careledger.kernel.filing.FilingSubmitted");
            assertThat(((Number) mismatch.get("globalIndex")).longValue()).isEqualTo(((Number) target.get("global_index")).longValue());
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", original, target.get("event_identifier"));
        }
        assertThat(verify()).containsEntry("intact", true);
    }

    @Test
    void aHoleIsPassedOnceSettledAndARowWrittenIntoItLaterIsReportedAsNotChained() {
        // a global index handed out but never committed: a rolled-back append looks like this
        long hole = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))", Long.class);
        Filings.Accepted filed = file("账本空洞测试托育中心");
        assertThat(filed.position()).isGreaterThan(hole);
        awaitRootCovering(client, filed.position());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_link WHERE global_index = ?", Long.class, hole)).isZero();
        assertThat(verify()).containsEntry("intact", true);

        // someone writes a row into the past, with an index the chain has already passed
        String inserted = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type, "
                + "time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 0, NULL, ?, "
                + "'org.careledger.test.Backdated', NULL, ?, NULL)", hole, inserted, UUID.randomUUID().toString(),
                "2026-01-01T00:00:00Z", "{}".getBytes(StandardCharsets.UTF_8));
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> mismatch = (Map<String, Object>) verify().get("firstMismatch");
            assertThat(mismatch).containsEntry("problem", "EVENT_NOT_CHAINED").containsEntry("eventIdentifier", inserted)
                    .containsEntry("payloadType", "org.careledger.test.Backdated");
            assertThat(((Number) mismatch.get("globalIndex")).longValue()).isEqualTo(hole);
        } finally {
            jdbc.update("DELETE FROM domain_event_entry WHERE event_identifier = ?", inserted);
        }
        assertThat(verify()).containsEntry("intact", true);
    }

    @Test
    void aRestartedProcessorContinuesFromTheLastLinkAndWritesTheSameLinks() {
        Filings.Accepted first = file("账本重启测试托育中心一");
        awaitRootCovering(client, first.position());
        processor.stop();
        try {
            // as if the last transactions had never committed: their links and roots are gone
            List<Map<String, Object>> before = links(first.position() - 1);
            assertThat(before).isNotEmpty();
            jdbc.update("DELETE FROM ledger_root WHERE last_global_index >= ?", first.position() - 1);
            jdbc.update("DELETE FROM ledger_link WHERE global_index >= ?", first.position() - 1);
            Filings.Accepted second = file("账本重启测试托育中心二");
            assertThat(links(first.position() - 1)).isEmpty();
            assertThat(((Number) verify().get("eventsAwaitingLink")).longValue()).isGreaterThanOrEqualTo(second.position() - first.position());

            processor.start();
            awaitRootCovering(client, second.position());
            List<Map<String, Object>> after = links(first.position() - 1);
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            assertThat(after.stream().map(l -> ((Number) l.get("global_index")).longValue())).contains(second.position());
        } finally {
            processor.start();
        }
        assertThat(verify()).containsEntry("intact", true);
    }

    private List<Map<String, Object>> links(long from) {
        return jdbc.queryForList("SELECT global_index, event_identifier, encode(content_hash, 'hex') AS content_hash, "
                + "encode(previous_link_hash, 'hex') AS previous_link_hash, encode(link_hash, 'hex') AS link_hash, institution_id "
                + "FROM ledger_link WHERE global_index >= ? ORDER BY global_index", from);
    }

    @Test
    void rootsArePublicNamePositionsOfTheChainAndCarryNothingElse() {
        awaitRootCovering(client, file("账本根测试托育中心").position());
        @SuppressWarnings("rawtypes")
        EntityExchangeResult<Map> answer = client.get().uri("/api/v1/public/ledger/roots?size=5").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult();
        List<?> items = (List<?>) answer.getResponseBody().get("items");
        assertThat(items).isNotEmpty();
        assertThat(((Number) answer.getResponseBody().get("total")).longValue()).isGreaterThanOrEqualTo(items.size());
        Map<?, ?> newest = (Map<?, ?>) items.get(0);
        assertThat(newest.keySet().stream().map(Object::toString).toList()).containsExactlyInAnyOrder("rootId", "lastGlobalIndex", "linkHash", "createdAt", "rootHash");
        long index = ((Number) newest.get("lastGlobalIndex")).longValue();
        assertThat(newest.get("linkHash")).isEqualTo(jdbc.queryForObject(
                "SELECT encode(link_hash, 'hex') FROM ledger_link WHERE global_index = ?", String.class, index));
        assertThat(new LedgerRoot(((Number) newest.get("rootId")).longValue(), index, (String) newest.get("linkHash"),
                (String) newest.get("createdAt"), (String) newest.get("rootHash")).hashMatches()).isTrue();
        if (items.size() > 1) {
            assertThat(((Number) ((Map<?, ?>) items.get(1)).get("rootId")).longValue())
                    .isLessThan(((Number) newest.get("rootId")).longValue());
        }
        assertThat(LedgerHashes.parseHex((String) newest.get("rootHash"))).hasSize(32);

        client.get().uri("/api/v1/public/ledger/roots?size=101").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_QUERY");
    }

    @Test
    void onlyAnAdministratorVerifies() {
        client.post().uri("/api/v1/admin/ledger/verify").headers(h -> h.setBearerAuth(tokens().inspector("37")))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
        client.post().uri("/api/v1/admin/ledger/verify")
                .exchange().expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
    }
}
