package org.careledger.query.institution;

import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.careledger.kernel.messaging.EventTable;

/**
 * Keeps one bad event from stopping a projection (ADR 0018).
 * <p>
 * Every projection's processor has a dead-letter queue: an event whose handler throws is parked
 * with its error, later events of its sequence are parked behind it, and the processor goes on.
 * For that to work two things must hold, which this class provides:
 * <ul>
 *   <li><b>A failing write must not poison the batch's transaction.</b> Each write that handles
 *   one event runs in a savepoint ({@link #apply}); on failure only the savepoint is rolled back,
 *   so the dead letter and the rest of the batch still commit.</li>
 *   <li><b>Batch writers fail in their handler, not at commit.</b> Batched projections collect
 *   events and write them when the batch commits ({@link ProjectionBatch}); a failure there fails the
 *   whole batch, outside any handler. When it does, the event ids of the batch are remembered and
 *   the batch fails; the processor redelivers it, and each remembered event is then applied on its
 *   own, in its handler and in a savepoint: the bad one throws and is parked, the others are
 *   written. A retry of a parked event (no processor batch) is applied on its own too.</li>
 * </ul>
 * A failure that says the store is unavailable (a lost connection, a timeout) parks nothing: it
 * fails the batch, which the processor retries later, as before.
 */
@Component
public class EventIsolation {

    private static final Logger log = LoggerFactory.getLogger(EventIsolation.class);
    /** Event ids per projection whose batch failed: applied one by one when they come again. */
    private final Map<String, Set<String>> suspects = new ConcurrentHashMap<>();
    private final TransactionTemplate savepoint;
    private final JdbcTemplate jdbc;

    public EventIsolation(PlatformTransactionManager transactionManager, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Institution-view projections: the event joins the batch's {@link ProjectionBatch}, or, when it
     * must be applied on its own, is folded and written at once by {@code flush}.
     */
    public void collect(String projection, EventMessage<?> message, String institutionId, Object event, long position,
                        Consumer<ProjectionBatch> flush) {
        if (alone(projection, message)) {
            ProjectionBatch single = new ProjectionBatch();
            single.add(institutionId, event, inBatch() ? position : ownIndex(message, position), message.getIdentifier());
            apply(projection, message, () -> flush.accept(single));
            return;
        }
        List<String> ids = batchIds(projection);
        ids.add(message.getIdentifier());
        ProjectionBatch.current(projection, batch -> guarded(projection, ids, () -> flush.accept(batch)))
                .add(institutionId, event, position, message.getIdentifier());
    }

    /**
     * Row-batching projections: the row joins the batch written by {@code write} when the unit of
     * work commits, or is written at once when the event must be applied on its own.
     */
    public <T> void collect(String projection, EventMessage<?> message, T row, Consumer<List<T>> write) {
        if (alone(projection, message)) {
            apply(projection, message, () -> write.accept(List.of(row)));
            return;
        }
        List<String> ids = batchIds(projection);
        ids.add(message.getIdentifier());
        ProjectionBatch.<T>rows(projection, rows -> guarded(projection, ids, () -> write.accept(rows))).add(row);
    }

    /**
     * Runs the writes of one event in a savepoint of the processor's transaction. On failure the
     * savepoint is rolled back and the failure rethrown for the dead-letter queue; a failure of the
     * store itself instead fails the batch when it commits (it is retried, nothing is parked).
     */
    public void apply(String projection, EventMessage<?> message, Runnable write) {
        try {
            savepoint.executeWithoutResult(status -> write.run());
        } catch (RuntimeException e) {
            if (isUnavailable(e) && CurrentUnitOfWork.isStarted()
                    && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch) {
                log.warn("{}: the store failed on event {} ({}); the batch will be retried", projection,
                        message.getIdentifier(), e.toString());
                suspects(projection).add(message.getIdentifier());
                batch.onPrepareCommit(u -> {
                    throw e;
                });
                return;
            }
            EventNotApplied failure = new EventNotApplied(e);
            log.warn("{}: event {} ({}) cannot be applied and is parked: {}", projection, message.getIdentifier(),
                    message.getPayloadType().getSimpleName(), failure.getMessage());
            throw failure;
        }
    }

    /**
     * A replay rebuilds the view from the first event: what was parked is forgotten (called by the
     * projections' reset handlers), and events that still fail are parked again at their place.
     * Otherwise every event of a sequence with a parked event would be parked behind it.
     */
    public void forgetParked(String projection) {
        int n = jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", projection);
        if (n > 0) {
            log.info("{}: replay forgets {} parked events", projection, n);
        }
    }

    /**
     * The position a row projection records for the event: the token's position in a processor
     * batch; for an event applied outside one (a retried parked event) its own index, for the reason
     * given at {@link #ownIndex}. For projections whose rows are each written by the events of one
     * aggregate (a subsidy case, an institution's attendance day), which are retried in their order.
     */
    public long position(EventMessage<?> message, org.axonframework.eventhandling.TrackingToken token) {
        long position = ProjectionBatch.position(token);
        return inBatch() ? position : ownIndex(message, position);
    }

    private static boolean inBatch() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>;
    }

    /**
     * A retried parked event carries the token stored with it, whose position can be ahead of the
     * event's own index (the highest index its processor had seen); the views must record the
     * event's own index, or the events parked behind it would count as already applied.
     */
    private long ownIndex(EventMessage<?> message, long fallback) {
        return jdbc.query("SELECT global_index FROM " + EventTable.NAME + " WHERE event_identifier = ?",
                rs -> rs.next() ? rs.getLong(1) : fallback, message.getIdentifier());
    }

    /** Whether the event is applied on its own: it was in a failed batch, or it is not in a processor batch. */
    boolean alone(String projection, EventMessage<?> message) {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>)) {
            return true;
        }
        Set<String> ids = suspects.get(projection);
        if (ids == null || !ids.contains(message.getIdentifier())) {
            return false;
        }
        // forgotten only once applied (or parked) for good: should the redelivered batch fail again
        // (another bad event among those that were not suspects), this one is again applied alone
        CurrentUnitOfWork.get().root().afterCommit(u -> ids.remove(message.getIdentifier()));
        return true;
    }

    private void guarded(String projection, List<String> ids, Runnable flush) {
        try {
            flush.run();
        } catch (RuntimeException e) {
            if (!isUnavailable(e)) {
                suspects(projection).addAll(ids);
                log.warn("{}: a batch of {} events failed ({}); its events are applied one by one when redelivered",
                        projection, ids.size(), e.toString());
            }
            throw e;
        }
    }

    private Set<String> suspects(String projection) {
        return suspects.computeIfAbsent(projection, k -> ConcurrentHashMap.newKeySet());
    }

    private static List<String> batchIds(String projection) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource("batch-event-ids:" + projection, k -> new ArrayList<>());
    }

    /**
     * Why an event was parked, as the dead-letter queue records it: the innermost cause first
     * (a driver's message, e.g. PostgreSQL's "timestamp out of range"), not the SQL text around it.
     */
    public static final class EventNotApplied extends RuntimeException {

        EventNotApplied(Throwable cause) {
            super(describe(cause), cause);
        }

        private static String describe(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String text = root.getClass().getSimpleName() + ": " + root.getMessage();
            if (root != e) {
                text += " (in " + e.getClass().getSimpleName() + ")";
            }
            return text.length() > 1000 ? text.substring(0, 1000) : text;
        }
    }

    /** A failure of the store rather than of the event: retried, never parked. */
    static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof RecoverableDataAccessException || t instanceof SQLTransientException
                    || t instanceof com.mongodb.MongoSocketException || t instanceof com.mongodb.MongoTimeoutException) {
                return true;
            }
            // MongoDB: anything but a write refused for the document itself is the store's
            if (t instanceof com.mongodb.MongoException && !(t instanceof com.mongodb.MongoBulkWriteException)
                    && !(t instanceof com.mongodb.MongoWriteException)) {
                return true;
            }
            // Reactor's block(timeout) on a store call that did not answer
            if (t instanceof IllegalStateException && t.getMessage() != null
                    && t.getMessage().startsWith("Timeout on blocking read")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
