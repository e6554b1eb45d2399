package org.careledger.query.ledger;

import org.careledger.ledger.LedgerEventRow;
import org.careledger.ledger.LedgerLink;
import org.springframework.jdbc.core.RowMapper;

/** Reading the ledger's rows with JDBC: the stored event rows it hashes and its stored links. */
final class LedgerRows {

    /** The event table's columns, in canonical order, for {@code SELECT}s that {@link #EVENT} reads. */
    static final String EVENT_COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "payload_type, payload_revision, time_stamp, payload, meta_data";

    static final RowMapper<LedgerEventRow> EVENT = (rs, rowNum) -> new LedgerEventRow(rs.getLong("global_index"),
            rs.getString("event_identifier"), rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
            rs.getString("type"), rs.getString("payload_type"), rs.getString("payload_revision"),
            rs.getString("time_stamp"), rs.getBytes("payload"), rs.getBytes("meta_data"));

    /** The columns of {@code ledger_link} that {@link #LINK} reads. */
    static final String LINK_COLUMNS = "global_index, event_identifier, content_hash, previous_link_hash, link_hash";

    static final RowMapper<LedgerLink> LINK = (rs, i) -> new LedgerLink(rs.getLong("global_index"),
            rs.getString("event_identifier"), rs.getBytes("content_hash"), rs.getBytes("previous_link_hash"),
            rs.getBytes("link_hash"));

    private LedgerRows() {
    }
}
