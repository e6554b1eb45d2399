package org.careledger.command.api;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.security.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a command with the caller and correlation id as metadata and answers with the id and the
 * global position of the aggregate's last event. The command runs on the command bus's own pool
 * (ADR 0005); the position is read with R2DBC ({@link PositionQueries}), so nothing here blocks the
 * event loop.
 */
@Component
public record CommandDispatcher(ReactorCommandGateway gateway, PositionQueries positions) {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    /** Dispatches the command; the aggregate whose last event is reported is {@code aggregateId}. */
    public Mono<CommandAccepted> dispatch(Object command, Caller caller, ServerWebExchange exchange,
                                          String aggregateId, String answeredId) {
        return sendFor(command, caller, exchange, aggregateId, answeredId)
                .flatMap(sent -> positionOf(sent.aggregateId()).map(position -> new CommandAccepted(sent.answeredId(), position)));
    }

    /** Dispatches a command on one aggregate and answers with that aggregate's id. */
    public Mono<CommandAccepted> dispatch(Object command, Caller caller, ServerWebExchange exchange, String aggregateId) {
        return dispatch(command, caller, exchange, aggregateId, aggregateId);
    }

    /**
     * Dispatches a command whose handler answers the id of the aggregate it created or found
     * (e.g. a child registered again under the same citizen ID keeps its reference).
     */
    public Mono<CommandAccepted> dispatchReturning(Object command, Caller caller, ServerWebExchange exchange) {
        return this.<Object>send(command, caller, exchange)
                .map(Object::toString)
                .flatMap(id -> positionOf(id).map(position -> new CommandAccepted(id, position)));
    }

    /** Dispatches the command and answers what its handler returned (empty if it returned nothing). */
    public <R> Mono<R> send(Object command, Caller caller, ServerWebExchange exchange) {
        return this.<R>sendFor(command, caller, exchange, null, null).flatMap(sent -> Mono.justOrEmpty(sent.result()));
    }

    /**
     * What a sent command gave: the handler's result, and the ids the answer is built from. For a
     * request retried under its Idempotency-Key after a crash, a command an earlier attempt had
     * committed is not sent again: its recorded result and ids are given back (ADR 0021), so the
     * answer names what was committed, not ids generated anew for the retry.
     */
    public record Sent<R>(R result, String aggregateId, String answeredId) {
    }

    @SuppressWarnings("unchecked")
    public <R> Mono<Sent<R>> sendFor(Object command, Caller caller, ServerWebExchange exchange,
                                     String aggregateId, String answeredId) {
        Map<String, Object> metaData = new HashMap<>(caller.toMetaData());
        metaData.put(EventMetadata.CORRELATION_ID, correlationId(exchange));
        IdempotentAttempt attempt = exchange.getAttribute(IdempotentAttempt.ATTRIBUTE);
        if (attempt != null) {
            int ordinal = attempt.next();
            IdempotentAttempt.Committed done = attempt.committed(ordinal).orElse(null);
            if (done != null) {
                return Mono.just(new Sent<>((R) done.result(), done.aggregateId(), done.answeredId()));
            }
            metaData.put(IdempotentAttempt.CALLER, attempt.callerId());
            metaData.put(IdempotentAttempt.KEY, attempt.key());
            metaData.put(IdempotentAttempt.ATTEMPT, attempt.attemptId());
            metaData.put(IdempotentAttempt.ORDINAL, ordinal);
            if (aggregateId != null) {
                metaData.put(IdempotentAttempt.AGGREGATE, aggregateId);
            }
            if (answeredId != null) {
                metaData.put(IdempotentAttempt.ANSWERED, answeredId);
            }
        }
        // handed to the command bus from a bounded-elastic thread, never from the event loop: the
        // bus's executor takes its locks on the way in (a new worker, the bounded queue), and under
        // contention that parks the calling thread (BlockHound caught it on an epoll thread, and the
        // error it threw inside the lock left the executor's lock without an owner)
        return gateway.<R>send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .map(result -> new Sent<>(result, aggregateId, answeredId))
                .defaultIfEmpty(new Sent<>(null, aggregateId, answeredId))
                .onErrorMap(CommandDispatcher::unwrap);
    }

    /** The global position of the aggregate's last event, read after the command committed ({@link PositionQueries}). */
    public Mono<Long> positionOf(String aggregateId) {
        return positions.lastPosition(aggregateId);
    }

    private static String correlationId(ServerWebExchange exchange) {
        String given = exchange.getRequest().getHeaders().getFirst(CORRELATION_HEADER);
        if (given != null && !given.isBlank() && given.length() <= 100 && given.matches("[A-Za-z0-9._:-]+")) {
            return given;
        }
        return UUID.randomUUID().toString();
    }

    /** Axon may wrap a handler's DomainException; surface the domain refusal itself. */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof DomainException) {
                return current;
            }
            if (current instanceof CommandExecutionException cee
                    && cee.getDetails().orElse(null) instanceof DomainException d) {
                return d;
            }
            current = current.getCause();
        }
        return t;
    }
}
