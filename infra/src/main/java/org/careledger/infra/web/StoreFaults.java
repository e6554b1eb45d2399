package org.careledger.infra.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.careledger.kernel.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures that are not the request's fault nor a bug: a store that is full, gone, restarting or
 * not answering (ADR 0021). They answer 503 STORE_UNAVAILABLE with Retry-After and are logged
 * with their real cause (the innermost one), not with the wrapper an upper layer put around it.
 * Also the one storage fault that is a conflict: a duplicate key on the event store's sequence,
 * which is another instance's concurrent write to the same aggregate (409 CONCURRENT_MODIFICATION).
 */
final class StoreFaults {

    private static final Logger log = LoggerFactory.getLogger(StoreFaults.class);
    /** SQLState classes: 08 connection exception, 53 insufficient resources, 57P operator intervention. */
    private static final List<String> RESOURCE_SQL_STATES = List.of("08", "53", "57P");

    private StoreFaults() {
    }

    /** The problem for a store fault, or null if the failure is not one. */
    static ProblemMapper.Problem map(Throwable failure, String instance) {
        Throwable resource = resourceCause(failure);
        if (resource != null) {
            Throwable root = root(failure);
            log.warn("Store unavailable on {}: {}{}", instance, describe(root),
                    root == resource ? "" : " (" + describe(resource) + ")");
            return ProblemMapper.problem(ErrorCode.STORE_UNAVAILABLE,
                    "A store this request needs is unavailable, full or not answering; retry shortly", List.of(), instance);
        }
        if (isDuplicateEventKey(failure)) {
            log.info("Concurrent write to the same aggregate on {}: {}", instance, describe(root(failure)));
            return ProblemMapper.problem(ErrorCode.CONCURRENT_MODIFICATION, "Another change to the same record won; retry",
                    List.of(), instance);
        }
        return null;
    }

    static Throwable resourceCause(Throwable failure) {
        for (Throwable current : Causes.chain(failure)) {
            if (current instanceof SQLException sql && isResourceState(sql.getSQLState())) {
                return current;
            }
            if (current instanceof io.r2dbc.spi.R2dbcException r2dbc && isResourceState(r2dbc.getSqlState())) {
                return current;
            }
            if (current instanceof SQLTransientConnectionException || current instanceof ConnectException
                    || current instanceof TimeoutException || current instanceof io.r2dbc.spi.R2dbcTimeoutException
                    || current instanceof io.r2dbc.spi.R2dbcNonTransientResourceException
                    || current instanceof io.r2dbc.spi.R2dbcTransientResourceException
                    || current instanceof com.mongodb.MongoTimeoutException
                    || current instanceof com.mongodb.MongoSocketException) {
                return current;
            }
            String message = current.getMessage();
            if (message != null && message.contains("No space left on device")) {
                return current;
            }
        }
        return null;
    }

    static boolean isDuplicateEventKey(Throwable failure) {
        boolean eventStore = false;
        for (Throwable current : Causes.chain(failure)) {
            eventStore |= current instanceof EventStoreException;
            if (eventStore && current instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isResourceState(String state) {
        return state != null && RESOURCE_SQL_STATES.stream().anyMatch(state::startsWith);
    }

    private static Throwable root(Throwable t) {
        List<Throwable> chain = Causes.chain(t);
        return chain.get(chain.size() - 1);
    }

    private static String describe(Throwable t) {
        String state = t instanceof SQLException sql && sql.getSQLState() != null ? " [SQLState " + sql.getSQLState() + "]" : "";
        return t.getClass().getSimpleName() + state + ": " + t.getMessage();
    }
}
