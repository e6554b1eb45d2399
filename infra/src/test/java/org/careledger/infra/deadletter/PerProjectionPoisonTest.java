package org.careledger.infra.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.PoisonEvents;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.attendance.AttendanceRecorded;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.licence.LicenceStatusChanged;
import org.careledger.kernel.subsidy.SubsidyDecisionComputed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * For each projection, an event it cannot apply, written straight into the store: it is parked
 * with its error, and the projection goes on: reads waiting for a later position ({@code
 * minPosition}) answer, later events of other institutions are projected. Each test evicts what
 * it parked, so that the queue is empty for the others (the bad rows stay in the store; a rebuild
 * parks them again).
 */
class PerProjectionPoisonTest extends IntegrationTest {

    /** Past PostgreSQL's timestamp range (year 294276), inside Instant's. */
    static final String BEYOND_TIMESTAMPS = "+1000000-01-01T00:00:00Z";

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    /** A suspension stamped in the year 1,000,000: the supervision view, the history index and the certificates park it. */
    @Test
    void supervisionHistoryAndCertificatesParkAnUnstorableTimeAndGoOn() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        PoisonEvents poison = new PoisonEvents(jdbc);
        String inspector = tokens.inspector("3708");
        String w = UUID.randomUUID().toString();
        filings.file(tokens.operator(w), Filings.body(Filings.freshCreditCode(), "毒事件证书测试托育中心"));
        long approved = filings.approve(inspector, w).position();
        PoisonEvents.await(() -> certificateOf(w) != null, "no certificate was published");
        String certificate = certificateOf(w);

        Map<String, Object> suspension = new LinkedHashMap<>();
        suspension.put("institutionId", w);
        suspension.put("reason", "时间错乱");
        suspension.put("occurredAt", BEYOND_TIMESTAMPS);
        PoisonEvents.Stored bad = poison.append(FilingSuspended.class, suspension, w, "370830");
        try {
            String v = UUID.randomUUID().toString();
            long later = filings.file(tokens.operator(v), Filings.body(Filings.freshCreditCode(), "毒事件之后证书托育中心")).position();
            long laterApproved = filings.approve(inspector, v).position();
            for (String group : List.of("supervision", "institution-history")) {
                assertThat(poison.awaitParked(group, bad.eventId())).containsEntry("sequence_identifier", w);
            }
            // certificates are sequenced per aggregate (the default)
            assertThat(poison.awaitParked("certificates", bad.eventId()).get("cause_message").toString())
                    .contains("timestamp out of range");
            readsPast(inspector, "/api/v1/supervision/institutions?division=370830&minPosition=" + laterApproved, 200);
            readsPast(inspector, "/api/v1/inspector/institutions/" + v + "/history?minPosition=" + laterApproved, 200);
            readsPast(inspector, "/api/v1/public/certificates/" + certificate + "?minPosition=" + laterApproved, 200);
            assertThat(jdbc.queryForObject("SELECT status FROM supervision_institution WHERE institution_id = ?", String.class, v))
                    .isEqualTo("FILED");
            assertThat(jdbc.queryForObject("SELECT status FROM supervision_institution WHERE institution_id = ?", String.class, w))
                    .isEqualTo("FILED");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM institution_history WHERE institution_id = ?", Long.class, v))
                    .isPositive();
            assertThat(jdbc.queryForList("SELECT status FROM filing_certificate WHERE institution_id = ?", String.class, v))
                    .containsExactly("VALID");
            assertThat(jdbc.queryForList("SELECT status FROM filing_certificate WHERE institution_id = ?", String.class, w))
                    .containsExactly("VALID");
            assertThat(later).isLessThan(laterApproved);
            assertThat(approved).isLessThan(bad.position());
        } finally {
            poison.evictEverywhere(w);
            poison.evictEvent(bad.eventId());
        }
    }

    /** An amendment without a location: the white-list cannot place the institution and parks it. */
    @Test
    void theWhiteListParksAnEventItCannotWriteAndGoesOn() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        PoisonEvents poison = new PoisonEvents(jdbc);
        String inspector = tokens.inspector("3708");
        String w = UUID.randomUUID().toString();
        filings.file(tokens.operator(w), Filings.body(Filings.freshCreditCode(), "毒事件白名单测试托育中心"));
        filings.approve(inspector, w);

        Map<String, Object> amendment = new LinkedHashMap<>();
        amendment.put("institutionId", w);
        amendment.put("name", "毒事件白名单测试托育中心");
        amendment.put("address", "无处");
        amendment.put("location", null);
        amendment.put("contactPhone", "0537-7210000");
        amendment.put("mealsServed", true);
        amendment.put("serviceTypes", List.of("FULL_DAY"));
        amendment.put("fees", List.of());
        amendment.put("documents", List.of());
        amendment.put("reason", "地址变更");
        amendment.put("resubmitted", false);
        amendment.put("occurredAt", Instant.now().toString());
        PoisonEvents.Stored bad = poison.append(FilingAmended.class, amendment, w, "370830");
        try {
            String v = UUID.randomUUID().toString();
            String code = Filings.freshCreditCode();
            filings.file(tokens.operator(v), Filings.body(code, "白名单毒后托育中心"));
            long approved = filings.approve(inspector, v).position();
            assertThat(poison.awaitParked("white-list", bad.eventId())).containsEntry("sequence_identifier", w);
            String body = client.get().uri(uri -> uri.path("/api/v1/public/institutions").queryParam("q", "白名单毒后托育中心")
                            .queryParam("minPosition", approved).build())
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).contains(code);
        } finally {
            poison.evictEverywhere(w);
            poison.evictEvent(bad.eventId());
        }
    }

    /**
     * An event whose payload cannot be read (a field the type requires is null): before any handler
     * runs, the per-institution sequencing policy reads the payload; it must not stop the processor.
     */
    @Test
    void anEventThatCannotBeReadIsParkedByEveryInstitutionView() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        PoisonEvents poison = new PoisonEvents(jdbc);
        String w = UUID.randomUUID().toString();
        filings.file(tokens.operator(w), Filings.body(Filings.freshCreditCode(), "毒事件不可读测试托育中心"));
        Map<String, Object> amendment = new LinkedHashMap<>();
        amendment.put("institutionId", w);
        amendment.put("name", "不可读");
        amendment.put("mealsServed", null);
        PoisonEvents.Stored bad = poison.append(FilingAmended.class, amendment, w, "370830");
        try {
            String v = UUID.randomUUID().toString();
            long later = filings.file(tokens.operator(v), Filings.body(Filings.freshCreditCode(), "不可读之后托育中心")).position();
            for (String group : List.of("white-list", "supervision", "institution-history")) {
                assertThat(poison.awaitParked(group, bad.eventId())).containsEntry("sequence_identifier", w);
            }
            String inspector = tokens.inspector("3708");
            readsPast(inspector, "/api/v1/supervision/institutions?division=370830&minPosition=" + later, 200);
            readsPast(inspector, "/api/v1/inspector/institutions/" + v + "/history?minPosition=" + later, 200);
            readsPast(inspector, "/api/v1/public/institutions?minPosition=" + later, 200);
        } finally {
            poison.evictEverywhere(w);
            poison.evictEvent(bad.eventId());
        }
    }

    /** Attendance of a day PostgreSQL has no date for: the utilisation counts park it. */
    @Test
    void utilisationParksADayItCannotCount() {
        Tokens tokens = new Tokens(client);
        PoisonEvents poison = new PoisonEvents(jdbc);
        String w = UUID.randomUUID().toString();
        Map<String, Object> attendance = new LinkedHashMap<>();
        attendance.put("institutionId", w);
        attendance.put("day", "+999999999-12-31");
        attendance.put("entries", List.of(Map.of("childRef", UUID.randomUUID().toString(), "checkIn", "08:00", "checkOut", "17:00")));
        attendance.put("occurredAt", Instant.now().toString());
        PoisonEvents.Stored bad = poison.append(AttendanceRecorded.class, attendance, w, "370830");
        try {
            long later = laterEvent(tokens);
            assertThat(poison.awaitParked("utilisation", bad.eventId())).containsEntry("sequence_identifier",
                    jdbc.queryForObject("SELECT aggregate_identifier FROM domain_event_entry WHERE event_identifier = ?",
                            String.class, bad.eventId()));
            readsPast(tokens.inspector("3708"), "/api/v1/supervision/utilisation?minPosition=" + later, 200);
        } finally {
            poison.evictEverywhere(w);
        }
    }

    /** A decision stamped in the year 1,000,000: the subsidy ledger parks it. */
    @Test
    void theSubsidyLedgerParksADecisionItCannotStore() {
        Tokens tokens = new Tokens(client);
        PoisonEvents poison = new PoisonEvents(jdbc);
        String w = UUID.randomUUID().toString();
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("policyId", "test-policy");
        basis.put("policyVersion", 1);
        basis.put("items", List.of());
        basis.put("trace", List.of());
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("institutionId", w);
        decision.put("caseId", UUID.randomUUID().toString());
        decision.put("kind", "OPERATING");
        decision.put("periodFrom", LocalDate.now().withDayOfMonth(1).toString());
        decision.put("periodTo", LocalDate.now().toString());
        decision.put("amountFen", 100);
        decision.put("basis", basis);
        decision.put("occurredAt", BEYOND_TIMESTAMPS);
        PoisonEvents.Stored bad = poison.append(SubsidyDecisionComputed.class, decision, w, "370830");
        try {
            long later = laterEvent(tokens);
            poison.awaitParked("subsidy-ledger", bad.eventId());
            readsPast(tokens.officer("3708"), "/api/v1/subsidies?minPosition=" + later, 200);
        } finally {
            poison.evictEverywhere(w);
        }
    }

    /** A platform's licence change stamped in the year 1,000,000: the licence alerts park it. */
    @Test
    void licenceAlertsParkAChangeTheyCannotStore() {
        Tokens tokens = new Tokens(client);
        PoisonEvents poison = new PoisonEvents(jdbc);
        String w = UUID.randomUUID().toString();
        PoisonEvents.Stored bad = poison.append(LicenceStatusChanged.class, licenceChangeBeyondTimestamps(w), w, "370830");
        try {
            long later = laterEvent(tokens);
            poison.awaitParked("licence-alerts", bad.eventId());
            readsPast(tokens.inspector("3708"), "/api/v1/supervision/licence-alerts?minPosition=" + later, 200);
        } finally {
            poison.evictEverywhere(w);
            poison.evictEvent(bad.eventId());
        }
    }

    /** A licence change pushed by a platform, stamped in the year 1,000,000 (used by the admin test too). */
    static Map<String, Object> licenceChangeBeyondTimestamps(String institutionId) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("institutionId", institutionId);
        change.put("platformId", "test-platform");
        change.put("notificationId", UUID.randomUUID().toString());
        change.put("change", "REVOKED");
        change.put("detail", "时间错乱");
        change.put("occurredAt", BEYOND_TIMESTAMPS);
        return change;
    }

    private String certificateOf(String institutionId) {
        return jdbc.queryForList("SELECT certificate_number FROM filing_certificate WHERE institution_id = ?", String.class,
                institutionId).stream().findFirst().orElse(null);
    }

    /** Files an institution: a later event for every projection's processor to pass. */
    private long laterEvent(Tokens tokens) {
        String v = UUID.randomUUID().toString();
        return new Filings(client).file(tokens.operator(v), Filings.body(Filings.freshCreditCode(), "毒事件之后托育中心")).position();
    }

    /** A read that waits for the position answers (the projection passed it) with the expected status, not 503. */
    private void readsPast(String token, String uri, int status) {
        client.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isEqualTo(status);
    }
}
