package org.careledger.query.inspector;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.careledger.kernel.messaging.EventTable;
import org.careledger.query.institution.InstitutionViewJson;
import org.careledger.query.inspector.InstitutionReplay.BusinessSnapshot;
import org.careledger.query.inspector.InstitutionReplay.RecordedSnapshot;
import org.careledger.query.inspector.InstitutionReplay.StoredEvent;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the as-of snapshots of each institution (docs/adr/0016-as-of-snapshots.md), on the
 * history index's processor thread, in its transaction, right after a batch's rows are indexed:
 * first drops the snapshots the batch's events invalidate (a gap fill below a RECORDED snapshot, a
 * backdated fact before a BUSINESS cut), then, for each institution with at least
 * {@code careledger.inspector.snapshot-every} state events above its latest RECORDED snapshot,
 * folds the events since its latest snapshots and stores new ones in both readings.
 */
@Component
record AsOfSnapshots(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, InstitutionViewJson views,
                     @Value("${careledger.inspector.snapshot-every:500}") int every) {

    /**
     * Events about an institution that the view reducer leaves the state unchanged by (attendance,
     * a child's registration, a view of a child's personal data; tested): as-of, diff and
     * snapshots skip them, the others are its "state events".
     */
    static final List<String> NOT_FOLDED = List.of("AttendanceRecorded", "AttendanceCorrected", "ChildRegistered",
            "ChildPersonalDataViewed");
    static final String STATE_EVENTS = "h.event_type NOT IN ("
            + String.join(", ", NOT_FOLDED.stream().map(t -> "'" + t + "'").toList()) + ")";

    /** A row just added to the index. */
    record Indexed(String institutionId, long position, String type, Instant recordedAt, Instant businessAt) {

        boolean isState() {
            return !NOT_FOLDED.contains(type);
        }
    }

    AsOfSnapshots {
        if (every < 1) {
            throw new IllegalArgumentException("careledger.inspector.snapshot-every must be at least 1");
        }
    }

    void clear() {
        jdbc.update("DELETE FROM institution_snapshot_recorded");
        jdbc.update("DELETE FROM institution_snapshot_business");
    }

    /** After the batch's rows are in the index (same transaction). */
    void indexed(List<Indexed> rows) {
        Map<String, List<Indexed>> state = new LinkedHashMap<>();
        rows.stream().filter(Indexed::isState).forEach(r -> state.computeIfAbsent(r.institutionId(), k -> new ArrayList<>()).add(r));
        if (state.isEmpty()) {
            return;
        }
        invalidate(state);
        for (String institution : due(state.keySet())) {
            take(institution);
        }
    }

    private void invalidate(Map<String, List<Indexed>> state) {
        List<Object[]> recorded = new ArrayList<>();
        List<Object[]> business = new ArrayList<>();
        List<Object[]> filed = new ArrayList<>();
        state.forEach((institution, events) -> {
            recorded.add(new Object[] {institution, events.stream().mapToLong(Indexed::position).min().orElseThrow()});
            events.stream().filter(e -> !e.type().equals("FilingSubmitted"))
                    .min(Comparator.comparing(Indexed::businessAt).thenComparingLong(Indexed::position))
                    .ifPresent(e -> business.add(new Object[] {institution, Timestamp.from(e.businessAt()), e.position()}));
            if (events.stream().anyMatch(e -> e.type().equals("FilingSubmitted"))) {
                filed.add(new Object[] {institution});
            }
        });
        jdbc.batchUpdate("DELETE FROM institution_snapshot_recorded WHERE institution_id = ? AND position > ?", recorded);
        jdbc.batchUpdate("DELETE FROM institution_snapshot_business WHERE institution_id = ? "
                + "AND (cut_business_at, cut_position) > (?, ?)", business);
        if (!filed.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM institution_snapshot_business WHERE institution_id = ?", filed);
        }
    }

    /** The institutions with at least {@code every} state events above their latest RECORDED snapshot. */
    private List<String> due(java.util.Set<String> institutions) {
        String marks = String.join(", ", Collections.nCopies(institutions.size(), "?"));
        List<Object> args = new ArrayList<>(institutions);
        args.add(every);
        return jdbc.queryForList("SELECT h.institution_id FROM institution_history h WHERE h.institution_id IN (" + marks
                + ") AND " + STATE_EVENTS + " AND h.global_index > COALESCE((SELECT max(s.position) "
                + "FROM institution_snapshot_recorded s WHERE s.institution_id = h.institution_id), -1) "
                + "GROUP BY h.institution_id HAVING count(*) >= ?", String.class, args.toArray());
    }

    private void take(String institution) {
        RecordedSnapshot lastRecorded = jdbc.query("SELECT position, max_recorded_at, view FROM institution_snapshot_recorded "
                + "WHERE institution_id = ? ORDER BY position DESC LIMIT 1", rs -> rs.next()
                ? new RecordedSnapshot(rs.getLong(1), rs.getTimestamp(2).toInstant(), views.read(rs.getString(3))) : null,
                institution);
        List<StoredEvent> since = events(institution, "h.global_index > ?", "h.global_index",
                lastRecorded == null ? -1L : lastRecorded.position());
        List<RecordedSnapshot> recorded = InstitutionReplay.recordedSnapshots(lastRecorded, since, every);
        jdbc.batchUpdate("INSERT INTO institution_snapshot_recorded (institution_id, position, max_recorded_at, view) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", recorded.stream().map(s -> new Object[] {institution,
                s.position(), Timestamp.from(s.maxRecordedAt()), views.write(s.view())}).toList());

        Instant horizon = since.stream().map(StoredEvent::recordedAt).max(Comparator.naturalOrder())
                .orElse(lastRecorded == null ? Instant.MIN : lastRecorded.maxRecordedAt());
        BusinessSnapshot lastBusiness = jdbc.query("SELECT cut_business_at, cut_position, sequence, max_business_at, view "
                + "FROM institution_snapshot_business WHERE institution_id = ? "
                + "ORDER BY cut_business_at DESC, cut_position DESC LIMIT 1", rs -> rs.next()
                ? new BusinessSnapshot(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3),
                rs.getTimestamp(4).toInstant(), views.read(rs.getString(5))) : null, institution);
        List<StoredEvent> after = lastBusiness == null
                ? events(institution, "TRUE", "h.business_at, h.global_index")
                : events(institution, "h.event_type <> 'FilingSubmitted' AND (h.business_at, h.global_index) > (?, ?)",
                "h.business_at, h.global_index", Timestamp.from(lastBusiness.cutBusinessAt()), lastBusiness.cutPosition());
        List<StoredEvent> ordered = new ArrayList<>(after);
        ordered.sort(InstitutionReplay.BUSINESS_ORDER);
        List<BusinessSnapshot> business = InstitutionReplay.businessSnapshots(lastBusiness, ordered, every, horizon);
        jdbc.batchUpdate("INSERT INTO institution_snapshot_business (institution_id, cut_business_at, cut_position, sequence, "
                + "max_business_at, view) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", business.stream()
                .map(s -> new Object[] {institution, Timestamp.from(s.cutBusinessAt()), s.cutPosition(), s.sequence(),
                        Timestamp.from(s.maxBusinessAt()), views.write(s.view())}).toList());
    }

    private List<StoredEvent> events(String institution, String condition, String order, Object... args) {
        List<Object> binds = new ArrayList<>();
        binds.add(institution);
        binds.addAll(List.of(args));
        return jdbc.query(stateEventsQuery("?", condition, order),
                (rs, n) -> storedEvent(serializer, rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getBytes(6)), binds.toArray());
    }

    /**
     * The institution's state events meeting the condition, in the given order: global index,
     * recorded and business time, payload type, revision and payload (the columns
     * {@link #storedEvent} takes); {@code institution} is the institution's bind marker.
     */
    static String stateEventsQuery(String institution, String condition, String order) {
        return "SELECT h.global_index, h.recorded_at, h.business_at, e.payload_type, e.payload_revision, e.payload "
                + "FROM institution_history h JOIN " + EventTable.NAME + " e ON e.global_index = h.global_index "
                + "WHERE h.institution_id = " + institution + " AND " + STATE_EVENTS + " AND " + condition + " ORDER BY " + order;
    }

    /** A stored event of the history index, its payload deserialised (upcast on the way). */
    static StoredEvent storedEvent(Serializer serializer, long position, Instant recordedAt, Instant businessAt,
                                   String payloadType, String revision, byte[] payload) {
        return new StoredEvent(position, recordedAt, businessAt,
                serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class, payloadType, revision)));
    }
}
