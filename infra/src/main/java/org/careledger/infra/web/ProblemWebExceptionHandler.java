package org.careledger.infra.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Writes every failure that reaches the web layer (from controllers, filters or routing) as an
 * {@code application/problem+json} response, using {@link ProblemMapper}. Runs before Spring
 * Boot's default error handler.
 */
@Component
@Order(-2)
public record ProblemWebExceptionHandler(ObjectMapper objectMapper) implements WebExceptionHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ProblemMapper.Problem problem = ProblemMapper.map(ex, exchange.getRequest().getPath().value());
        return write(exchange.getResponse(), problem);
    }

    public Mono<Void> write(ServerHttpResponse response, ProblemMapper.Problem problem) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        byte[] bytes;
        try {
            bytes = objectMapper.writeValueAsBytes(problem.body());
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(bytes.length);
        if (problem.retryAfterSeconds() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
