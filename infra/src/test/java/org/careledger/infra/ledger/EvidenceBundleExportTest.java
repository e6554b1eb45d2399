package org.careledger.infra.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.infra.support.Filings;
import org.careledger.ledger.Mutations;
import org.careledger.ledger.OfflineBundleVerifier;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An institution's evidence bundle: inspectors of its jurisdiction and administrators export it;
 * it holds exactly the institution's events with their links, only hashes of everything else in
 * the window, and the root; it verifies offline, and no longer does after any byte is changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceBundleExportTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    private Tokens tokens;
    private String institution;
    private String neighbour;
    private byte[] bundle;

    @BeforeAll
    void fileTwoInstitutionsAndExportOne() {
        tokens = new Tokens(client);
        Filings filings = new Filings(client);
        institution = UUID.randomUUID().toString();
        neighbour = UUID.randomUUID().toString();
        String inspector = tokens.inspector("3708");
        filings.file(tokens.operator(institution), Filings.body(Filings.freshCreditCode(), "证据包测试托育中心"));
        // the neighbour's events fall inside the institution's window
        filings.file(tokens.operator(neighbour), Filings.body(Filings.freshCreditCode(), "证据包邻居托育中心"));
        filings.approve(inspector, institution);
        long position = filings.post(inspector, "/api/v1/institutions/" + institution + "/filing/suspend",
                Map.of("reason", "消防检查不合格")).position();
        LedgerTest.awaitRootCovering(client, position);
        EntityExchangeResult<byte[]> export = client.get().uri("/api/v1/inspector/institutions/" + institution + "/export")
                .headers(h -> h.setBearerAuth(inspector))
                .exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(byte[].class).returnResult();
        assertThat(export.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment")
                .contains("evidence-" + institution);
        bundle = export.getResponseBody();
    }

    @Test
    void theBundleVerifiesOfflineAgainstAPublishedRoot() {
        assertThat(OfflineBundleVerifier.verify(bundle)).startsWith("VALID: ");
        byte[] roots = client.get().uri("/api/v1/public/ledger/roots?size=100").exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(OfflineBundleVerifier.verify(bundle, roots)).startsWith("VALID: ").endsWith("a published root");
    }

    @Test
    void theAuditorsCommandLineVerifiesTheSavedFileAgainstThePublishedRootHash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bundle.json");
        Files.write(file, bundle);
        // the auditor looks the bundle's root up among the published ones and passes its hash
        ObjectMapper json = new ObjectMapper();
        long rootId = json.readTree(bundle).get("root").get("rootId").asLong();
        String latest = null;
        for (JsonNode root : json.readTree(client.get().uri("/api/v1/public/ledger/roots?size=100").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody()).get("items")) {
            latest = root.get("rootId").asLong() == rootId ? root.get("rootHash").asText() : latest;
        }
        assertThat(latest).isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(OfflineBundleVerifier.run(new String[] {file.toString(), latest}, print, print)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("VALID: ");
        byte[] tampered = bundle.clone();
        int at = new String(tampered, StandardCharsets.UTF_8).indexOf("\"payload\":\"") + "\"payload\":\"".length();
        tampered[at] = Mutations.replacements(tampered[at])[0];
        Files.write(file, tampered);
        assertThat(OfflineBundleVerifier.run(new String[] {file.toString(), latest}, print, print)).isEqualTo(1);
    }

    @Test
    void itOpensExactlyTheInstitutionsEventsUpToTheRootAndHashesTheRest() throws Exception {
        JsonNode json = new ObjectMapper().readTree(bundle);
        long rootIndex = json.get("root").get("lastGlobalIndex").asLong();
        assertThat(json.get("root").get("linkHash").asText()).isEqualTo(jdbc.queryForObject(
                "SELECT encode(link_hash, 'hex') FROM ledger_root WHERE root_id = ?", String.class, json.get("root").get("rootId").asLong()));

        List<String> opened = new ArrayList<>();
        Map<String, String> payloads = new LinkedHashMap<>();
        int hashes = 0;
        for (JsonNode entry : json.get("chain")) {
            if (entry.isTextual()) {
                hashes++;
            } else {
                opened.add(entry.get("event").get("eventIdentifier").asText());
                payloads.put(entry.get("event").get("eventIdentifier").asText(), entry.get("event").get("payload").asText());
            }
        }
        List<String> expected = jdbc.queryForList("SELECT event_identifier FROM domain_event_entry WHERE global_index <= ? "
                + "AND (aggregate_identifier = ? OR convert_from(meta_data, 'UTF8')::jsonb ->> 'institutionId' = ?) "
                + "ORDER BY global_index", String.class, rootIndex, institution, institution);
        assertThat(opened).isEqualTo(expected);
        assertThat(jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND global_index <= ?", String.class, institution, rootIndex))
                .contains("org.careledger.kernel.filing.FilingSubmitted", "org.careledger.kernel.filing.FilingSuspended");

        long first = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class,
                opened.get(0));
        long window = jdbc.queryForObject("SELECT count(*) FROM ledger_link WHERE global_index BETWEEN ? AND ?", Long.class,
                first, rootIndex);
        assertThat(opened.size() + hashes).isEqualTo(window);
        assertThat(hashes).isPositive(); // the neighbour's events at least

        String text = new String(bundle, StandardCharsets.UTF_8);
        for (String neighbourEvent : jdbc.queryForList("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, neighbour)) {
            assertThat(text).doesNotContain(neighbourEvent);
        }
        assertThat(text).doesNotContain(neighbour).doesNotContain("证据包邻居托育中心");

        byte[] stored = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE event_identifier = ?", byte[].class,
                opened.get(0));
        assertThat(Base64.getDecoder().decode(payloads.get(opened.get(0)))).isEqualTo(stored);
    }

    @Test
    void changingAnySingleByteOfTheBundleMakesItFail() {
        String text = new String(bundle, StandardCharsets.US_ASCII);
        Map<String, Integer> positions = new LinkedHashMap<>();
        positions.put("inside the first payload", text.indexOf("\"payload\":\"") + 20);
        positions.put("inside the metadata", text.indexOf("\"metaData\":\"") + 30);
        java.util.regex.Matcher bareHash = java.util.regex.Pattern.compile(",\"[0-9a-f]{64}\"").matcher(text);
        assertThat(bareHash.find()).isTrue();
        positions.put("inside the hash of another event", bareHash.start() + 30);
        positions.put("inside a link hash", text.indexOf("\"linkHash\":\"", text.indexOf("\"link\":{")) + 40);
        positions.put("inside the root's link hash", text.indexOf("\"linkHash\":\"") + 13);
        positions.put("inside the root hash", text.indexOf("\"rootHash\":\"") + 70);
        positions.put("the root's time", text.indexOf("\"createdAt\":\"") + 16);
        positions.put("the root's number", text.indexOf("\"rootId\":") + 9);
        positions.put("the previous link hash", text.indexOf("\"previousLinkHash\":\"") + 25);
        positions.put("the institution id", text.indexOf("\"institutionId\":\"") + 20);
        positions.put("an event's time stamp", text.indexOf("\"timeStamp\":\"") + 20);
        positions.put("an event's sequence number", text.indexOf("\"sequenceNumber\":") + 17);
        positions.put("a field name", text.indexOf("\"payloadType\"") + 3);
        positions.put("the last byte", bundle.length - 1);
        assertThat(positions.values()).allMatch(p -> p > 20 && p < bundle.length);
        for (Map.Entry<String, Integer> position : positions.entrySet()) {
            for (byte replacement : Mutations.replacements(bundle[position.getValue()])) {
                byte[] changed = bundle.clone();
                changed[position.getValue()] = replacement;
                assertThat(OfflineBundleVerifier.verify(changed)).as(position.getKey()).startsWith("INVALID: ");
            }
        }

        // every byte of a bundle of up to 16 KB; the window of a larger one (the suite's other tests
        // write into it) repeats the same entry shapes, so every byte of its first 12 KB and last
        // 4 KB and about 1,500 bytes spread evenly between them (at least every 13th): each check
        // reads the whole bundle, so a pass over every byte grew with the square of the window (in
        // one CI run it took 198 s); OfflineBundleVerifierTest in the verify module changes every
        // byte of a fixed bundle
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < bundle.length; i = nextTamperedByte(i)) {
            for (byte replacement : Mutations.replacements(bundle[i])) {
                byte[] changed = bundle.clone();
                changed[i] = replacement;
                if (!OfflineBundleVerifier.verify(changed).startsWith("INVALID: ")) {
                    missed.add(i + ": " + text.substring(Math.max(0, i - 20), Math.min(text.length(), i + 20)));
                }
            }
        }
        assertThat(missed).isEmpty();
        assertThat(OfflineBundleVerifier.verify(bundle)).startsWith("VALID");
    }

    private int nextTamperedByte(int i) {
        boolean inTheMiddle = bundle.length > 16 * 1024 && i >= 12 * 1024 && i < bundle.length - 4 * 1024;
        return i + (inTheMiddle ? Math.max(13, (bundle.length - 16 * 1024) / 1500) : 1);
    }

    @Test
    void anInspectorOutsideTheJurisdictionIsRefused() {
        client.get().uri("/api/v1/inspector/institutions/" + institution + "/export").headers(h -> h.setBearerAuth(tokens.inspector("3301")))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("NOT_IN_JURISDICTION");
    }

    @Test
    void operatorsAndOfficersMayNotExport() {
        client.get().uri("/api/v1/inspector/institutions/" + institution + "/export").headers(h -> h.setBearerAuth(tokens.operator(institution)))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
        client.get().uri("/api/v1/inspector/institutions/" + institution + "/export").headers(h -> h.setBearerAuth(tokens.officer("37")))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
        client.get().uri("/api/v1/inspector/institutions/" + institution + "/export")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void anAdministratorExportsAnyInstitution() {
        byte[] byAdmin = client.get().uri("/api/v1/inspector/institutions/" + institution + "/export")
                .headers(h -> h.setBearerAuth(tokens.admin()))
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(OfflineBundleVerifier.verify(byAdmin)).startsWith("VALID: ");
    }

    @Test
    void anUnknownOrMalformedInstitutionIsAProblem() {
        client.get().uri("/api/v1/inspector/institutions/" + UUID.randomUUID() + "/export").headers(h -> h.setBearerAuth(tokens.admin()))
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("INSTITUTION_NOT_FOUND");
        client.get().uri("/api/v1/inspector/institutions/not-an-id/export").headers(h -> h.setBearerAuth(tokens.admin()))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_IDENTIFIER");
    }

    @Test
    void waitingForARootThatDoesNotComeAnswers503() {
        client.get().uri("/api/v1/inspector/institutions/" + institution + "/export?minPosition=" + Long.MAX_VALUE)
                .headers(h -> h.setBearerAuth(tokens.admin()))
                .exchange().expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.code").isEqualTo("PROJECTION_NOT_CAUGHT_UP");
    }

}
