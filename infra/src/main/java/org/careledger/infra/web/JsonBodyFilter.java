package org.careledger.infra.web;

import java.util.List;

import org.careledger.kernel.error.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every body the API reads is JSON (ADR 0020). A body sent as a form, multipart, XML or text is
 * answered 415 {@code UNSUPPORTED_MEDIA_TYPE} before anything reads it; WebFlux's own handling of a
 * form sent to a JSON endpoint is a bare 400. Nor does the API read a form from any other request
 * (a GET): its parameter records bind from the query string, as the {@code @RequestParam}s they
 * replaced did, never from a form body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public record JsonBodyFilter(ProblemWebExceptionHandler writer) implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (!request.getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            MediaType type;
            try {
                type = request.getHeaders().getContentType();
            } catch (RuntimeException invalid) {
                return refuse(exchange, "The Content-Type header is not a media type");
            }
            if (type != null && !isJson(type)) {
                return refuse(exchange, "Send application/json, not " + type.getType() + "/" + type.getSubtype());
            }
        }
        return chain.filter(new WithoutForm(exchange));
    }

    /** The exchange as the API sees it: whatever the body, it holds no form data and no parts. */
    private static final class WithoutForm extends ServerWebExchangeDecorator {

        WithoutForm(ServerWebExchange exchange) {
            super(exchange);
        }

        @Override
        public Mono<MultiValueMap<String, String>> getFormData() {
            return Mono.just(new LinkedMultiValueMap<>());
        }

        @Override
        public Mono<MultiValueMap<String, Part>> getMultipartData() {
            return Mono.just(new LinkedMultiValueMap<>());
        }
    }

    private static boolean isJson(MediaType type) {
        return MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String detail) {
        return writer.write(exchange.getResponse(), ProblemMapper.problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, detail,
                List.of(), exchange.getRequest().getPath().value()));
    }
}
