package org.careledger.infra.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
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

    private List<Document> whiteListDocuments() {
        return Flux.from(mongo.getCollection("white_list").find().sort(new Document("_id", 1)))
                .collectList().block(Duration.ofSeconds(10));
    }
}
