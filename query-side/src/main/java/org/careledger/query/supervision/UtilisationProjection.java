package org.careledger.query.supervision;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.careledger.kernel.attendance.AttendanceCorrected;
import org.careledger.kernel.attendance.AttendanceRecorded;
import org.careledger.kernel.stereotype.Projection;
import org.careledger.query.institution.EventIsolation;
import org.careledger.query.institution.JdbcProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The basis of "actual utilisation" (托位实际使用率, ADR 0015): recorded and attended child-days per
 * institution and day in {@code attendance_day}, one row per day rather than one per child. A
 * processor batch costs two statements: one reads the counts of the days it touches, one writes
 * the changed counts back ({@code unnest} of arrays). Redelivery and replay change nothing
 * ({@link AttendanceDayCount#apply}).
 */
@Projection
@Component
@ProcessingGroup(UtilisationProjection.NAME)
public class UtilisationProjection extends JdbcProjection {

    public static final String NAME = "utilisation";


    public UtilisationProjection(JdbcTemplate jdbc, EventIsolation isolation) {
        super(NAME, jdbc, isolation, "attendance_day");
    }

    private record Key(String institutionId, LocalDate day) {
    }

    @EventHandler
    void on(AttendanceRecorded event, EventMessage<?> message, TrackingToken token) {
        isolation.collect(NAME, message, AttendanceDayCount.Change.of(event, isolation.position(message, token), message.getIdentifier()),
                this::flush);
    }

    @EventHandler
    void on(AttendanceCorrected event, EventMessage<?> message, TrackingToken token) {
        isolation.collect(NAME, message, AttendanceDayCount.Change.of(event, isolation.position(message, token), message.getIdentifier()),
                this::flush);
    }

    void flush(List<AttendanceDayCount.Change> changes) {
        Map<Key, AttendanceDayCount> counts = new LinkedHashMap<>();
        for (AttendanceDayCount.Change c : changes) {
            counts.putIfAbsent(new Key(c.institutionId(), c.day()), AttendanceDayCount.none(c.institutionId(), c.day()));
        }
        load(counts);
        Map<Key, AttendanceDayCount> changed = new LinkedHashMap<>();
        for (AttendanceDayCount.Change c : changes) {
            Key key = new Key(c.institutionId(), c.day());
            AttendanceDayCount before = counts.get(key);
            AttendanceDayCount after = before.apply(c);
            if (after != before) {
                counts.put(key, after);
                changed.put(key, after);
            }
        }
        if (!changed.isEmpty()) {
            store(changed.values());
        }
    }

    /** Replaces the empty counts in {@code counts} by the stored ones. */
    private void load(Map<Key, AttendanceDayCount> counts) {
        String[] institutions = counts.keySet().stream().map(Key::institutionId).toArray(String[]::new);
        String[] days = counts.keySet().stream().map(k -> k.day().toString()).toArray(String[]::new);
        jdbc.query("""
                        SELECT a.institution_id, a.day, a.recorded, a.attended, a.last_position, a.last_event_ids
                        FROM attendance_day a
                        JOIN unnest(CAST(? AS varchar[]), CAST(? AS date[])) AS k(institution_id, day)
                          ON a.institution_id = k.institution_id AND a.day = k.day""",
                ps -> {
                    ps.setArray(1, text(ps.getConnection(), institutions));
                    ps.setArray(2, text(ps.getConnection(), days));
                },
                rs -> {
                    AttendanceDayCount stored = new AttendanceDayCount(rs.getString(1), rs.getDate(2).toLocalDate(),
                            rs.getInt(3), rs.getInt(4), rs.getLong(5),
                            new HashSet<>(Arrays.asList((String[]) rs.getArray(6).getArray())));
                    counts.put(new Key(stored.institutionId(), stored.day()), stored);
                });
    }

    private void store(Collection<AttendanceDayCount> rows) {
        int n = rows.size();
        String[] institutions = new String[n];
        String[] days = new String[n];
        Integer[] recorded = new Integer[n];
        Integer[] attended = new Integer[n];
        Long[] positions = new Long[n];
        String[] ids = new String[n];
        int i = 0;
        for (AttendanceDayCount r : rows) {
            institutions[i] = r.institutionId();
            days[i] = r.day().toString();
            recorded[i] = r.recorded();
            attended[i] = r.attended();
            positions[i] = r.lastPosition();
            // event ids are UUIDs: a comma never occurs in one
            ids[i] = String.join(",", r.lastEventIds());
            i++;
        }
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("""
                    INSERT INTO attendance_day (institution_id, day, recorded, attended, last_position, last_event_ids)
                    SELECT i, d, r, a, p, string_to_array(e, ',')
                    FROM unnest(CAST(? AS varchar[]), CAST(? AS date[]), CAST(? AS integer[]), CAST(? AS integer[]),
                                CAST(? AS bigint[]), CAST(? AS text[])) AS t(i, d, r, a, p, e)
                    ON CONFLICT (institution_id, day) DO UPDATE SET recorded = EXCLUDED.recorded,
                        attended = EXCLUDED.attended, last_position = EXCLUDED.last_position,
                        last_event_ids = EXCLUDED.last_event_ids""");
            ps.setArray(1, text(connection, institutions));
            ps.setArray(2, text(connection, days));
            ps.setArray(3, connection.createArrayOf("int4", recorded));
            ps.setArray(4, connection.createArrayOf("int4", attended));
            ps.setArray(5, connection.createArrayOf("int8", positions));
            ps.setArray(6, text(connection, ids));
            return ps;
        });
    }

    private static Array text(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }
}
