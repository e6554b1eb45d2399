package org.careledger.infra.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.careledger.kernel.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request has a deadline ({@code careledger.request-deadline}, 30 s by default; ADR 0021).
 * A request that has not started its answer by then is cancelled and answered 503
 * DEADLINE_EXCEEDED with Retry-After, so a frozen database cannot hold clients for minutes. An
 * answer already being streamed is not cut off. A keyed command cancelled this way is settled by
 * its Idempotency-Key: a retry replays its answer or executes it once.
 */
@Component
public class RequestDeadlineFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RequestDeadlineFilter.class);

    private final Duration deadline;
    private final ProblemWebExceptionHandler problems;

    public RequestDeadlineFilter(@Value("${careledger.request-deadline:30s}") Duration deadline,
                                 ProblemWebExceptionHandler problems) {
        this.deadline = deadline;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // outside everything else, Spring Security's chain (-100) included
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        AtomicBoolean answering = new AtomicBoolean();
        exchange.getResponse().beforeCommit(() -> {
            answering.set(true);
            return Mono.empty();
        });
        // fires at the deadline unless the answer has begun by then
        Mono<Long> expiry = Mono.delay(deadline).flatMap(tick -> answering.get() ? Mono.never() : Mono.just(tick));
        return chain.filter(exchange)
                .timeout(expiry, Mono.error(DeadlineExceeded::new))
                .onErrorResume(DeadlineExceeded.class, e -> {
                    String path = exchange.getRequest().getPath().value();
                    log.warn("{} {} did not complete within its deadline of {}", exchange.getRequest().getMethod(), path, deadline);
                    if (exchange.getResponse().isCommitted()) {
                        return Mono.empty();
                    }
                    return problems.write(exchange.getResponse(), ProblemMapper.problem(ErrorCode.DEADLINE_EXCEEDED,
                            "The request did not complete within " + deadline.toSeconds() + " s; retry shortly", List.of(), path));
                });
    }

    /** The deadline passed (distinct from any timeout raised inside the request). */
    static final class DeadlineExceeded extends RuntimeException {
        DeadlineExceeded() {
            super("request deadline exceeded", null, false, false);
        }
    }
}
