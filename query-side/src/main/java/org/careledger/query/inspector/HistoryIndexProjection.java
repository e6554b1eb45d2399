package org.careledger.query.inspector;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.messaging.EventTable;
import org.careledger.kernel.stereotype.Projection;
import org.careledger.query.institution.EventIsolation;
import org.careledger.query.institution.JdbcProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which events are about which institution, across all aggregates (the institution, its children,
 * attendance days, inspections), with their recorded and business times: the index behind an
 * inspector's history, as-of state and diff. One row per event, written in one batch per unit of
 * work; idempotent (a row exists once), rebuilt from the events by a replay. The as-of snapshots
 * derived from the index are kept in the same transaction ({@link AsOfSnapshots}).
 * <p>
 * The row carries the event's own global index, looked up once per batch by event identifier: a
 * tracking token's position is the highest index the processor has seen, which for an event that
 * fills a gap (its transaction committed after a later-numbered one) is not the event's index.
 */
@Projection
@Component
@ProcessingGroup(HistoryIndexProjection.NAME)
public class HistoryIndexProjection extends JdbcProjection {

    public static final String NAME = "institution-history";

    /** An event about an institution, waiting for the batch to be written. */
    record Pending(String institutionId, String eventId, String type, Instant recordedAt, Instant businessAt) {
    }

    private final AsOfSnapshots snapshots;

    public HistoryIndexProjection(JdbcTemplate jdbc, AsOfSnapshots snapshots, EventIsolation isolation) {
        super(NAME, jdbc, isolation, "institution_history");
        this.snapshots = snapshots;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        Object institution = message.getMetaData().get(EventMetadata.INSTITUTION_ID);
        if (institution == null) {
            return;
        }
        Instant recorded = message.getTimestamp();
        isolation.collect(NAME, message, new Pending(institution.toString(), message.getIdentifier(),
                message.getPayloadType().getSimpleName(), recorded, BusinessTime.of(payload, recorded)), this::write);
    }

    @Override
    protected void afterReset() {
        snapshots.clear();
    }

    private void write(List<Pending> rows) {
        Map<String, Long> positions = globalIndexes(rows);
        List<AsOfSnapshots.Indexed> indexed = rows.stream().map(p -> new AsOfSnapshots.Indexed(p.institutionId(),
                positionOf(positions, p), p.type(), p.recordedAt(), p.businessAt())).toList();
        jdbc.batchUpdate("INSERT INTO institution_history (institution_id, global_index, event_type, recorded_at, business_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", indexed.stream().map(r -> new Object[] {r.institutionId(),
                        r.position(), r.type(), Timestamp.from(r.recordedAt()), Timestamp.from(r.businessAt())}).toList());
        snapshots.indexed(indexed);
    }

    /** The global index of each event of the batch, in one query (event_identifier is unique and indexed). */
    private Map<String, Long> globalIndexes(List<Pending> rows) {
        Map<String, Long> positions = new HashMap<>();
        String[] ids = rows.stream().map(Pending::eventId).distinct().toArray(String[]::new);
        jdbc.query(con -> {
            var statement = con.prepareStatement(
                    "SELECT event_identifier, global_index FROM " + EventTable.NAME + " WHERE event_identifier = ANY(?)");
            statement.setArray(1, con.createArrayOf("varchar", ids));
            return statement;
        }, rs -> {
            positions.put(rs.getString(1), rs.getLong(2));
        });
        return positions;
    }

    private static long positionOf(Map<String, Long> positions, Pending p) {
        Long position = positions.get(p.eventId());
        if (position == null) {
            throw new IllegalStateException("event " + p.eventId() + " is not in the event store");
        }
        return position;
    }
}
