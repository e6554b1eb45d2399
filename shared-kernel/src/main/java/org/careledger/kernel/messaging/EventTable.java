package org.careledger.kernel.messaging;

/**
 * The name of the one event table (Axon's JDBC event store): the Axon wiring creates it under this
 * name, and every query that joins events (the ledger, the history index, dead letters, readiness)
 * reads it by this name.
 */
public final class EventTable {

    /** Axon's event table; its columns are Axon's ({@code global_index}, {@code event_identifier}, …). */
    public static final String NAME = "domain_event_entry";

    private EventTable() {
    }
}
