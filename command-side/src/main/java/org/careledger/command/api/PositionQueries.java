package org.careledger.command.api;

import java.time.Duration;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.messaging.EventTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** The command answer's SQL: where in the event store an aggregate's last event stands. */
@Component
public class PositionQueries {

    private static final Logger log = LoggerFactory.getLogger(PositionQueries.class);

    private final DatabaseClient db;

    PositionQueries(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The global position of the aggregate's last event (0 if it has none), read after the command
     * committed. A passing fault of the lookup is retried; a lookup that still fails is answered 503
     * STORE_UNAVAILABLE, never 500, with a detail saying that the command took effect: the 5xx answer
     * is not kept under the Idempotency-Key, so the same request sent again with its key is answered
     * from what was committed, with the position, and does not execute twice (docs/api.md).
     */
    public Mono<Long> lastPosition(String aggregateId) {
        return db.sql("SELECT max(global_index) AS position FROM " + EventTable.NAME + " WHERE aggregate_identifier = $1")
                .bind(0, aggregateId)
                .map((row, meta) -> {
                    Long p = row.get("position", Long.class);
                    return p == null ? 0L : p;
                })
                .one()
                .defaultIfEmpty(0L)
                // the command is committed by now: a passing fault of the lookup must not turn it into a 500
                .retryWhen(Retry.backoff(3, Duration.ofMillis(100)))
                .onErrorMap(e -> !(e instanceof DomainException), e -> {
                    // the retries' exhaustion wraps the store's failure, which wraps the driver's: log the driver's
                    log.warn("A command on {} committed, but the position of its last event could not be read: {}",
                            aggregateId, NestedExceptionUtils.getMostSpecificCause(e).toString());
                    return new DomainException(ErrorCode.STORE_UNAVAILABLE, "The command took effect, but the store did not "
                            + "answer the position of its last event; send the same request again with its Idempotency-Key "
                            + "for the answer");
                });
    }
}
