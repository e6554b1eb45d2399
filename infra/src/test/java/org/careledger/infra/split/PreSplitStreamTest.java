package org.careledger.infra.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A store written before the split of {@code Institution} (ADR 0023) still works after it. The
 * fixture holds rows dumped from the code before the split: an institution's stream with filing,
 * class, enrolment and staff events, its snapshots (which carry enrolments and staff), and its
 * {@code enrolment} rows. They are loaded as they were stored, {@code legacy_staff_stream} is filled
 * as its migration fills it on an existing store, and then the old enrolment and staff member take
 * commands: their first events are read from the institution's stream, their new ones go to
 * streams of their own, and the institution's stream is not touched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreSplitStreamTest extends IntegrationTest {

    private static final String FIXTURE = "fixtures/pre-split-institution-stream.json";
    private static final String STAFF_MIGRATION = "db/migration/command/V202612031017__legacy_staff_streams.sql";

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    private JsonNode fixture;
    private String institution;
    /** The institution's enrolment and staff rows as loaded: none is added after the split. */
    private int institutionRows;

    @BeforeAll
    void loadTheStoredRows() throws IOException {
        try (InputStream in = new ClassPathResource(FIXTURE).getInputStream()) {
            fixture = new ObjectMapper().readTree(in);
        }
        institution = fixture.get("institutionId").asText();
        for (JsonNode row : fixture.get("domain_event_entry")) {
            jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                    + "time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row.get("event_identifier").asText(), row.get("aggregate_identifier").asText(),
                    row.get("sequence_number").asLong(), row.get("type").asText(), row.get("time_stamp").asText(),
                    row.get("payload_type").asText(), text(row, "payload_revision"), bytes(row, "payload"),
                    bytes(row, "meta_data"));
        }
        for (JsonNode row : fixture.get("snapshot_event_entry")) {
            jdbc.update("INSERT INTO snapshot_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                    + "time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row.get("event_identifier").asText(), row.get("aggregate_identifier").asText(),
                    row.get("sequence_number").asLong(), row.get("type").asText(), row.get("time_stamp").asText(),
                    row.get("payload_type").asText(), text(row, "payload_revision"), bytes(row, "payload"),
                    bytes(row, "meta_data"));
        }
        for (JsonNode row : fixture.get("enrolment")) {
            jdbc.update("INSERT INTO enrolment (enrolment_id, child_ref, institution_id, class_id, birth_month, starts_on, "
                    + "ends_on, active, ended_reason, birth_date, person_key) VALUES (?, ?, ?, ?, ?::date, ?::date, ?::date, ?, ?, "
                    + "?::date, ?)", row.get("enrolment_id").asText(), row.get("child_ref").asText(),
                    row.get("institution_id").asText(), row.get("class_id").asText(), row.get("birth_month").asText(),
                    row.get("starts_on").asText(), row.get("ends_on").asText(), row.get("active").asBoolean(),
                    text(row, "ended_reason"), text(row, "birth_date"), row.get("person_key").asText());
        }
        // the migration fills legacy_staff_stream from the stored rows when it runs on an existing store
        String migration = new String(new ClassPathResource(STAFF_MIGRATION).getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        jdbc.update(migration.substring(migration.indexOf("INSERT INTO legacy_staff_stream")).replace(";", "").strip());
        institutionRows = enrolmentAndStaffRowsOf(institution);
        // the renumbering is consistent: the stored certificate is the one of the stored filing serial
        assertThat(org.careledger.kernel.licence.FilingCertificate.number("11370830MB0000000R", 2026, 1))
                .isEqualTo(STORED_CERTIFICATE);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND "
                + "(convert_from(payload, 'UTF8') LIKE ? OR convert_from(payload, 'UTF8') LIKE ?)", Integer.class,
                institution, "%" + STORED_FILING_NUMBER + "%", "%" + STORED_CERTIFICATE + "%")).isZero();
    }

    /** The institution's rows of enrolment and staff events (the application may append others, e.g. a licence check). */
    private int enrolmentAndStaffRowsOf(String aggregate) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND "
                + "(payload_type LIKE 'org.careledger.kernel.enrolment.%' OR payload_type LIKE 'org.careledger.kernel.staff.Staff%')",
                Integer.class, aggregate);
    }

    private static String text(JsonNode row, String field) {
        return row.hasNonNull(field) ? row.get(field).asText() : null;
    }

    /*
     * The fixture was dumped from a fresh store, so its institution holds the first filing number of
     * 汶上县 in 2026 and the certificate number that goes with it. Every test class of this JVM shares
     * one store, where the application may already have given those numbers to an institution of
     * another test (the white-list, the register and the certificates view are keyed by them). The
     * stored rows are loaded as they are but for those two values, renumbered to a serial the
     * allocator (counting from 1) does not reach in a test run.
     */
    private static final long SERIAL = 900_000 + System.nanoTime() % 99_999;
    private static final String STORED_FILING_NUMBER = "TY3708302026000001";
    private static final String STORED_CERTIFICATE = "TYBA11370830MB0000000R26000001015";
    private static final String FILING_NUMBER = org.careledger.kernel.id.FilingNumber.of(
            org.careledger.kernel.value.DivisionCode.parse("370830"), 2026, SERIAL).value();
    private static final String CERTIFICATE =
            org.careledger.kernel.licence.FilingCertificate.number("11370830MB0000000R", 2026, SERIAL);

    private static byte[] bytes(JsonNode row, String field) {
        if (!row.hasNonNull(field)) {
            return null;
        }
        return row.get(field).asText().replace(STORED_FILING_NUMBER, FILING_NUMBER).replace(STORED_CERTIFICATE, CERTIFICATE)
                .getBytes(StandardCharsets.UTF_8);
    }

    private int rowsOf(String aggregate) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class,
                aggregate);
    }

    private List<Map<String, Object>> ownRows(String aggregate) {
        return jdbc.queryForList("SELECT sequence_number, payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", aggregate);
    }

    private WebTestClient.ResponseSpec post(String path, Object body) {
        String op = new Tokens(client).operator(institution);
        return client.post().uri("/api/v1/institutions/" + institution + path).headers(h -> h.setBearerAuth(op))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Test
    void theFixtureIsAPreSplitInstitutionStreamWithASnapshotHoldingEnrolmentsAndStaff() {
        assertThat(fixture.get("domain_event_entry").findValuesAsText("payload_type"))
                .contains("org.careledger.kernel.enrolment.ChildEnrolled", "org.careledger.kernel.enrolment.EnrolmentEnded",
                        "org.careledger.kernel.staff.StaffMemberRegistered", "org.careledger.kernel.staff.StaffMemberLeft");
        assertThat(fixture.get("domain_event_entry").findValuesAsText("aggregate_identifier")).containsOnly(institution);
        assertThat(fixture.get("snapshot_event_entry").toString()).contains("enrolments").contains("staff");
    }

    @Test
    void anEnrolmentBegunBeforeTheSplitEndsAndItsEndGoesToItsOwnStream() {
        String active = fixture.get("activeEnrolmentId").asText();
        String startsOn = jdbc.queryForObject("SELECT starts_on::text FROM enrolment WHERE enrolment_id = ?", String.class,
                active);
        post("/enrolments/" + active + "/withdraw", Map.of("endsOn", startsOn, "note", "moved after the split"))
                .expectStatus().isOk();
        // its ChildEnrolled is the institution's row, read as its event 0: the end is its event 1
        assertThat(ownRows(active)).singleElement().satisfies(r -> {
            assertThat(r.get("sequence_number")).isEqualTo(1L);
            assertThat(r.get("payload_type")).isEqualTo("org.careledger.kernel.enrolment.EnrolmentEnded");
        });
        assertThat(jdbc.queryForObject("SELECT active FROM enrolment WHERE enrolment_id = ?", Boolean.class, active)).isFalse();
        // ended now: a second end is refused as for any ended enrolment
        post("/enrolments/" + active + "/withdraw", Map.of("endsOn", startsOn))
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("ENROLMENT_NOT_FOUND");
        assertThat(enrolmentAndStaffRowsOf(institution)).isEqualTo(institutionRows);
    }

    @Test
    void anEnrolmentEndedBeforeTheSplitStaysEnded() {
        String ended = fixture.get("endedEnrolmentId").asText();
        post("/enrolments/" + ended + "/withdraw", Map.of("endsOn", "2026-12-31"))
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("ENROLMENT_NOT_FOUND");
        assertThat(rowsOf(ended)).isZero();
    }

    @Test
    void staffRegisteredBeforeTheSplitAreRenewedOrFoundGoneAndNewStaffGetStreamsOfTheirOwn() {
        String carer = fixture.get("currentStaffRef").asText();
        post("/staff/" + carer + "/certificates", Map.of("qualificationExpiresOn", "2031-06-30",
                "healthCertificateExpiresOn", "2030-12-31")).expectStatus().isOk();
        assertThat(ownRows(carer)).singleElement().satisfies(r -> {
            assertThat(r.get("sequence_number")).isEqualTo(1L);
            assertThat(r.get("payload_type")).isEqualTo("org.careledger.kernel.staff.StaffCertificatesRenewed");
        });
        String departed = fixture.get("departedStaffRef").asText();
        post("/staff/" + departed + "/departure", Map.of("leftOn", "2026-12-31"))
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("STAFF_NOT_FOUND");

        String classId = jdbc.queryForObject("SELECT class_id FROM enrolment WHERE enrolment_id = ?", String.class,
                fixture.get("activeEnrolmentId").asText());
        Map<?, ?> added = post("/staff", Map.of("role", "CARER", "classId", classId, "qualification", "保育师（四级）",
                "qualificationExpiresOn", "2030-06-30", "healthCertificateExpiresOn", "2027-06-30", "name", "王芳",
                "phone", "139-0000-2222")).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String newcomer = (String) added.get("id");
        assertThat(ownRows(newcomer)).singleElement().satisfies(r -> assertThat(r.get("sequence_number")).isEqualTo(0L));
        assertThat(((Number) added.get("position")).longValue()).isEqualTo(jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, newcomer));
        assertThat(enrolmentAndStaffRowsOf(institution)).isEqualTo(institutionRows);
    }
}
