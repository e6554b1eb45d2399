package org.careledger.infra.web.openapi;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * springdoc builds the OpenAPI document under a lock, synchronously inside its controller; while
 * the document is still being pre-loaded at start, a request for it waits on that lock. Such a
 * request is handled on a bounded elastic thread, so no Netty event-loop thread ever waits.
 */
@Component
public class ApiDocsOffTheEventLoop implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/v3/api-docs")) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
