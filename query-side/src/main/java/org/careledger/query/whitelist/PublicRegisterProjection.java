package org.careledger.query.whitelist;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.messaging.EventTable;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.query.institution.EventIsolation;
import org.careledger.query.institution.JdbcProjection;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewJson;
import org.careledger.query.institution.InstitutionViewReducer;
import org.careledger.query.institution.ProjectionBatch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every version of the public register as it was published (issue 16 §2): for each institution,
 * one row per event that changed what the public sees of it (its public entry, or whether it is
 * listed at all), valid from the event's timestamp. The register as of a date, the export as of a
 * date and the change feed ({@link OpenDataController}) read it.
 * <p>
 * A batch loads the folded state of the institutions it touches with one query, folds the events
 * one by one (a version per event, never per batch, so a rebuild gives the same rows however the
 * events are batched), and writes the versions and states with one batched statement each, in the
 * processor's transaction. A version's key is its event's own global index, looked up once per
 * batch with the event's timestamp: rows are idempotent under redelivery and identical after a
 * replay. A poison event is parked by {@link EventIsolation} like in the other projections.
 */
@Component
@ProcessingGroup(PublicRegisterProjection.NAME)
@org.careledger.kernel.stereotype.Projection
public class PublicRegisterProjection extends JdbcProjection {

    public static final String NAME = "public-register";

    /** What a version says happened to an entry. */
    public enum Change {
        /** A new version of the entry was published (first listing, or any change the public sees). */
        PUBLISHED,
        /** The entry left the register (a filing sent back to submission after it had been listed). */
        WITHDRAWN
    }

    private final InstitutionViewJson viewJson;
    private final ObjectMapper json;

    public PublicRegisterProjection(JdbcTemplate jdbc, InstitutionViewJson viewJson, ObjectMapper json,
                                    EventIsolation isolation) {
        super(NAME, jdbc, isolation, "public_register_version", "public_register_head");
        this.viewJson = viewJson;
        this.json = json;
    }

    @EventHandler
    void on(InstitutionEvent event, EventMessage<?> message, TrackingToken token) {
        isolation.collect(NAME, message, event.institutionId().value(), event, ProjectionBatch.position(token), this::flush);
    }

    /** The state of an institution between events: its view and the entry last published. */
    private record Head(InstitutionView view, String published) {
    }

    void flush(ProjectionBatch batch) {
        Map<String, Head> heads = load(batch.byInstitution().keySet().toArray(String[]::new));
        Map<String, Stored> stored = stored(batch);
        List<Object[]> versions = new ArrayList<>();
        Map<String, Head> changed = new HashMap<>();
        batch.byInstitution().forEach((id, events) -> {
            Head head = heads.get(id);
            InstitutionView view = head == null ? null : head.view();
            String published = head == null ? null : head.published();
            for (ProjectionBatch.Positioned p : events) {
                InstitutionView next = InstitutionViewReducer.apply(view, p.event(), p.position(), p.eventId());
                if (next == null || next == view) {
                    continue;
                }
                view = next;
                String entry = publicEntry(view);
                if (!Objects.equals(entry, published)) {
                    Stored event = stored.get(p.eventId());
                    if (event == null) {
                        throw new IllegalStateException("event " + p.eventId() + " is not in the event store");
                    }
                    versions.add(new Object[] {event.globalIndex(), id, Timestamp.from(event.timestamp()),
                            (entry == null ? Change.WITHDRAWN : Change.PUBLISHED).name(), view.filingNumber(),
                            view.status().name(), view.statusChangedAt() == null ? null : Timestamp.from(view.statusChangedAt()),
                            entry});
                    published = entry;
                }
            }
            if (view != null && (head == null || view != head.view())) {
                changed.put(id, new Head(view, published));
            }
        });
        if (!versions.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO public_register_version (global_index, institution_id, valid_from, change, filing_number,
                        status, status_changed_at, entry) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (global_index) DO NOTHING""", versions);
        }
        List<Object[]> rows = new ArrayList<>();
        changed.forEach((id, head) -> rows.add(new Object[] {id, head.view().lastPosition(), viewJson.write(head.view()),
                head.published()}));
        jdbc.batchUpdate("""
                INSERT INTO public_register_head (institution_id, last_position, view, published)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (institution_id) DO UPDATE SET last_position = EXCLUDED.last_position, view = EXCLUDED.view,
                    published = EXCLUDED.published
                WHERE public_register_head.last_position <= EXCLUDED.last_position""", rows);
    }

    /**
     * What the public sees of the institution: its public entry as JSON, as the white-list answers
     * it; null while it is not listed (never filed, or its filing is submitted or rejected).
     */
    String publicEntry(InstitutionView v) {
        if (!v.everFiled() || v.status() == FilingStatus.SUBMITTED || v.status() == FilingStatus.REJECTED) {
            return null;
        }
        try {
            return json.writeValueAsString(PublicEntry.of(v));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a public register entry", e);
        }
    }

    private Map<String, Head> load(String[] ids) {
        Map<String, Head> heads = new HashMap<>();
        jdbc.query("SELECT institution_id, view, published FROM public_register_head WHERE institution_id = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids)),
                rs -> {
                    heads.put(rs.getString(1), new Head(viewJson.read(rs.getString(2)), rs.getString(3)));
                });
        return heads;
    }

    /** An event as stored: its own global index and its timestamp. */
    private record Stored(long globalIndex, Instant timestamp) {
    }

    /** The batch's events as stored, in one query (event_identifier is unique and indexed). */
    private Map<String, Stored> stored(ProjectionBatch batch) {
        String[] ids = batch.byInstitution().values().stream().flatMap(List::stream).map(ProjectionBatch.Positioned::eventId)
                .distinct().toArray(String[]::new);
        Map<String, Stored> stored = new HashMap<>();
        jdbc.query("SELECT event_identifier, global_index, time_stamp FROM " + EventTable.NAME + " WHERE event_identifier = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids)),
                rs -> {
                    stored.put(rs.getString(1), new Stored(rs.getLong(2), Instant.parse(rs.getString(3))));
                });
        return stored;
    }
}
