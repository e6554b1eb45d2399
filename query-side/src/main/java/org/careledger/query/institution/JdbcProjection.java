package org.careledger.query.institution;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the PostgreSQL projections share: their processor's name, the JDBC template that writes
 * their tables in the processor's transaction, {@link EventIsolation} (a failing event is parked,
 * not the batch; ADR 0018), and the reset a replay starts with: forget the parked events and empty
 * the view's tables, in the order given (children before parents).
 */
public abstract class JdbcProjection {

    protected final JdbcTemplate jdbc;
    protected final EventIsolation isolation;
    private final String name;
    private final List<String> tables;

    protected JdbcProjection(String name, JdbcTemplate jdbc, EventIsolation isolation, String... tables) {
        this.name = name;
        this.jdbc = jdbc;
        this.isolation = isolation;
        this.tables = List.of(tables);
    }

    /** One event's write, in a savepoint: if it fails, the event is parked and the batch goes on. */
    protected final void apply(EventMessage<?> message, Runnable write) {
        isolation.apply(name, message, write);
    }

    /** As {@link #apply(EventMessage, Runnable)}, for a write that needs the event's position. */
    protected final void apply(EventMessage<?> message, TrackingToken token, LongConsumer write) {
        apply(message, () -> write.accept(isolation.position(message, token)));
    }

    /**
     * Updates the row of {@code table} whose {@code keyColumn} is {@code key}: {@code set} (with its
     * values) and {@code last_position}, unless the row has seen this event already (its last
     * position is not before {@code position}); so a status only moves forward in event order, and
     * redelivery changes nothing.
     */
    protected final void updateInEventOrder(String table, String keyColumn, Object key, long position, String set,
                                            Object... values) {
        Object[] args = Arrays.copyOf(values, values.length + 3);
        args[values.length] = position;
        args[values.length + 1] = key;
        args[values.length + 2] = position;
        jdbc.update("UPDATE " + table + " SET " + set + ", last_position = ? WHERE " + keyColumn + " = ? AND last_position < ?",
                args);
    }

    @ResetHandler
    protected final void reset() {
        isolation.forgetParked(name);
        for (String table : tables) {
            jdbc.update("DELETE FROM " + table);
        }
        afterReset();
    }

    /** What else a replay must forget (caches beside the tables); nothing by default. */
    protected void afterReset() {
    }
}
