package org.careledger.infra.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} for every command (API.md): the first request with a key is executed
 * and its answer stored; a repeat with the same key and the same method, path and body gets the
 * stored answer back and writes nothing; the same key with a different request is refused with
 * 409 IDEMPOTENCY_KEY_REUSED. Keys are scoped per caller. Concurrent repeats are serialised by
 * the table's primary key: exactly one executes, the others wait for its answer.
 *
 * <p>All database work is R2DBC, so nothing here blocks the event loop. Answers of 5xx are not
 * kept, so a failed attempt can be retried with the same key.
 */
@Component
public class IdempotencyFilter implements WebFilter, Ordered {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 200;
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(15);

    private final DatabaseClient db;
    private final ProblemWebExceptionHandler problems;

    public IdempotencyFilter(DatabaseClient db, ProblemWebExceptionHandler problems) {
        this.db = db;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // after Spring Security's WebFilterChainProxy (-100): the caller is known
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String key = request.getHeaders().getFirst(HEADER);
        if (key == null || request.getMethod() != HttpMethod.POST || !request.getPath().value().startsWith("/api/v1/")) {
            return chain.filter(exchange);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return Mono.error(new DomainException(ErrorCode.INVALID_INPUT,
                    HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(IdempotencyFilter::drain)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> callerId().flatMap(caller ->
                        handle(exchange, chain, caller, key, body, hash(request, body))));
    }

    private Mono<Void> handle(ServerWebExchange exchange, WebFilterChain chain, String caller, String key,
                              byte[] body, String requestHash) {
        return db.sql("INSERT INTO idempotent_request (caller_id, idempotency_key, request_hash) VALUES ($1, $2, $3) "
                        + "ON CONFLICT DO NOTHING")
                .bind(0, caller).bind(1, key).bind(2, requestHash)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 1
                        ? executeAndRemember(exchange, chain, caller, key, body)
                        : replay(exchange, caller, key, requestHash));
    }

    private Mono<Void> executeAndRemember(ServerWebExchange exchange, WebFilterChain chain, String caller,
                                          String key, byte[] body) {
        ServerHttpRequest replayableRequest = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        ServerHttpResponse original = exchange.getResponse();
        RecordingResponse recording = new RecordingResponse(original, answer -> remember(caller, key, answer));
        return chain.filter(exchange.mutate().request(replayableRequest).response(recording).build())
                .onErrorResume(error -> problems.write(recording, ProblemMapper.map(error, exchange.getRequest().getPath().value())))
                .then(Mono.defer(recording::stored));
    }

    private Mono<Void> remember(String caller, String key, Answer answer) {
        if (answer.status() >= 500) {
            return db.sql("DELETE FROM idempotent_request WHERE caller_id = $1 AND idempotency_key = $2")
                    .bind(0, caller).bind(1, key).fetch().rowsUpdated().then();
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE idempotent_request SET status = $1, content_type = $2, body = $3, "
                        + "completed_at = now() WHERE caller_id = $4 AND idempotency_key = $5")
                .bind(0, answer.status());
        spec = answer.contentType() == null ? spec.bindNull(1, String.class) : spec.bind(1, answer.contentType());
        return spec.bind(2, answer.body()).bind(3, caller).bind(4, key).fetch().rowsUpdated().then();
    }

    private Mono<Void> replay(ServerWebExchange exchange, String caller, String key, String requestHash) {
        return db.sql("SELECT request_hash, status, content_type, body FROM idempotent_request "
                        + "WHERE caller_id = $1 AND idempotency_key = $2")
                .bind(0, caller).bind(1, key)
                .map((row, meta) -> new Stored(row.get("request_hash", String.class), row.get("status", Integer.class),
                        row.get("content_type", String.class), row.get("body", byte[].class)))
                .one()
                .flatMap(stored -> {
                    if (!stored.requestHash().equals(requestHash)) {
                        return Mono.error(new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was already used with a different request"));
                    }
                    if (stored.status() == null) {
                        return Mono.<Stored>empty();
                    }
                    return Mono.just(stored);
                })
                // the first request with this key is still running: wait for its answer
                .repeatWhenEmpty(attempts -> attempts.delayElements(Duration.ofMillis(50)))
                .timeout(WAIT_FOR_FIRST, Mono.error(() -> new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                        "A request with this Idempotency-Key is still being processed; retry")))
                // a first attempt that failed with 5xx removed its row: execute this one as new
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                        "The first request with this Idempotency-Key failed; retry")))
                .flatMap(stored -> {
                    ServerHttpResponse response = exchange.getResponse();
                    response.setStatusCode(HttpStatus.valueOf(stored.status()));
                    if (stored.contentType() != null) {
                        response.getHeaders().setContentType(MediaType.parseMediaType(stored.contentType()));
                    }
                    response.getHeaders().set(REPLAYED_HEADER, "true");
                    byte[] bytes = stored.body() == null ? new byte[0] : stored.body();
                    response.getHeaders().setContentLength(bytes.length);
                    return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
                });
    }

    private static Mono<String> callerId() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getName)
                .defaultIfEmpty("anonymous");
    }

    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    static String hash(ServerHttpRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(request.getMethod().name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ' ');
            sha.update(request.getPath().value().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Stored(String requestHash, Integer status, String contentType, byte[] body) {
    }

    record Answer(int status, String contentType, byte[] body) {
    }

    /** Passes the answer through to the client and keeps a copy of it to remember. */
    static final class RecordingResponse extends ServerHttpResponseDecorator {

        private final java.util.function.Function<Answer, Mono<Void>> onAnswer;
        private Mono<Void> stored = Mono.empty();

        RecordingResponse(ServerHttpResponse delegate, java.util.function.Function<Answer, Mono<Void>> onAnswer) {
            super(delegate);
            this.onAnswer = onAnswer;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(Flux.from(body)).defaultIfEmpty(bufferFactory().wrap(new byte[0]))
                    .flatMap(joined -> {
                        byte[] bytes = drain(joined);
                        HttpStatus status = getStatusCode() == null ? HttpStatus.OK : HttpStatus.valueOf(getStatusCode().value());
                        MediaType type = getHeaders().getContentType();
                        stored = onAnswer.apply(new Answer(status.value(), type == null ? null : type.toString(), bytes)).cache();
                        return stored.then(super.writeWith(Mono.just(bufferFactory().wrap(bytes))));
                    });
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWith(Flux.from(body).flatMapSequential(p -> p));
        }

        Mono<Void> stored() {
            return stored;
        }

        @Override
        public Mono<Void> setComplete() {
            if (!isCommitted()) {
                HttpStatus status = getStatusCode() == null ? HttpStatus.OK : HttpStatus.valueOf(getStatusCode().value());
                stored = onAnswer.apply(new Answer(status.value(), null, new byte[0])).cache();
                return stored.then(super.setComplete());
            }
            return super.setComplete();
        }
    }
}
