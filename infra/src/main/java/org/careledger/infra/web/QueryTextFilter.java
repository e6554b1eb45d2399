package org.careledger.infra.web;

import java.util.List;
import java.util.Map;

import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * No query parameter of the API carries control characters (a decoded {@code %00} cannot even be
 * stored by PostgreSQL) or more than {@link #MAX_VALUE} characters: such a parameter is answered
 * 400 {@code INVALID_QUERY} naming it, before any controller sees it (ADR 0020).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 101)
public class QueryTextFilter implements WebFilter {

    public static final int MAX_VALUE = 2000;

    private final ProblemWebExceptionHandler writer;

    public QueryTextFilter(ProblemWebExceptionHandler writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        for (Map.Entry<String, List<String>> parameter : exchange.getRequest().getQueryParams().entrySet()) {
            String name = parameter.getKey();
            String problem = invalid(name);
            for (String value : parameter.getValue()) {
                if (problem == null && value != null) {
                    problem = invalid(value);
                }
            }
            if (problem != null) {
                String field = name.length() > 50 || invalid(name) != null ? "(parameter name)" : name;
                String detail = "The query parameter " + field + " " + problem;
                return writer.write(exchange.getResponse(), ProblemMapper.problem(ErrorCode.INVALID_QUERY, detail,
                        List.of(new FieldViolation(field, "INVALID_CHARACTERS", detail)), exchange.getRequest().getPath().value()));
            }
        }
        return chain.filter(exchange);
    }

    private static String invalid(String text) {
        if (text.length() > MAX_VALUE) {
            return "is longer than " + MAX_VALUE + " characters";
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "contains control characters";
        }
        return null;
    }
}
