package org.careledger.infra.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.careledger.infra.security.SecurityProperties;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes successful public GET answers ({@code /api/v1/public/**}) cacheable by browsers, proxies
 * and CDNs: a strong {@code ETag} (a hash of the body), {@code Cache-Control: public,
 * max-age=<careledger.security.public-cache-max-age>}, and 304 Not Modified when the client's
 * {@code If-None-Match} names the current ETag. Other answers (errors, other paths) keep Spring
 * Security's {@code no-store}.
 */
@Component
public class PublicCacheFilter implements WebFilter, Ordered {

    static final String PUBLIC_PREFIX = "/api/v1/public/";

    private final CacheControl cacheControl;

    public PublicCacheFilter(SecurityProperties properties) {
        Duration maxAge = properties.publicCacheMaxAge();
        this.cacheControl = CacheControl.maxAge(maxAge).cachePublic();
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                || !exchange.getRequest().getPath().pathWithinApplication().value().startsWith(PUBLIC_PREFIX)) {
            return chain.filter(exchange);
        }
        List<String> ifNoneMatch = exchange.getRequest().getHeaders().getIfNoneMatch();
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                HttpStatusCode status = getStatusCode();
                if (status != null && status.value() != HttpStatus.OK.value()) {
                    return super.writeWith(body);
                }
                return DataBufferUtils.join(Flux.from(body))
                        .map(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return bytes;
                        })
                        .defaultIfEmpty(new byte[0])
                        .flatMap(bytes -> {
                            String etag = etag(bytes);
                            HttpHeaders headers = getHeaders();
                            headers.setETag(etag);
                            headers.setCacheControl(cacheControl);
                            if (matches(ifNoneMatch, etag)) {
                                setStatusCode(HttpStatus.NOT_MODIFIED);
                                headers.remove(HttpHeaders.CONTENT_LENGTH);
                                headers.remove(HttpHeaders.CONTENT_TYPE);
                                return setComplete();
                            }
                            headers.setContentLength(bytes.length);
                            return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
                        });
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** If-None-Match is a weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored; * matches anything. */
    static boolean matches(List<String> ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
