package org.careledger.infra.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.PoisonEvents;
import org.careledger.infra.support.Tokens;
import org.careledger.query.ledger.LedgerProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The ledger passes a hole in global_index once a higher index has been known for the settle time
 * (5 s in tests), even when the processor restarts more often than that (issue 12 §3b: restarts
 * every < 60 s kept the ledger from publishing a root for 12 minutes); and no row's content stops
 * it (a NUL in the metadata's institution id, which PostgreSQL text cannot hold).
 */
class LedgerHoleAcrossRestartsTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerProcessor processor;

    @Test
    void aHoleIsPassedWhileTheProcessorRestartsFasterThanTheSettleTime() throws InterruptedException {
        // an index handed out and never committed, then a later event
        long hole = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))", Long.class);
        String id = UUID.randomUUID().toString();
        Filings.Accepted filed = new Filings(client).file(new Tokens(client).operator(id),
                Filings.body(Filings.freshCreditCode(), "账本重启空洞托育中心"));
        assertThat(filed.position()).isGreaterThan(hole);

        // restart every second, well within the 5 s the hole must be known before it is passed
        long deadline = System.nanoTime() + PoisonEvents.WAIT.toNanos();
        try {
            while (!linked(filed.position())) {
                assertThat(System.nanoTime()).as("the ledger did not pass the hole while restarting every second")
                        .isLessThan(deadline);
                processor.stop();
                processor.start();
                Thread.sleep(Duration.ofSeconds(1).toMillis());
            }
        } finally {
            processor.start();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_link WHERE global_index = ?", Long.class, hole)).isZero();
        LedgerTest.awaitRootCovering(client, filed.position());
    }

    @Test
    void aRowWhoseMetadataTextCannotBeStoredIsStillChained() {
        PoisonEvents poison = new PoisonEvents(jdbc);
        PoisonEvents.Stored bad = poison.appendRaw("org.careledger.test.Garbled", null, "{}",
                "{\"institutionId\":\"bad\\u0000id\"}");
        String id = UUID.randomUUID().toString();
        Filings.Accepted filed = new Filings(client).file(new Tokens(client).operator(id),
                Filings.body(Filings.freshCreditCode(), "账本乱码之后托育中心"));
        LedgerTest.awaitRootCovering(client, filed.position());
        assertThat(jdbc.queryForList("SELECT institution_id FROM ledger_link WHERE event_identifier = ?", String.class,
                bad.eventId())).containsExactly((String) null);
        assertThat(jdbc.queryForObject("SELECT institution_id FROM ledger_link WHERE global_index = ?", String.class,
                filed.position())).isEqualTo(id);
        // the history index, which takes the institution from the metadata, parks it and goes on
        poison.awaitParked("institution-history", bad.eventId());
        client.get().uri("/api/v1/inspector/institutions/" + id + "/history?minPosition=" + filed.position())
                .headers(h -> h.setBearerAuth(new Tokens(client).inspector("3708"))).exchange().expectStatus().isOk();
        jdbc.update("DELETE FROM dead_letter_entry WHERE event_identifier = ?", bad.eventId());
    }

    private boolean linked(long position) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_link WHERE global_index = ?", Long.class, position) > 0;
    }
}
