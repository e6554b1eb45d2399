package org.careledger.query.inspector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.serialization.Serializer;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.messaging.EventTable;
import org.careledger.kernel.stereotype.ReadQueries;
import org.careledger.query.api.PositionalBinds;
import org.careledger.query.inspector.InspectorController.HistoryLine;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewJson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads an institution's past: {@code institution_history} (written by {@link HistoryIndexProjection})
 * joined with the event table, and the as-of snapshots ({@link AsOfSnapshots}).
 */
@Component
@ReadQueries
public record InspectorQueries(DatabaseClient db, @Qualifier("eventSerializer") Serializer serializer,
                               InstitutionViewJson views) {

    /** Which lines of an institution's history to read: after a position, of some types, in a time window. */
    record HistoryFilter(InstitutionId institution, long after, String[] types, String timeColumn, Instant start,
                         Instant end, int limit) {
    }

    /** The history lines the filter keeps, in position order. */
    Flux<HistoryLine> history(HistoryFilter f) {
        List<Object> binds = new ArrayList<>(List.of(f.institution().value(), f.after()));
        StringBuilder sql = new StringBuilder("""
                SELECT e.global_index, e.event_identifier, e.type, e.aggregate_identifier, e.sequence_number,
                       e.payload_type, e.payload_revision, e.payload, e.meta_data, h.recorded_at, h.business_at
                FROM institution_history h JOIN %s e ON e.global_index = h.global_index
                WHERE h.institution_id = $1 AND h.global_index > $2""".formatted(EventTable.NAME));
        if (f.types() != null) {
            binds.add(f.types());
            sql.append(" AND h.event_type = ANY($").append(binds.size()).append(")");
        }
        if (f.start() != null) {
            binds.add(OffsetDateTime.ofInstant(f.start(), java.time.ZoneOffset.UTC));
            sql.append(" AND h.").append(f.timeColumn()).append(" >= $").append(binds.size());
        }
        if (f.end() != null) {
            binds.add(OffsetDateTime.ofInstant(f.end(), java.time.ZoneOffset.UTC));
            sql.append(" AND h.").append(f.timeColumn()).append(" <= $").append(binds.size());
        }
        sql.append(" ORDER BY h.global_index LIMIT ").append(f.limit());
        return PositionalBinds.bind(db.sql(sql.toString()), binds).map(row -> {
            String payloadType = row.get("payload_type", String.class);
            byte[] meta = row.get("meta_data", byte[].class);
            return new HistoryLine(row.get("global_index", Long.class), row.get("event_identifier", String.class),
                    payloadType.substring(payloadType.lastIndexOf('.') + 1), row.get("payload_revision", String.class),
                    row.get("type", String.class), row.get("aggregate_identifier", String.class),
                    row.get("sequence_number", Long.class), row.get("recorded_at", OffsetDateTime.class).toInstant(),
                    row.get("business_at", OffsetDateTime.class).toInstant(),
                    new String(row.get("payload", byte[].class), StandardCharsets.UTF_8),
                    meta == null ? null : new String(meta, StandardCharsets.UTF_8));
        }).all();
    }

    /**
     * The state as of the instant in a reading: the latest snapshot usable at that instant (if any)
     * and the state events after it, folded as a fold from the first event would (ADR 0016).
     */
    Mono<InstitutionState> stateAt(InstitutionId institution, Instant at, InstitutionReplay.Reading reading) {
        OffsetDateTime asOf = OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
        Mono<InstitutionView> view = reading == InstitutionReplay.Reading.RECORDED
                ? db.sql("""
                        SELECT position, max_recorded_at, view FROM institution_snapshot_recorded
                        WHERE institution_id = $1 AND max_recorded_at <= $2 ORDER BY position DESC LIMIT 1""")
                        .bind(0, institution.value()).bind(1, asOf)
                        .map(row -> new StoredSnapshot(row.get("position", Long.class), null, 0,
                                row.get("max_recorded_at", OffsetDateTime.class).toInstant(), row.get("view", String.class)))
                        .one().map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(snapshot -> events(institution, asOf, "h.recorded_at <= $2 AND h.global_index > $3",
                                "h.global_index", snapshot.map(StoredSnapshot::position).orElse(-1L))
                                .publishOn(Schedulers.parallel())
                                .mapNotNull(events -> InstitutionReplay.recordedFrom(snapshot.map(s -> new InstitutionReplay
                                        .RecordedSnapshot(s.position(), s.maxAt(), views.read(s.view()))).orElse(null), events, at)))
                : db.sql("""
                        SELECT cut_business_at, cut_position, sequence, max_business_at, view FROM institution_snapshot_business
                        WHERE institution_id = $1 AND max_business_at <= $2
                        ORDER BY cut_business_at DESC, cut_position DESC LIMIT 1""")
                        .bind(0, institution.value()).bind(1, asOf)
                        .map(row -> new StoredSnapshot(row.get("cut_position", Long.class),
                                row.get("cut_business_at", OffsetDateTime.class), row.get("sequence", Long.class),
                                row.get("max_business_at", OffsetDateTime.class).toInstant(), row.get("view", String.class)))
                        .one().map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(snapshot -> (snapshot.isEmpty()
                                ? events(institution, asOf, "h.business_at <= $2", "h.business_at, h.global_index")
                                // "after the cut" spelled out so that PostgreSQL estimates it from the
                                // index (a row comparison is estimated blindly: a hash join over the store)
                                : events(institution, asOf, "h.business_at <= $2 AND h.event_type <> 'FilingSubmitted' "
                                        + "AND ((h.business_at = $3 AND h.global_index > $4) OR h.business_at > $3)",
                                        "h.business_at, h.global_index",
                                        snapshot.get().cutAt(), snapshot.get().position()))
                                .publishOn(Schedulers.parallel())
                                .mapNotNull(events -> InstitutionReplay.businessFrom(snapshot.map(s -> new InstitutionReplay
                                        .BusinessSnapshot(s.cutAt().toInstant(), s.position(), s.sequence(), s.maxAt(),
                                        views.read(s.view()))).orElse(null), events, at)));
        return view.map(v -> InstitutionState.of(v, at, reading));
    }

    /** A stored snapshot as read, its view still JSON (parsed off the event loop). */
    private record StoredSnapshot(long position, OffsetDateTime cutAt, long sequence, Instant maxAt, String view) {
    }

    /** The institution's state events matching the condition ($1 the institution, $2 the instant, then args). */
    private Mono<List<InstitutionReplay.StoredEvent>> events(InstitutionId institution, OffsetDateTime asOf, String condition,
                                                            String order, Object... args) {
        List<Object> binds = new ArrayList<>(List.of(institution.value(), asOf));
        binds.addAll(List.of(args));
        return PositionalBinds.bind(db.sql(AsOfSnapshots.stateEventsQuery("$1", condition, order)), binds)
                .map(row -> AsOfSnapshots.storedEvent(serializer, row.get("global_index", Long.class),
                        row.get("recorded_at", OffsetDateTime.class).toInstant(),
                        row.get("business_at", OffsetDateTime.class).toInstant(), row.get("payload_type", String.class),
                        row.get("payload_revision", String.class), row.get("payload", byte[].class)))
                .all()
                .collectList();
    }

    /** The division code of an institution as supervision knows it; empty if it knows none. */
    Mono<String> divisionOf(InstitutionId institution) {
        return db.sql("SELECT division_code FROM supervision_institution WHERE institution_id = $1")
                .bind(0, institution.value()).map(row -> row.get("division_code", String.class)).one();
    }
}
