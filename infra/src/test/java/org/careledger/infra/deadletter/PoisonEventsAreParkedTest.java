package org.careledger.infra.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.PoisonEvents;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.staff.MedicalAgreementSigned;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An event a projection cannot apply (written straight into the store, as a bug could have written
 * it) is parked in the projection's dead-letter queue with its error; later events of the same
 * institution are parked behind it, other institutions' events are still projected, and
 * read-your-writes ({@code minPosition}) goes on answering.
 */
class PoisonEventsAreParkedTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    /** The case of issue 12: a date the timestamp column cannot hold, in the history index's batch insert. */
    @Test
    void theHistoryIndexParksAnEventItCannotIndexAndGoesOn() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        PoisonEvents poison = new PoisonEvents(jdbc);
        String inspector = tokens.inspector("3708");
        String a = UUID.randomUUID().toString();
        filings.file(tokens.operator(a), Filings.body(Filings.freshCreditCode(), "毒事件历史测试托育中心"));

        PoisonEvents.Stored bad = poison.append(MedicalAgreementSigned.class, farFutureAgreement(a), a, "370830");
        long approvedA = filings.approve(inspector, a).position();
        String b = UUID.randomUUID().toString();
        long filedB = filings.file(tokens.operator(b), Filings.body(Filings.freshCreditCode(), "毒事件之后托育中心")).position();
        try {
            // another institution's events are indexed, and minPosition past the bad event answers
            assertThat(historyTypes(inspector, b, filedB)).contains("FilingSubmitted");
            Map<String, Object> parked = poison.awaitParked("institution-history", bad.eventId());
            assertThat(parked.get("sequence_identifier")).isEqualTo(a);
            assertThat(parked.get("cause_message")).isNotNull();

            // the institution's later events wait behind the bad one, in order
            List<String> types = historyTypes(inspector, a, approvedA);
            assertThat(types).contains("FilingSubmitted").doesNotContain("MedicalAgreementSigned", "FilingApproved");
            List<Map<String, Object>> sequence = poison.parked("institution-history").stream()
                    .filter(r -> a.equals(r.get("sequence_identifier"))).toList();
            assertThat(sequence.get(0).get("event_identifier")).isEqualTo(bad.eventId());
            assertThat(sequence).hasSizeGreaterThanOrEqualTo(2);
        } finally {
            poison.evictSequence("institution-history", a);
        }
    }

    /**
     * A replay forgets what was parked and meets the bad event again: it parks it again, at its
     * place (the institution's earlier events are indexed, not parked behind an old letter), and
     * catches up.
     */
    @Test
    void aReplayParksTheBadEventAgainAndCatchesUp() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        PoisonEvents poison = new PoisonEvents(jdbc);
        String inspector = tokens.inspector("3708");
        String a = UUID.randomUUID().toString();
        filings.file(tokens.operator(a), Filings.body(Filings.freshCreditCode(), "毒事件重放测试托育中心"));
        PoisonEvents.Stored bad = poison.append(MedicalAgreementSigned.class, farFutureAgreement(a), a, "370830");
        try {
            String before = (String) poison.awaitParked("institution-history", bad.eventId()).get("dead_letter_id");

            client.post().uri("/api/v1/admin/projections/institution-history/replay")
                    .headers(h -> h.setBearerAuth(tokens.admin())).exchange().expectStatus().isAccepted();
            String b = UUID.randomUUID().toString();
            long filedB = filings.file(tokens.operator(b), Filings.body(Filings.freshCreditCode(), "重放之后托育中心")).position();
            PoisonEvents.await(() -> {
                Map<String, Object> again = poison.parkedEntry("institution-history", bad.eventId());
                return again != null && !before.equals(again.get("dead_letter_id"));
            }, "the replay did not park the bad event again");
            PoisonEvents.await(() -> client.get().uri("/api/v1/inspector/institutions/" + b + "/history?minPosition=" + filedB)
                    .headers(h -> h.setBearerAuth(inspector)).exchange().expectBody(String.class).returnResult()
                    .getStatus().value() == 200, "the replay did not pass the bad event");
            assertThat(historyTypes(inspector, a, filedB)).contains("FilingSubmitted").doesNotContain("MedicalAgreementSigned");
        } finally {
            poison.evictSequence("institution-history", a);
        }
    }

    static Map<String, Object> farFutureAgreement(String institutionId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("institutionId", institutionId);
        payload.put("partnerName", "远期医院");
        payload.put("partnerCreditCode", Filings.freshCreditCode());
        payload.put("signedOn", "+999999999-12-31");
        payload.put("validUntil", "+999999999-12-31");
        payload.put("occurredAt", Instant.now().toString());
        return payload;
    }

    private List<String> historyTypes(String inspector, String institutionId, long minPosition) {
        String body = client.get().uri("/api/v1/inspector/institutions/" + institutionId + "/history?minPosition=" + minPosition)
                .headers(h -> h.setBearerAuth(inspector)).accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        if (body == null || body.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(body.split("\n")).map(line -> {
            int i = line.indexOf("\"type\":\"");
            return i < 0 ? line : line.substring(i + 8, line.indexOf('"', i + 8));
        }).toList();
    }
}
