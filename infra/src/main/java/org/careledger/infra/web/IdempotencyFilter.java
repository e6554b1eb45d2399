package org.careledger.infra.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.command.api.IdempotentAttempt;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Value;
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
 * <p>A key survives a crash (ADR 0021). Each execution is an attempt with a lease
 * ({@code careledger.idempotency.lease}); the commands it sends are recorded in their own
 * transactions ({@link IdempotentCommandInterceptor}). When an attempt ends without an answer
 * (its process died, or it answered 5xx) a retry takes the key over once the lease has run out and
 * executes the request again; commands the dead attempt committed are not sent again, their
 * recorded results are used. So a retry settles to a replayed answer or one execution, never to
 * a key stuck "in progress" and never to a double effect.
 *
 * <p>All database work is R2DBC, so nothing here blocks the event loop. Answers of 5xx are not
 * kept, so a failed attempt can be retried with the same key.
 */
@Component
public record IdempotencyFilter(DatabaseClient db, ProblemWebExceptionHandler problems, ObjectMapper json,
                                @Value("${careledger.idempotency.lease:45s}") Duration lease)
        implements WebFilter, Ordered {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 200;
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(15);

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdempotencyFilter.class);

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
        String attempt = UUID.randomUUID().toString();
        return db.sql("INSERT INTO idempotent_request (caller_id, idempotency_key, request_hash, attempt_id, lease_until) "
                        + "VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) ON CONFLICT DO NOTHING")
                .bind(0, caller).bind(1, key).bind(2, requestHash).bind(3, attempt).bind(4, (double) lease.toSeconds())
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 1
                        ? executeAndRemember(exchange, chain, new IdempotentAttempt(caller, key, attempt, Map.of()), body)
                        : replayOrTakeOver(exchange, chain, caller, key, body, requestHash));
    }

    private Mono<Void> executeAndRemember(ServerWebExchange exchange, WebFilterChain chain, IdempotentAttempt attempt,
                                          byte[] body) {
        ServerHttpRequest replayableRequest = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        ServerHttpResponse original = exchange.getResponse();
        RecordingResponse recording = new RecordingResponse(original, answer -> remember(attempt, answer));
        ServerWebExchange mutated = exchange.mutate().request(replayableRequest).response(recording).build();
        mutated.getAttributes().put(IdempotentAttempt.ATTRIBUTE, attempt);
        return chain.filter(mutated)
                .onErrorResume(error -> problems.write(recording, ProblemMapper.map(error, exchange.getRequest().getPath().value())))
                .then(Mono.defer(recording::stored))
                // cancelled (deadline, client gone): a retry may take the key over now; a command of this
                // attempt still queued is refused in its transaction, so nothing happens twice
                .doOnCancel(() -> endLease(attempt).subscribe(null, e -> log.debug("lease not ended: {}", e.toString())));
    }

    private Mono<Void> endLease(IdempotentAttempt attempt) {
        return db.sql("UPDATE idempotent_request SET lease_until = now() "
                        + "WHERE caller_id = $1 AND idempotency_key = $2 AND attempt_id = $3 AND status IS NULL")
                .bind(0, attempt.callerId()).bind(1, attempt.key()).bind(2, attempt.attemptId())
                .fetch().rowsUpdated().then();
    }

    private Mono<Void> remember(IdempotentAttempt attempt, Answer answer) {
        if (answer.status() >= 500) {
            // not kept: the lease ends now, so a retry takes the key over at once. Commands this
            // attempt committed are recorded, and the retry does not send them again.
            return endLease(attempt);
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE idempotent_request SET status = $1, content_type = $2, body = $3, "
                        + "completed_at = now() WHERE caller_id = $4 AND idempotency_key = $5 AND attempt_id = $6")
                .bind(0, answer.status());
        spec = answer.contentType() == null ? spec.bindNull(1, String.class) : spec.bind(1, answer.contentType());
        return spec.bind(2, answer.body()).bind(3, attempt.callerId()).bind(4, attempt.key()).bind(5, attempt.attemptId())
                .fetch().rowsUpdated().then();
    }

    /**
     * The key is known: replay its answer; or, while its attempt still runs, wait for it; or, when
     * that attempt's lease has run out without an answer (its process died, or it failed with 5xx),
     * take the key over and execute the request again, reusing what the dead attempt committed.
     */
    private Mono<Void> replayOrTakeOver(ServerWebExchange exchange, WebFilterChain chain, String caller, String key,
                                        byte[] body, String requestHash) {
        return Mono.defer(() -> decide(caller, key, requestHash))
                // the first request with this key is still running: wait for its answer
                .repeatWhenEmpty(attempts -> attempts.delayElements(Duration.ofMillis(50)))
                .timeout(WAIT_FOR_FIRST, Mono.error(() -> new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                        "A request with this Idempotency-Key is still being processed; retry")))
                .flatMap(decision -> decision.takeOver() != null
                        ? executeAndRemember(exchange, chain, decision.takeOver(), body)
                        : write(exchange, decision.stored()));
    }

    private Mono<Decision> decide(String caller, String key, String requestHash) {
        return db.sql("SELECT request_hash, status, content_type, body, attempt_id, "
                        + "(lease_until IS NULL OR lease_until < now()) AS expired FROM idempotent_request "
                        + "WHERE caller_id = $1 AND idempotency_key = $2")
                .bind(0, caller).bind(1, key)
                .map((row, meta) -> new Stored(row.get("request_hash", String.class), row.get("status", Integer.class),
                        row.get("content_type", String.class), row.get("body", byte[].class),
                        row.get("attempt_id", String.class), Boolean.TRUE.equals(row.get("expired", Boolean.class))))
                .one()
                .flatMap(stored -> {
                    if (!stored.requestHash().equals(requestHash)) {
                        return Mono.error(new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was already used with a different request"));
                    }
                    if (stored.status() != null) {
                        return Mono.just(new Decision(stored, null));
                    }
                    if (!stored.expired()) {
                        return Mono.<Decision>empty();
                    }
                    return takeOver(caller, key, stored.attemptId()).map(attempt -> new Decision(null, attempt));
                });
    }

    /** Takes the key over from an attempt whose lease ran out; empty if another retry was quicker. */
    private Mono<IdempotentAttempt> takeOver(String caller, String key, String deadAttempt) {
        String attempt = UUID.randomUUID().toString();
        return db.sql("UPDATE idempotent_request SET attempt_id = $1, lease_until = now() + make_interval(secs => $2) "
                        + "WHERE caller_id = $3 AND idempotency_key = $4 AND status IS NULL "
                        + "AND COALESCE(attempt_id, '') = $5 AND (lease_until IS NULL OR lease_until < now())")
                .bind(0, attempt).bind(1, (double) lease.toSeconds()).bind(2, caller).bind(3, key)
                .bind(4, deadAttempt == null ? "" : deadAttempt)
                .fetch().rowsUpdated()
                .filter(updated -> updated == 1)
                .flatMap(updated -> db.sql("SELECT ordinal, aggregate_id, answered_id, result_type, result_json "
                                + "FROM idempotent_command WHERE caller_id = $1 AND idempotency_key = $2")
                        .bind(0, caller).bind(1, key)
                        .map((row, meta) -> Map.entry(row.get("ordinal", Integer.class), new IdempotentAttempt.Committed(
                                result(row.get("result_type", String.class), row.get("result_json", String.class)),
                                row.get("aggregate_id", String.class), row.get("answered_id", String.class))))
                        .all()
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                        .map(committed -> {
                            log.info("Idempotency-Key of caller {} taken over from an attempt that ended without an answer "
                                    + "({} of its commands committed)", caller, committed.size());
                            return new IdempotentAttempt(caller, key, attempt, committed);
                        }));
    }

    private Object result(String type, String body) {
        if (type == null || body == null) {
            return null;
        }
        try {
            return json.readValue(body, Class.forName(type));
        } catch (ClassNotFoundException | java.io.IOException e) {
            throw new IllegalStateException("Cannot read the recorded result of a keyed command (" + type + ")", e);
        }
    }

    private static Mono<Void> write(ServerWebExchange exchange, Stored stored) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(stored.status()));
        if (stored.contentType() != null) {
            response.getHeaders().setContentType(MediaType.parseMediaType(stored.contentType()));
        }
        response.getHeaders().set(REPLAYED_HEADER, "true");
        byte[] bytes = stored.body() == null ? new byte[0] : stored.body();
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
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

    record Stored(String requestHash, Integer status, String contentType, byte[] body, String attemptId, boolean expired) {
    }

    /** Either a stored answer to replay or an attempt that took the key over. */
    record Decision(Stored stored, IdempotentAttempt takeOver) {
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
