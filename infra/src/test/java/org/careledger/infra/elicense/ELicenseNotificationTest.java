package org.careledger.infra.elicense;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.careledger.command.licence.NotificationSignature;
import org.careledger.infra.support.EventRows;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.PoisonEvents;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Signed licence-change notifications pushed by an e-license platform, and what they cause. */
class ELicenseNotificationTest extends IntegrationTest {

    private static final String PATH = "/api/v1/integration/e-license/notifications";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    private WebTestClient.ResponseSpec send(String platform, String secret, long timestamp, String nonce, String body) {
        String ts = Long.toString(timestamp);
        String signature = NotificationSignature.sign(secret, ts, nonce, body.getBytes(StandardCharsets.UTF_8));
        return client.post().uri(PATH).contentType(MediaType.APPLICATION_JSON)
                .header("X-Platform-Id", platform).header("X-Timestamp", ts).header("X-Nonce", nonce)
                .header("X-Signature", signature).bodyValue(body).exchange();
    }

    private static String revocation(String notificationId, String creditCode) {
        return "{\"notificationId\":\"" + notificationId + "\",\"creditCode\":\"" + creditCode
                + "\",\"change\":\"REVOKED\",\"effectiveAt\":\"2026-11-20T00:00:00Z\",\"detail\":\"市场监管部门吊销营业执照\"}";
    }

    private String filedInstitution(String creditCode, Tokens tokens, Filings filings, ELicenseSupport elicense) {
        String id = UUID.randomUUID().toString();
        filings.file(tokens.operator(id), Filings.body(creditCode, "通知测试托育中心"));
        elicense.awaitEvents(id, t -> t.contains("LicenceVerified"), Duration.ofSeconds(30));
        filings.approve(tokens.inspector("3708"), id);
        return id;
    }

    @Test
    void aRevokedBusinessLicenceSuspendsTheFilingAndTheWhiteListShowsIt() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        EventRows events = new EventRows(jdbc);
        ELicenseSupport elicense = new ELicenseSupport(client, events);
        String code = Filings.freshCreditCode();
        String id = filedInstitution(code, tokens, filings, elicense);
        String notificationId = "n-" + UUID.randomUUID();

        Map<String, Object> answer = send("test-platform", PLATFORM_SECRET, Instant.now().getEpochSecond(),
                UUID.randomUUID().toString(), revocation(notificationId, code))
                .expectStatus().isAccepted().expectBody(JSON_MAP).returnResult().getResponseBody();
        assertThat(answer).containsEntry("institutionId", id).containsEntry("duplicate", false);
        // the suspension is written with the change, and the answer's position covers it: a read
        // at that position shows SUSPENDED at once, with no waiting for a process to react
        assertThat(events.typesFor(id)).containsSubsequence("FilingApproved", "LicenceStatusChanged", "FilingSuspended");
        long position = ((Number) answer.get("position")).longValue();
        assertThat(position).isEqualTo(jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, id));
        client.get().uri(b -> b.path("/api/v1/public/institutions").queryParam("q", "通知测试")
                        .queryParam("minPosition", position).build())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.creditCode == '" + code + "')].status").isEqualTo("SUSPENDED");
        // and so does its filing certificate: its number is read from the certificate view, which a
        // separate processor writes and may not have reached yet (the read below waits for the position)
        String sql = "SELECT certificate_number FROM filing_certificate WHERE institution_id = ?";
        PoisonEvents.await(() -> !jdbc.queryForList(sql, String.class, id).isEmpty(), "a filing certificate for " + id);
        String certificate = jdbc.queryForObject(sql, String.class, id);
        client.get().uri("/api/v1/public/certificates/" + certificate + "?minPosition=" + position).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("SUSPENDED");
        client.get().uri("/api/v1/supervision/licence-alerts?minPosition=" + position)
                .headers(h -> h.setBearerAuth(tokens.inspector("37")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.institutionId == '" + id + "')].flaggedChange").isEqualTo("REVOKED");

        // the same notification again (a new nonce, as a platform retry would send) changes nothing
        // and is answered as a duplicate, with a position that still covers what the first one did
        int before = events.countFor(id);
        Map<String, Object> again = send("test-platform", PLATFORM_SECRET, Instant.now().getEpochSecond(),
                UUID.randomUUID().toString(), revocation(notificationId, code))
                .expectStatus().isAccepted().expectBody(JSON_MAP).returnResult().getResponseBody();
        assertThat(again).containsEntry("institutionId", id).containsEntry("duplicate", true);
        assertThat(((Number) again.get("position")).longValue()).isEqualTo(position);
        assertThat(events.countFor(id)).isEqualTo(before);
    }

    @Test
    void aRepeatedNotificationAboutAnUnknownCreditCodeIsAnsweredAsADuplicate() {
        String code = Filings.freshCreditCode();   // no institution holds it
        String notificationId = "n-" + UUID.randomUUID();
        Map<String, Object> first = send("test-platform", PLATFORM_SECRET, Instant.now().getEpochSecond(),
                UUID.randomUUID().toString(), revocation(notificationId, code))
                .expectStatus().isAccepted().expectBody(JSON_MAP).returnResult().getResponseBody();
        assertThat(first).containsEntry("duplicate", false);
        assertThat(first.get("institutionId")).isNull();
        Map<String, Object> again = send("test-platform", PLATFORM_SECRET, Instant.now().getEpochSecond(),
                UUID.randomUUID().toString(), revocation(notificationId, code))
                .expectStatus().isAccepted().expectBody(JSON_MAP).returnResult().getResponseBody();
        assertThat(again).containsEntry("duplicate", true);
        assertThat(again.get("institutionId")).isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM elicense_unmatched_notification WHERE notification_id = ?",
                Integer.class, notificationId)).isEqualTo(1);
    }

    @Test
    void forgedStaleReplayedOrMalformedNotificationsAreRefusedAndWriteNothing() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        EventRows events = new EventRows(jdbc);
        ELicenseSupport elicense = new ELicenseSupport(client, events);
        String code = Filings.freshCreditCode();
        String id = filedInstitution(code, tokens, filings, elicense);
        int before = events.countFor(id);
        long now = Instant.now().getEpochSecond();
        String body = revocation("n-" + UUID.randomUUID(), code);

        send("test-platform", "not-the-secret", now, UUID.randomUUID().toString(), body)
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("NOTIFICATION_UNAUTHENTICATED");
        send("unknown-platform", PLATFORM_SECRET, now, UUID.randomUUID().toString(), body)
                .expectStatus().isUnauthorized();
        send("test-platform", PLATFORM_SECRET, now - 3600, UUID.randomUUID().toString(), body)
                .expectStatus().isUnauthorized();
        client.post().uri(PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
        send("test-platform", PLATFORM_SECRET, now, UUID.randomUUID().toString(), "{\"notificationId\": 7")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("MALFORMED_REQUEST");
        send("test-platform", PLATFORM_SECRET, now, UUID.randomUUID().toString(),
                "{\"notificationId\":\"x\",\"creditCode\":\"bad\",\"change\":\"BURNT\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_INPUT");
        String nonce = UUID.randomUUID().toString();
        String other = revocation("n-" + UUID.randomUUID(), Filings.freshCreditCode());
        send("test-platform", PLATFORM_SECRET, now, nonce, other).expectStatus().isAccepted();
        send("test-platform", PLATFORM_SECRET, now, nonce, other)
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("nonce"));

        assertThat(events.countFor(id)).isEqualTo(before);
        assertThat(events.typesFor(id)).doesNotContain("LicenceStatusChanged", "FilingSuspended");
    }

    @Test
    void theNotificationEndpointNeedsNoBearerTokenButTheOverrideDoes() {
        client.post().uri("/api/v1/institutions/" + UUID.randomUUID() + "/licence/override")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "x"))
                .exchange().expectStatus().isUnauthorized();
    }
}
