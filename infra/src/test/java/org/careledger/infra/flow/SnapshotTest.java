package org.careledger.infra.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Long institution streams are snapshotted (every 250 events) and an institution loaded from its
 * snapshot still enforces its rules: the snapshot carries the whole state.
 */
class SnapshotTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLongStreamIsSnapshottedAndLoadsBackWithItsState() throws Exception {
        String id = UUID.randomUUID().toString();
        String operator = new Tokens(client).operator(id);
        Filings filings = new Filings(client);
        filings.file(operator, Filings.body(Filings.freshCreditCode(), "快照测试托育中心"));
        String classId = client.post().uri("/api/v1/institutions/" + id + "/classes").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "托大班", "classType", "OLDER_TODDLER", "places", 20))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        for (int i = 0; i < 260; i++) {
            filings.post(operator, "/api/v1/institutions/" + id + "/classes/" + classId + "/resize",
                    Map.of("places", 10 + (i % 10)));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Integer snapshots = 0;
        while (System.nanoTime() < deadline && snapshots == 0) {
            snapshots = jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                    Integer.class, id);
            Thread.sleep(100);
        }
        assertThat(snapshots).isPositive();
        // loaded from the snapshot, the aggregate still knows its classes and its rules
        client.post().uri("/api/v1/institutions/" + id + "/classes/" + classId + "/resize").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("places", 21))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("CLASS_CAPACITY_EXCEEDS_STANDARD");
        client.post().uri("/api/v1/institutions/" + id + "/filing/approve").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of())
                .exchange().expectStatus().isForbidden();
        filings.approve(new Tokens(client).inspector("370830"), id);
    }
}
