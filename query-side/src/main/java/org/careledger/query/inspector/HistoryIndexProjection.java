package org.careledger.query.inspector;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.query.institution.PendingEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which events are about which institution, across all aggregates (the institution, its children,
 * attendance days, inspections), with their recorded and business times: the index behind an
 * inspector's history, as-of state and diff. One row per event, written in one batch per unit of
 * work; idempotent (a row exists once), rebuilt from the events by a replay.
 */
@Component
@ProcessingGroup(HistoryIndexProjection.NAME)
public class HistoryIndexProjection {

    public static final String NAME = "institution-history";

    private final JdbcTemplate jdbc;

    public HistoryIndexProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        Object institution = message.getMetaData().get(EventMetadata.INSTITUTION_ID);
        if (institution == null) {
            return;
        }
        Instant recorded = message.getTimestamp();
        String type = message.getPayloadType().getSimpleName();
        pending().add(new Object[] {institution.toString(), PendingEvents.position(token), type, Timestamp.from(recorded),
                Timestamp.from(BusinessTime.of(payload, recorded))});
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM institution_history");
    }

    private List<Object[]> pending() {
        return PendingEvents.rows(NAME, rows -> jdbc.batchUpdate("INSERT INTO institution_history (institution_id, "
                + "global_index, event_type, recorded_at, business_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows));
    }
}
