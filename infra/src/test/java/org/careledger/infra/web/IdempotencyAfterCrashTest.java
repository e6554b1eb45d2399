package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An Idempotency-Key survives a crash. The crash is simulated in the table: a key left "in
 * progress" by an attempt that no longer runs. Before, every retry of such a key answered 409
 * "still being processed" for good; now it settles to one execution, never two.
 */
class IdempotencyAfterCrashTest extends IntegrationTest {

    private static final String PATH = "/api/v1/inspections";

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("idempotencyLeasesOfDeadProcesses")
    SmartInitializingSingleton restartSweep;

    private String institution;
    private String inspector;

    @BeforeEach
    void institution() {
        institution = UUID.randomUUID().toString();
        Tokens tokens = new Tokens(client);
        new Filings(client).file(tokens.operator(institution), Filings.body(Filings.freshCreditCode(), "崩溃幂等托育中心"));
        inspector = tokens.inspector("37");
    }

    @Test
    void committedButUnansweredTheRetryAnswersWhatWasCommittedAndAppendsNothing() {
        String key = UUID.randomUUID().toString();
        String body = inspection();
        EntityExchangeResult<String> first = post(key, body);
        assertThat(first.getStatus().value()).isEqualTo(201);
        String inspectionId = idIn(first.getResponseBody());
        // the process died after the command's transaction, before the answer was stored
        jdbc.update("UPDATE idempotent_request SET status = NULL, content_type = NULL, body = NULL, completed_at = NULL, "
                + "attempt_id = 'attempt-of-a-dead-process', lease_until = now() - interval '1 second' "
                + "WHERE idempotency_key = ?", key);

        EntityExchangeResult<String> retry = post(key, body);

        assertThat(retry.getStatus().value()).as(retry.getResponseBody()).isEqualTo(201);
        assertThat(idIn(retry.getResponseBody())).isEqualTo(inspectionId);
        assertThat(inspectionsRecorded()).isEqualTo(1);
        EntityExchangeResult<String> again = post(key, body);
        assertThat(again.getResponseHeaders().getFirst(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(again.getResponseBody()).isEqualTo(retry.getResponseBody());
    }

    @Test
    void diedBeforeTheCommitTheRetryExecutesOnce() {
        String body = inspection();
        String caller = callerOfInspector();
        String key = UUID.randomUUID().toString();
        // a request that was accepted, then its process died before its command committed
        jdbc.update("INSERT INTO idempotent_request (caller_id, idempotency_key, request_hash, attempt_id, lease_until) "
                + "VALUES (?, ?, ?, 'attempt-of-a-dead-process', now() + interval '1 hour')", caller, key, hash(body));
        // the restart: with the embedded store no other process can own it
        restartSweep.afterSingletonsInstantiated();

        EntityExchangeResult<String> retry = post(key, body);

        assertThat(retry.getStatus().value()).as(retry.getResponseBody()).isEqualTo(201);
        assertThat(inspectionsRecorded()).isEqualTo(1);
        assertThat(post(key, body).getResponseBody()).isEqualTo(retry.getResponseBody());
        assertThat(inspectionsRecorded()).isEqualTo(1);
    }

    @Test
    void anAttemptStillRunningIsWaitedForNotTakenOver() {
        String body = inspection();
        String key = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO idempotent_request (caller_id, idempotency_key, request_hash, attempt_id, lease_until) "
                + "VALUES (?, ?, ?, 'attempt-still-running', now() + interval '1 hour')", callerOfInspector(), key, hash(body));

        EntityExchangeResult<String> repeat = post(key, body);

        assertThat(repeat.getStatus().value()).isEqualTo(409);
        assertThat(repeat.getResponseBody()).contains("CONCURRENT_MODIFICATION");
        assertThat(inspectionsRecorded()).isZero();
    }

    private EntityExchangeResult<String> post(String key, String body) {
        return client.post().uri(PATH).headers(h -> {
                    h.setBearerAuth(inspector);
                    h.set(IdempotencyFilter.HEADER, key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectBody(String.class).returnResult();
    }

    private String inspection() {
        return "{\"institutionId\":\"" + institution + "\",\"type\":\"RANDOM_SPOT_CHECK\",\"inspectedOn\":\""
                + LocalDate.now(ZoneId.of("Asia/Shanghai")) + "\"}";
    }

    private String callerOfInspector() {
        // the caller id the filter keys on: learnt from a keyed request of the same token
        String probe = UUID.randomUUID().toString();
        client.post().uri(PATH).headers(h -> {
                    h.setBearerAuth(inspector);
                    h.set(IdempotencyFilter.HEADER, probe);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
        return jdbc.queryForObject("SELECT caller_id FROM idempotent_request WHERE idempotency_key = ?", String.class, probe);
    }

    private static String hash(String body) {
        return IdempotencyFilter.hash(MockServerHttpRequest.post(PATH).build(), body.getBytes(StandardCharsets.UTF_8));
    }

    private int inspectionsRecorded() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%InspectionRecorded' "
                + "AND convert_from(payload, 'UTF8') LIKE ?", Integer.class, "%" + institution + "%");
    }

    private static String idIn(String json) {
        return json.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}
