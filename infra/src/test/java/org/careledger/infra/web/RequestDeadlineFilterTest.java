package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** Every request has a deadline; past it the answer is 503 DEADLINE_EXCEEDED with Retry-After. */
class RequestDeadlineFilterTest {

    private final RequestDeadlineFilter filter = new RequestDeadlineFilter(Duration.ofMillis(200),
            new ProblemWebExceptionHandler(new ObjectMapper()));

    @Test
    void aRequestThatHangsIsAnswered503WithRetryAfter() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/public/institutions"));

        filter.filter(exchange, e -> Mono.never()).block(Duration.ofSeconds(10));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).contains("\"code\":\"DEADLINE_EXCEEDED\"");
    }

    @Test
    void anAnswerThatHasBegunIsNotCutOff() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/inspector/history"));

        filter.filter(exchange, e -> e.getResponse().writeWith(Mono.just(e.getResponse().bufferFactory()
                        .wrap("{\"first\":1}\n".getBytes(StandardCharsets.UTF_8))))
                .then(Mono.delay(Duration.ofMillis(600))).then()).block(Duration.ofSeconds(10));

        assertThat(exchange.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).isEqualTo("{\"first\":1}\n");
    }

    @Test
    void aQuickRequestIsUntouched() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
        filter.filter(exchange, e -> {
            e.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
            return e.getResponse().setComplete();
        }).block(Duration.ofSeconds(10));
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }
}
