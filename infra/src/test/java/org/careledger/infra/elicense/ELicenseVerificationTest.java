package org.careledger.infra.elicense;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.careledger.infra.support.EventRows;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.value.CreditCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Licence verification with the e-license platform (the simulator, over real HTTP), the approval
 * gate and its override, and the filing certificate issued on approval.
 */
class ELicenseVerificationTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    private Tokens tokens;
    private Filings filings;
    private EventRows events;
    private ELicenseSupport elicense;

    @BeforeEach
    void setUp() {
        tokens = new Tokens(client);
        filings = new Filings(client);
        events = new EventRows(jdbc);
        elicense = new ELicenseSupport(client, events);
    }

    @AfterEach
    void platformBackToNormal() {
        elicense.mode(false, 0);
    }

    private String file(String creditCode, String name) {
        String id = UUID.randomUUID().toString();
        filings.file(tokens.operator(id), Filings.body(creditCode, name));
        return id;
    }

    private int approveStatus(String token, String id) {
        return client.post().uri("/api/v1/institutions/" + id + "/filing/approve").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectBody(String.class).returnResult().getStatus().value();
    }

    @Test
    void aVerifiedLicenceLetsTheFilingBeApprovedAndACertificateIsIssued() throws Exception {
        String id = file(Filings.freshCreditCode(), "证照核验托育中心");
        elicense.awaitEvents(id, t -> t.contains("LicenceVerified"), WAIT);
        long position = filings.approve(tokens.inspector("3708"), id).position();
        // the simulator's licence runs four more years: an alert within ten years, none within thirty days
        client.get().uri("/api/v1/supervision/licence-alerts?withinDays=3650&minPosition=" + position)
                .headers(h -> h.setBearerAuth(tokens.inspector("3708"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.institutionId == '" + id + "')].reasons[0]").isEqualTo("LICENCE_EXPIRING");
        client.get().uri("/api/v1/supervision/licence-alerts?withinDays=30&minPosition=" + position)
                .headers(h -> h.setBearerAuth(tokens.inspector("3708"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.institutionId == '" + id + "')]").isEmpty();
        assertThat(events.typesFor(id)).containsSubsequence("FilingSubmitted", "LicenceVerified", "FilingApproved",
                "FilingCertificateIssued");

        String number = jdbc.queryForObject("SELECT encode(payload, 'escape') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%FilingCertificateIssued'", String.class, id)
                .replaceAll(".*\"certificateNumber\":\"([A-Z0-9]+)\".*", "$1");
        byte[] certificate = client.get().uri("/api/v1/public/certificates/" + number + "?minPosition=" + position)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("VALID")
                .jsonPath("$.certificate.institutionName").isEqualTo("证照核验托育中心")
                .jsonPath("$.algorithm").isEqualTo("Ed25519")
                .returnResult().getResponseBody();
        client.get().uri(b -> b.path("/api/v1/public/institutions").queryParam("q", "证照核验")
                        .queryParam("minPosition", position).build()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].certificateNumber").isEqualTo(number);
        String publicKey = (String) client.get().uri("/api/v1/public/certificates/public-key").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("publicKey");

        assertThat(OfflineCertificateVerifier.verify(certificate, publicKey)).isEqualTo("VALID");
        // any changed byte of the content or of the signature fails the offline check
        ObjectMapper json = new ObjectMapper();
        ObjectNode renamed = (ObjectNode) json.readTree(certificate);
        ((ObjectNode) renamed.get("certificate")).put("institutionName", "证照核验托育中心X");
        assertThat(OfflineCertificateVerifier.verify(json.writeValueAsBytes(renamed), publicKey)).startsWith("INVALID");
        ObjectNode resigned = (ObjectNode) json.readTree(certificate);
        String signature = resigned.get("signature").asText();
        resigned.put("signature", (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1));
        assertThat(OfflineCertificateVerifier.verify(json.writeValueAsBytes(resigned), publicKey)).startsWith("INVALID");
        String text = new String(certificate, StandardCharsets.UTF_8);
        String issued = json.readTree(certificate).get("certificate").get("issuedAt").asText();
        assertThat(OfflineCertificateVerifier.verify(text.replace(issued, issued.replace('0', '1'))
                .getBytes(StandardCharsets.UTF_8), publicKey)).startsWith("INVALID");

        // revocation shows on the certificate
        long revoked = filings.post(tokens.inspector("3708"), "/api/v1/institutions/" + id + "/filing/revoke",
                Map.of("reason", "违规")).position();
        client.get().uri("/api/v1/public/certificates/" + number + "?minPosition=" + revoked).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REVOKED");
        client.get().uri("/api/v1/public/certificates/TYBA123").exchange().expectStatus().isBadRequest();
    }

    @Test
    void anExpiredLicenceBlocksApprovalUntilAnInspectorOverridesIt() {
        String code = Filings.freshCreditCode();
        elicense.script(code, "EXPIRED");
        String id = file(code, "过期执照托育中心");
        elicense.awaitEvents(id, t -> t.contains("LicenceVerificationFailed"), WAIT);
        String inspector = tokens.inspector("3708");
        // the failed verification is a supervision alert
        long failedAt = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, id);
        client.get().uri("/api/v1/supervision/licence-alerts?minPosition=" + failedAt).headers(h -> h.setBearerAuth(inspector))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.institutionId == '" + id + "')].reasons[0]").isEqualTo("VERIFICATION_FAILED");
        client.post().uri("/api/v1/institutions/" + id + "/filing/approve").headers(h -> h.setBearerAuth(inspector))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("LICENCE_NOT_VERIFIED");

        String override = "/api/v1/institutions/" + id + "/licence/override";
        client.post().uri(override).headers(h -> h.setBearerAuth(tokens.operator(id)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "x")).exchange()
                .expectStatus().isForbidden();
        client.post().uri(override).headers(h -> h.setBearerAuth(inspector))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest();
        long position = filings.post(inspector, override, Map.of("reason", "已现场核验新执照，平台未同步")).position();
        filings.approve(inspector, id);
        assertThat(events.typesFor(id)).containsSubsequence("LicenceVerificationFailed", "LicenceVerificationOverridden",
                "FilingApproved");

        // once overridden it is no longer an alert
        client.get().uri("/api/v1/supervision/licence-alerts?minPosition=" + position).headers(h -> h.setBearerAuth(inspector))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.institutionId == '" + id + "')]").isEmpty();
        // and other jurisdictions do not see it at all
        client.get().uri("/api/v1/supervision/licence-alerts?division=3708").headers(h -> h.setBearerAuth(tokens.inspector("33")))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void revokedAndUnknownLicencesFailVerificationAndAChecksumFailureIsSettledByThePlatform() {
        String revokedCode = Filings.freshCreditCode();
        elicense.script(revokedCode, "REVOKED");
        String revoked = file(revokedCode, "吊销执照托育中心");
        String valid = Filings.freshCreditCode();
        String pilot = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        assertThat(CreditCode.parse(pilot).checksumValid()).isFalse();
        // not scripted: the simulator answers UNKNOWN for a code failing the checksum, by itself
        String unknown = file(pilot, "试点代码托育中心");
        String pilotValid = Filings.freshCreditCode();
        String pilotValidCode = pilotValid.substring(0, 17) + (pilotValid.charAt(17) == '0' ? '1' : '0');
        elicense.script(pilotValidCode, "VALID");
        String accepted = file(pilotValidCode, "试点代码有效托育中心");

        elicense.awaitEvents(revoked, t -> t.contains("LicenceVerificationFailed"), WAIT);
        elicense.awaitEvents(unknown, t -> t.contains("LicenceVerificationFailed"), WAIT);
        // a code failing the checksum that the platform knows is verified, and may be approved
        elicense.awaitEvents(accepted, t -> t.contains("LicenceVerified"), WAIT);
        filings.approve(tokens.inspector("3708"), accepted);
        assertThat(jdbc.queryForObject("SELECT encode(payload, 'escape') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%LicenceVerificationFailed'", String.class, revoked)).contains("\"REVOKED\"");
    }

    @Test
    void aPlatformThatIsDownOrSlowDoesNotStopFilingAndVerificationResumesWhenItIsBack() {
        elicense.mode(true, 0);
        String down = file(Filings.freshCreditCode(), "平台故障期间托育中心");
        assertThat(approveStatus(tokens.inspector("3708"), down)).isEqualTo(503);
        waitForAttempts(down);
        assertThat(events.typesFor(down)).doesNotContain("LicenceVerified");

        elicense.mode(false, 2500); // slower than the 1 s read timeout
        String slow = file(Filings.freshCreditCode(), "平台缓慢期间托育中心");
        waitForAttempts(slow);
        assertThat(events.typesFor(slow)).doesNotContain("LicenceVerified");

        elicense.mode(false, 0);
        elicense.awaitEvents(down, t -> t.contains("LicenceVerified"), Duration.ofSeconds(40));
        elicense.awaitEvents(slow, t -> t.contains("LicenceVerified"), Duration.ofSeconds(40));
        filings.approve(tokens.inspector("3708"), down);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM licence_check WHERE institution_id IN (?, ?)", Integer.class,
                down, slow)).isZero();
    }

    private void waitForAttempts(String id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Integer> attempts = jdbc.queryForList("SELECT attempts FROM licence_check WHERE institution_id = ?",
                    Integer.class, id);
            if (!attempts.isEmpty() && attempts.get(0) > 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the licence check of " + id + " was never attempted");
    }
}
