package org.careledger.infra.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.careledger.infra.support.Attendance;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Read models are disposable: rebuilding each projection from the first event gives exactly the
 * rows and documents it had, through the operations endpoint an administrator would use.
 */
class ProjectionRebuildTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("careLedgerMongoDatabase")
    MongoDatabase mongo;

    @Test
    void rebuildingTheWhiteListAndSupervisionFromZeroGivesTheSameResult() throws Exception {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String inspector = tokens.inspector("37");
        long position = 0;
        for (int i = 0; i < 4; i++) {
            String id = UUID.randomUUID().toString();
            position = filings.file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), "重建测试托育中心" + i)).position();
            if (i % 2 == 0) {
                position = filings.approve(inspector, id).position();
            }
            if (i == 2) {
                position = filings.post(inspector, "/api/v1/institutions/" + id + "/filing/suspend", Map.of("reason", "x")).position();
            }
        }
        awaitBoth(position);
        List<Map<String, Object>> rowsBefore = supervisionRows();
        List<Document> docsBefore = whiteListDocuments();
        assertThat(rowsBefore).isNotEmpty();
        assertThat(docsBefore).isNotEmpty();

        // damage both read models: only a real rebuild from the events can repair them
        jdbc.update("UPDATE supervision_institution SET name = 'tampered', status = 'REVOKED'");
        reactor.core.publisher.Mono.from(mongo.getCollection("white_list")
                .updateMany(new Document(), new Document("$set", new Document("name", "tampered")))).block(Duration.ofSeconds(10));
        assertThat(supervisionRows()).isNotEqualTo(rowsBefore);

        String admin = tokens.admin();
        for (String projection : List.of("supervision", "white-list")) {
            client.post().uri("/api/v1/admin/projections/" + projection + "/replay").headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isAccepted()
                    .expectBody().jsonPath("$.name").isEqualTo(projection);
        }
        awaitRebuilt(rowsBefore.size(), docsBefore.size(), position);

        assertThat(supervisionRows()).isEqualTo(rowsBefore);
        assertThat(whiteListDocuments()).isEqualTo(docsBefore);
    }

    @Test
    void theHistoryIndexAndTheAttendanceViewAreRebuiltToTheSameRows() throws InterruptedException {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String id = UUID.randomUUID().toString();
        filings.file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), "重建索引托育中心"));
        String op = tokens.operator(id);
        long position = filings.approve(tokens.inspector("3708"), id).position();
        Attendance days = new Attendance(client);
        Attendance.Attended attended = days.attendOneDay(op, id, position);
        position = days.correctToAbsent(op, id, attended.child());
        Map<String, Object> utilisationBefore = utilisationOf(tokens.admin(), id, position);
        assertThat(utilisationBefore).containsEntry("attendedDays", 0).containsEntry("recordedDays", 1);
        client.get().uri("/api/v1/inspector/institutions/" + id + "/state?minPosition=" + position)
                .headers(h -> h.setBearerAuth(tokens.inspector("3708"))).exchange().expectStatus().isOk();
        String history = "SELECT institution_id, global_index, event_type, recorded_at, business_at FROM institution_history "
                + "ORDER BY institution_id, global_index";
        String attendance = "SELECT institution_id, day, recorded, attended, last_position, last_event_ids::text AS ids "
                + "FROM attendance_day ORDER BY institution_id, day";
        List<Map<String, Object>> historyBefore = jdbc.queryForList(history);
        List<Map<String, Object>> attendanceBefore = jdbc.queryForList(attendance);
        assertThat(historyBefore).isNotEmpty();
        assertThat(attendanceBefore).isNotEmpty();

        jdbc.update("DELETE FROM institution_history WHERE institution_id = ?", id);
        jdbc.update("UPDATE attendance_day SET attended = recorded - attended, recorded = recorded + 7, "
                + "last_event_ids = '{}'");
        assertThat(jdbc.queryForList(attendance)).isNotEqualTo(attendanceBefore);
        String admin = tokens.admin();
        for (String projection : List.of("institution-history", "utilisation")) {
            client.post().uri("/api/v1/admin/projections/" + projection + "/replay").headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isAccepted();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(jdbc.queryForList(history).equals(historyBefore) && jdbc.queryForList(attendance).equals(attendanceBefore))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("history index and attendance view were not rebuilt within 60 s");
            }
            Thread.sleep(100);
        }
        assertThat(jdbc.queryForList(history)).isEqualTo(historyBefore);
        assertThat(utilisationOf(tokens.admin(), id, position)).isEqualTo(utilisationBefore);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> utilisationOf(String admin, String id, long position) {
        Map<String, Object> body = client.get().uri("/api/v1/supervision/utilisation?minPosition=" + position)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        return ((List<Map<String, Object>>) body.get("institutions")).stream()
                .filter(r -> id.equals(r.get("institutionId"))).findFirst().orElseThrow();
    }

    @Test
    void onlyAnAdministratorOperatesProjections() {
        client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth(new Tokens(client).inspector("37")))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth(new Tokens(client).admin()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.name == 'white-list')].running").isEqualTo(true);
        client.post().uri("/api/v1/admin/projections/no-such/replay").headers(h -> h.setBearerAuth(new Tokens(client).admin()))
                .exchange().expectStatus().isNotFound();
    }

    private void awaitBoth(long position) {
        client.get().uri("/api/v1/public/institutions?minPosition=" + position).exchange().expectStatus().isOk();
        client.get().uri("/api/v1/supervision/institutions?minPosition=" + position)
                .headers(h -> h.setBearerAuth(new Tokens(client).admin())).exchange().expectStatus().isOk();
    }

    private void awaitRebuilt(int rows, int docs, long position) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (supervisionRows().size() == rows && whiteListDocuments().size() == docs) {
                try {
                    awaitBoth(position);
                    return;
                } catch (AssertionError notYet) {
                    // the replay is still running
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("projections were not rebuilt within 60 s");
    }

    private List<Map<String, Object>> supervisionRows() {
        return jdbc.queryForList("SELECT institution_id, name, status, puhui, filing_number, total_places, last_position, "
                + "view::text AS view FROM supervision_institution ORDER BY institution_id");
    }

    /** The documents without {@code updatedAt}, which tells when a document was written, not what it says. */
    private List<Document> whiteListDocuments() {
        return Flux.from(mongo.getCollection("white_list").find().sort(new Document("_id", 1)))
                .doOnNext(d -> assertThat(d.remove("updatedAt")).isNotNull())
                .collectList().block(Duration.ofSeconds(10));
    }
}
