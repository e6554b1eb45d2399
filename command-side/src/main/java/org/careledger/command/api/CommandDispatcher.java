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
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a command with the caller and correlation id as metadata and answers with the id and the
 * global position of the aggregate's last event. The command runs on the command bus's own pool
 * (ADR 0005); the position is read with R2DBC, so nothing here blocks the event loop.
 */
@Component
public class CommandDispatcher {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final ReactorCommandGateway gateway;
    private final DatabaseClient db;

    public CommandDispatcher(ReactorCommandGateway gateway, DatabaseClient db) {
        this.gateway = gateway;
        this.db = db;
    }

    /** Dispatches the command; the aggregate whose last event is reported is {@code aggregateId}. */
    public Mono<CommandAccepted> dispatch(Object command, Caller caller, ServerWebExchange exchange,
                                          String aggregateId, String answeredId) {
        return send(command, caller, exchange)
                .then(positionOf(aggregateId))
                .map(position -> new CommandAccepted(answeredId, position));
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
        Map<String, Object> metaData = new HashMap<>(caller.toMetaData());
        metaData.put(EventMetadata.CORRELATION_ID, correlationId(exchange));
        return gateway.<R>send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData))
                .onErrorMap(CommandDispatcher::unwrap);
    }

    /** The global position of the aggregate's last event (0 if it has none). */
    public Mono<Long> positionOf(String aggregateId) {
        return db.sql("SELECT max(global_index) AS position FROM domain_event_entry WHERE aggregate_identifier = $1")
                .bind(0, aggregateId)
                .map((row, meta) -> {
                    Long p = row.get("position", Long.class);
                    return p == null ? 0L : p;
                })
                .one()
                .defaultIfEmpty(0L);
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
