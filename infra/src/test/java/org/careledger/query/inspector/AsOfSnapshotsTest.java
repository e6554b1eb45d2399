package org.careledger.query.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.query.inspector.InstitutionReplay.Reading;
import org.careledger.query.inspector.InstitutionReplay.StoredEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The as-of state answered over HTTP, which starts from the stored snapshots (taken every 3 state
 * events in tests), equals the fold of all the institution's events from the first, in both
 * readings, at every event's recorded and business time; 普惠 decisions are backdated, so business
 * snapshots are invalidated on the way. A replay of the index rebuilds the snapshots to the same answers.
 */
class AsOfSnapshotsTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @Test
    @SuppressWarnings("unchecked")
    void asOfFromSnapshotsEqualsTheFoldFromTheFirstEventAndSurvivesAReplay() throws Exception {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String id = UUID.randomUUID().toString();
        String op = tokens.operator(id);
        String inspector = tokens.inspector("3708");
        filings.file(op, Filings.body(Filings.freshCreditCode(), "快照托育中心"));
        long position = filings.approve(inspector, id).position();
        List<Map<String, Object>> classes = (List<Map<String, Object>>) client.get()
                .uri("/api/v1/supervision/institutions/" + id + "/care?minPosition=" + position)
                .headers(h -> h.setBearerAuth(op)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("classes");
        String infants = (String) classes.stream().filter(c -> "INFANT".equals(c.get("classType"))).findFirst()
                .orElseThrow().get("classId");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        for (int i = 0; i < 8; i++) {
            position = filings.post(op, "/api/v1/institutions/" + id + "/classes/" + infants + "/resize",
                    Map.of("places", 6 + i % 4)).position();
            // 普惠 granted and withdrawn with effect from earlier days: facts dated before what was recorded
            position = filings.post(inspector, "/api/v1/institutions/" + id + "/puhui", i % 2 == 0
                    ? Map.of("granted", true, "effectiveFrom", today.minusDays(30 - 3L * i).toString(), "reference", "文" + i)
                    : Map.of("granted", false, "effectiveFrom", today.minusDays(40 - 3L * i).toString(), "reason", "复核" + i))
                    .position();
        }
        long last = position;
        assertThat(answersMatchTheFullFold(id, inspector, last)).isGreaterThan(20);
        Integer recordedSnapshots = jdbc.queryForObject(
                "SELECT count(*) FROM institution_snapshot_recorded WHERE institution_id = ?", Integer.class, id);
        Integer businessSnapshots = jdbc.queryForObject(
                "SELECT count(*) FROM institution_snapshot_business WHERE institution_id = ?", Integer.class, id);
        assertThat(recordedSnapshots).isGreaterThanOrEqualTo(5);
        assertThat(businessSnapshots).isPositive();
        List<Map<String, Object>> recordedRows = jdbc.queryForList("SELECT position, max_recorded_at, view "
                + "FROM institution_snapshot_recorded WHERE institution_id = ? ORDER BY position", id);

        client.post().uri("/api/v1/admin/projections/" + HistoryIndexProjection.NAME + "/replay")
                .headers(h -> h.setBearerAuth(tokens.admin())).exchange().expectStatus().isAccepted();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!jdbc.queryForList("SELECT position, max_recorded_at, view FROM institution_snapshot_recorded "
                + "WHERE institution_id = ? ORDER BY position", id).equals(recordedRows)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the RECORDED snapshots were not rebuilt within 60 s");
            }
            Thread.sleep(100);
        }
        assertThat(answersMatchTheFullFold(id, inspector, last)).isGreaterThan(20);
    }

    /** Compares the HTTP answer with a fold of every event at each event's times; answers how many were compared. */
    private int answersMatchTheFullFold(String id, String inspector, long minPosition) {
        // the index has caught up with the last command before the events are read
        client.get().uri("/api/v1/inspector/institutions/" + id + "/state?minPosition=" + minPosition)
                .headers(h -> h.setBearerAuth(inspector)).exchange().expectStatus().isOk();
        List<StoredEvent> events = jdbc.query("SELECT h.global_index, h.recorded_at, h.business_at, e.payload_type, "
                + "e.payload_revision, e.payload FROM institution_history h JOIN domain_event_entry e "
                + "ON e.global_index = h.global_index WHERE h.institution_id = ? AND " + AsOfSnapshots.STATE_EVENTS
                + " ORDER BY h.global_index", (rs, n) -> new StoredEvent(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                rs.getTimestamp(3).toInstant(), serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(6),
                byte[].class, rs.getString(4), rs.getString(5)))), id);
        List<Instant> instants = new ArrayList<>();
        events.forEach(e -> instants.addAll(List.of(e.recordedAt(), e.businessAt(), e.businessAt().minusNanos(1_000))));
        int compared = 0;
        for (Reading reading : Reading.values()) {
            for (Instant at : instants) {
                var view = InstitutionReplay.asOf(events, at, reading);
                var answer = client.get().uri(b -> b.path("/api/v1/inspector/institutions/" + id + "/state")
                                .queryParam("asOf", at.toString()).queryParam("reading", reading.name())
                                .queryParam("minPosition", minPosition).build())
                        .headers(h -> h.setBearerAuth(inspector)).exchange().expectBody(JsonNode.class).returnResult();
                if (view == null) {
                    assertThat(answer.getStatus().value()).as("%s as of %s", reading, at).isEqualTo(404);
                } else {
                    JsonNode expected = json.valueToTree(InstitutionState.of(view, at, reading));
                    assertThat(answer.getResponseBody()).as("%s as of %s", reading, at).isEqualTo(expected);
                }
                compared++;
            }
        }
        return compared;
    }
}
