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
import org.springframework.http.MediaType;
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
 * <p>
 * An answer whose controller set its own {@code Cache-Control} keeps it (the register as of a past
 * day is immutable). A streamed answer (CSV, NDJSON: the open-data export and change feed) is
 * never gathered in memory to be hashed: it passes through as it is written, with the ETag its
 * controller gave it, if any (matched against {@code If-None-Match} before anything is read).
 */
@Component
public class PublicCacheFilter implements WebFilter, Ordered {

    static final String PUBLIC_PREFIX = "/api/v1/public/";
    private static final List<MediaType> STREAMED = List.of(MediaType.parseMediaType("text/csv"), MediaType.APPLICATION_NDJSON);

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
                if (isStreamed(getHeaders())) {
                    return stream(this, ifNoneMatch) ? super.writeWith(body) : setComplete();
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
                            if (headers.getCacheControl() == null) {
                                headers.setCacheControl(cacheControl);
                            }
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

    /** Streamed answers: the controller's ETag is kept, or the body is one the filter must not gather. */
    static boolean isStreamed(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        return headers.getETag() != null || (type != null && (STREAMED.stream().anyMatch(type::isCompatibleWith)));
    }

    /**
     * Headers of a streamed answer: the default Cache-Control unless the controller set one; false
     * (answered 304, nothing read) when the client holds the controller's ETag.
     */
    private boolean stream(ServerHttpResponseDecorator response, List<String> ifNoneMatch) {
        HttpHeaders headers = response.getHeaders();
        if (headers.getCacheControl() == null) {
            headers.setCacheControl(cacheControl);
        }
        String etag = headers.getETag();
        if (etag != null && matches(ifNoneMatch, etag)) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            headers.remove(HttpHeaders.CONTENT_TYPE);
            headers.remove(HttpHeaders.CONTENT_DISPOSITION);
            return false;
        }
        return true;
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
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
