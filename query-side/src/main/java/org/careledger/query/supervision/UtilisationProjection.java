package org.careledger.query.supervision;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.careledger.kernel.attendance.AttendanceCorrected;
import org.careledger.kernel.attendance.AttendanceEntry;
import org.careledger.kernel.attendance.AttendanceRecorded;
import org.careledger.query.institution.PendingEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Attendance per child and day, the basis of "actual utilisation" (托位实际使用率): one row per
 * (institution, day, child), upserted in one batch per processor unit of work. A row only moves
 * forward to a later event position, so redelivery and replay change nothing.
 */
@Component
@ProcessingGroup(UtilisationProjection.NAME)
public class UtilisationProjection {

    public static final String NAME = "utilisation";

    private final JdbcTemplate jdbc;

    public UtilisationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String institutionId, java.time.LocalDate day, String childRef, boolean present, long position) {
    }

    @EventHandler
    void on(AttendanceRecorded event, TrackingToken token) {
        long position = PendingEvents.position(token);
        for (AttendanceEntry e : event.entries()) {
            pending().add(new Row(event.institutionId().value(), event.day(), e.childRef().value(), e.present(), position));
        }
    }

    @EventHandler
    void on(AttendanceCorrected event, TrackingToken token) {
        pending().add(new Row(event.institutionId().value(), event.day(), event.after().childRef().value(),
                event.after().present(), PendingEvents.position(token)));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM attendance_child_day");
    }

    private List<Row> pending() {
        return PendingEvents.rows(NAME, this::flush);
    }

    void flush(List<Row> rows) {
        // the latest row per key wins inside a batch (a correction after its record)
        Map<String, Row> latest = new LinkedHashMap<>();
        for (Row r : rows) {
            latest.merge(r.institutionId() + "/" + r.day() + "/" + r.childRef(), r,
                    (a, b) -> b.position() >= a.position() ? b : a);
        }
        List<Object[]> args = latest.values().stream().map(r -> new Object[] {r.institutionId(), Date.valueOf(r.day()),
                r.childRef(), r.present(), r.position()}).toList();
        jdbc.batchUpdate("""
                INSERT INTO attendance_child_day (institution_id, day, child_ref, present, last_position)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (institution_id, day, child_ref) DO UPDATE SET present = EXCLUDED.present,
                    last_position = EXCLUDED.last_position
                WHERE attendance_child_day.last_position < EXCLUDED.last_position""", args);
    }
}
