package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.careledger.infra.support.EventRows;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Idempotency-Key: repeats return the first answer and write nothing, however they arrive. */
class IdempotencyKeyTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    private EntityExchangeResult<String> file(String token, String key, Map<String, Object> body) {
        return client.post().uri("/api/v1/institutions")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectBody(String.class).returnResult();
    }

    @Test
    void aRepeatedRequestGetsTheFirstAnswerAndWritesNothing() {
        String id = UUID.randomUUID().toString();
        String token = new Tokens(client).operator(id);
        Map<String, Object> body = Filings.body(Filings.freshCreditCode(), "幂等测试托育中心");
        String key = UUID.randomUUID().toString();

        EntityExchangeResult<String> first = file(token, key, body);
        EntityExchangeResult<String> second = file(token, key, body);

        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(second.getStatus().value()).isEqualTo(201);
        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(second.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(new EventRows(jdbc).filingEventsFor(id)).isEqualTo(3);
    }

    @Test
    void theSameKeyWithAnotherBodyIs409() {
        String id = UUID.randomUUID().toString();
        String token = new Tokens(client).operator(id);
        String key = UUID.randomUUID().toString();
        file(token, key, Filings.body(Filings.freshCreditCode(), "幂等甲"));
        EntityExchangeResult<String> other = file(token, key, Filings.body(Filings.freshCreditCode(), "幂等乙"));
        assertThat(other.getStatus().value()).isEqualTo(409);
        assertThat(other.getResponseBody()).contains("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void aRefusalIsRememberedToo() {
        String id = UUID.randomUUID().toString();
        String token = new Tokens(client).operator(id);
        Map<String, Object> body = Filings.body(Filings.freshCreditCode(), "超额", "370830", 35.7, 116.5,
                List.of(Map.of("name", "乳儿班", "classType", "INFANT", "places", 11)));
        String key = UUID.randomUUID().toString();
        assertThat(file(token, key, body).getStatus().value()).isEqualTo(409);
        EntityExchangeResult<String> again = file(token, key, body);
        assertThat(again.getStatus().value()).isEqualTo(409);
        assertThat(again.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void concurrentRepeatsWriteOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String token = new Tokens(client).operator(id);
        Map<String, Object> body = Filings.body(Filings.freshCreditCode(), "并发幂等托育中心");
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<EntityExchangeResult<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> file(token, key, body));
            }
            List<String> bodies = new ArrayList<>();
            for (Future<EntityExchangeResult<String>> f : pool.invokeAll(calls)) {
                EntityExchangeResult<String> r = f.get();
                assertThat(r.getStatus().value()).isEqualTo(201);
                bodies.add(r.getResponseBody());
            }
            assertThat(bodies).containsOnly(bodies.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(new EventRows(jdbc).filingEventsFor(id)).isEqualTo(3);
    }

    @Test
    void keysAreScopedPerCaller() {
        String key = UUID.randomUUID().toString();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        Tokens tokens = new Tokens(client);
        assertThat(file(tokens.operator(a), key, Filings.body(Filings.freshCreditCode(), "甲")).getStatus().value()).isEqualTo(201);
        assertThat(file(tokens.operator(b), key, Filings.body(Filings.freshCreditCode(), "乙")).getStatus().value()).isEqualTo(201);
        assertThat(new EventRows(jdbc).filingEventsFor(b)).isEqualTo(3);
    }
}
