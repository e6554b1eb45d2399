package org.careledger.query.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.stereotype.Projection;
import org.careledger.kernel.value.ClassType;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewJson;
import org.careledger.query.institution.EventIsolation;
import org.careledger.query.institution.JdbcProjection;
import org.careledger.query.institution.ProjectionBatch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The supervision view of institutions in PostgreSQL. Written with JDBC inside the processor's
 * transaction, so the rows and the processor's token commit together (exactly-once). A batch
 * loads the current state of the institutions it touches with one query, folds the events, and
 * writes them back with one batched upsert.
 */
@Projection
@Component
@ProcessingGroup(SupervisionProjection.NAME)
public class SupervisionProjection extends JdbcProjection {

    public static final String NAME = "supervision";

    private final InstitutionViewJson viewJson;

    public SupervisionProjection(JdbcTemplate jdbc, InstitutionViewJson viewJson, EventIsolation isolation) {
        super(NAME, jdbc, isolation, "supervision_institution");
        this.viewJson = viewJson;
    }

    @EventHandler
    void on(InstitutionEvent event, org.axonframework.eventhandling.EventMessage<?> message, TrackingToken token) {
        isolation.collect(NAME, message, event.institutionId().value(), event, ProjectionBatch.position(token), this::flush);
    }

    void flush(ProjectionBatch batch) {
        Map<String, InstitutionView> current = load(batch.byInstitution().keySet().toArray(String[]::new));
        Map<String, InstitutionView> changed = batch.applyTo(current);
        List<Object[]> rows = new ArrayList<>();
        for (InstitutionView v : changed.values()) {
            rows.add(new Object[] {v.institutionId(), v.name(), v.creditCode(), v.creditCodeChecksumValid(), v.division(),
                    v.type().name(), v.status().name(), v.puhui(), v.filingNumber(), v.places(ClassType.INFANT),
                    v.places(ClassType.YOUNG_TODDLER), v.places(ClassType.OLDER_TODDLER), v.places(ClassType.MIXED),
                    v.totalPlaces(), v.openClasses(), ts(v.submittedAt()), ts(v.filedAt()), ts(v.statusChangedAt()),
                    ts(v.lastChangedAt()), v.lastPosition(), viewJson.write(v), v.care().enrolled()});
        }
        jdbc.batchUpdate("""
                INSERT INTO supervision_institution (institution_id, name, credit_code, credit_code_checksum_valid,
                    division_code, institution_type, status, puhui, filing_number, places_infant, places_young_toddler,
                    places_older_toddler, places_mixed, total_places, open_classes, submitted_at, filed_at,
                    status_changed_at, last_changed_at, last_position, view, enrolled)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                ON CONFLICT (institution_id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status,
                    puhui = EXCLUDED.puhui, filing_number = EXCLUDED.filing_number,
                    places_infant = EXCLUDED.places_infant, places_young_toddler = EXCLUDED.places_young_toddler,
                    places_older_toddler = EXCLUDED.places_older_toddler, places_mixed = EXCLUDED.places_mixed,
                    total_places = EXCLUDED.total_places, open_classes = EXCLUDED.open_classes,
                    filed_at = EXCLUDED.filed_at, status_changed_at = EXCLUDED.status_changed_at,
                    last_changed_at = EXCLUDED.last_changed_at, last_position = EXCLUDED.last_position,
                    view = EXCLUDED.view, enrolled = EXCLUDED.enrolled
                WHERE supervision_institution.last_position <= EXCLUDED.last_position""", rows);
    }

    private Map<String, InstitutionView> load(String[] ids) {
        Map<String, InstitutionView> views = new HashMap<>();
        jdbc.query("SELECT institution_id, view::text FROM supervision_institution WHERE institution_id = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids)),
                rs -> {
                    views.put(rs.getString(1), viewJson.read(rs.getString(2)));
                });
        return views;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

}
