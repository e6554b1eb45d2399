package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.UUID;

import org.careledger.command.api.PositionQueries;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 12 §3b "a success answered as 500": the command commits, then the lookup of its position
 * fails. The answer is 503 STORE_UNAVAILABLE saying that the command took effect (never 500), and
 * the same request sent again with its Idempotency-Key is answered from what was committed, with
 * the position, without executing twice. The failure is injected into the position lookup
 * ({@code PositionQueries}) alone: its statement is replaced by one PostgreSQL refuses (a division
 * by zero), which is no store fault and answered 500 before the change.
 */
class PositionLookupFailureTest extends IntegrationTest {

    private static final String LOOKUP = "SELECT max(global_index) AS position FROM domain_event_entry";

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PositionQueries positions;

    @Test
    void aCommittedCommandWhosePositionCannotBeReadIsAnsweredAsCommittedAndReplayedUnderItsKey() throws Exception {
        Tokens tokens = new Tokens(client);
        String x = UUID.randomUUID().toString();
        String op = tokens.operator(x);
        Map<String, Object> filing = Filings.body(Filings.freshCreditCode(), "位置查询失败测试托育中心");
        String key = "position-lookup-" + x;

        Field field = PositionQueries.class.getDeclaredField("db");
        field.setAccessible(true);
        DatabaseClient real = (DatabaseClient) field.get(positions);
        field.set(positions, failingLookup(real));
        try {
            client.post().uri("/api/v1/institutions").headers(h -> h.setBearerAuth(op)).header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(filing).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().exists("Retry-After")
                    .expectBody().jsonPath("$.code").isEqualTo("STORE_UNAVAILABLE")
                    .jsonPath("$.detail").value(d -> assertThat((String) d).contains("took effect"));
        } finally {
            field.set(positions, real);
        }
        assertThat(submissions(x)).as("the filing was committed").isEqualTo(1);

        Filings.Accepted again = client.post().uri("/api/v1/institutions").headers(h -> h.setBearerAuth(op))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue(filing).exchange()
                .expectStatus().isCreated().expectBody(Filings.Accepted.class).returnResult().getResponseBody();
        assertThat(again.id()).isEqualTo(x);
        // the position of the institution's last event when the answer was given (the licence check may have added some)
        assertThat(again.position()).isBetween(jdbc.queryForObject("SELECT global_index FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND payload_type LIKE '%.FilingSubmitted'", Long.class, x),
                jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, x));
        assertThat(submissions(x)).as("executed once").isEqualTo(1);
    }

    private long submissions(String institutionId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.FilingSubmitted'", Long.class, institutionId);
    }

    /** The real client, except that the position lookup runs a statement the database refuses. */
    private static DatabaseClient failingLookup(DatabaseClient real) {
        return (DatabaseClient) Proxy.newProxyInstance(DatabaseClient.class.getClassLoader(),
                new Class<?>[] {DatabaseClient.class}, (proxy, method, args) -> {
                    Object[] call = args;
                    if (method.getName().equals("sql") && args != null && args.length == 1 && args[0] instanceof String sql
                            && sql.startsWith(LOOKUP)) {
                        call = new Object[] {sql.replace("max(global_index) AS position", "max(global_index) / 0 AS position")};
                    }
                    try {
                        return method.invoke(real, call);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
