package org.careledger.query.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.ReadQueries;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.query.api.Page;
import org.careledger.query.api.Paging;
import org.careledger.query.api.PositionalBinds;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewJson;
import org.careledger.query.supervision.SupervisionController.SupervisedInstitution;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads {@code supervision_institution}, which {@link SupervisionProjection} writes, and
 * {@code attendance_day}, which {@link UtilisationProjection} writes.
 */
@Component
@ReadQueries
public record SupervisionQueries(DatabaseClient db, InstitutionViewJson viewJson,
                                 org.careledger.kernel.value.LocalZones zones) {

    /** The view of one institution; empty if there is none. */
    Mono<InstitutionView> view(InstitutionId institution) {
        return db.sql("SELECT view::text AS view FROM supervision_institution WHERE institution_id = $1")
                .bind(0, institution.value()).map(row -> row.get("view", String.class)).one()
                .map(viewJson::read);
    }

    /** The views of the institutions under a division prefix, in division and name order, at most {@code limit}. */
    Flux<InstitutionView> views(String prefix, int limit) {
        return db.sql("SELECT view::text AS view FROM supervision_institution WHERE division_code LIKE $1 "
                        + "ORDER BY division_code, name, institution_id LIMIT " + limit)
                .bind(0, prefix + "%")
                .map(row -> row.get("view", String.class)).all()
                .map(viewJson::read);
    }

    /** The views of the filed institutions under a division prefix, at most {@code limit}. */
    Flux<InstitutionView> filedViews(String prefix, int limit) {
        return db.sql("SELECT view::text AS view FROM supervision_institution "
                        + "WHERE division_code LIKE $1 AND status = 'FILED' LIMIT " + limit)
                .bind(0, prefix + "%").map(row -> row.get("view", String.class)).all().map(viewJson::read);
    }

    /** Attended and recorded child-days per institution under a division prefix, between two days (inclusive). */
    Mono<Map<String, long[]>> attendanceByInstitution(String prefix, LocalDate start, LocalDate end) {
        return db.sql("""
                        SELECT a.institution_id, sum(a.attended) AS attended, sum(a.recorded) AS recorded
                        FROM attendance_day a JOIN supervision_institution s ON s.institution_id = a.institution_id
                        WHERE s.division_code LIKE $1 AND a.day BETWEEN $2 AND $3
                        GROUP BY a.institution_id""")
                .bind(0, prefix + "%").bind(1, start).bind(2, end)
                .map(row -> new Object[] {row.get("institution_id", String.class),
                        new long[] {row.get("attended", Long.class), row.get("recorded", Long.class)}})
                .all()
                .collectMap(r -> (String) r[0], r -> (long[]) r[1]);
    }

    /** Attended and recorded child-days of the filed institutions under a division prefix, between two days. */
    Mono<long[]> attendanceOfFiled(String prefix, LocalDate start, LocalDate end) {
        return db.sql("""
                        SELECT coalesce(sum(a.attended), 0) AS attended, coalesce(sum(a.recorded), 0) AS recorded
                        FROM attendance_day a JOIN supervision_institution s ON s.institution_id = a.institution_id
                        WHERE s.division_code LIKE $1 AND s.status = 'FILED' AND a.day BETWEEN $2 AND $3""")
                .bind(0, prefix + "%").bind(1, start).bind(2, end)
                .map(row -> new long[] {row.get("attended", Long.class), row.get("recorded", Long.class)}).one();
    }

    /** A page of the institutions under a division prefix, with a filing status and type if given (null: any). */
    Mono<Page<SupervisedInstitution>> institutions(String prefix, FilingStatus st, InstitutionType ty, Paging paging) {
        StringBuilder where = new StringBuilder(" WHERE division_code LIKE $1");
        List<Object> binds = new ArrayList<>();
        binds.add(prefix + "%");
        if (st != null) {
            binds.add(st.name());
            where.append(" AND status = $").append(binds.size());
        }
        if (ty != null) {
            binds.add(ty.name());
            where.append(" AND institution_type = $").append(binds.size());
        }
        // the local zone (rule F7) is read from the folded view; institutions outside any zone have none
        String select = "SELECT *, view->>'zone' AS zone_id FROM supervision_institution" + where
                + " ORDER BY division_code, name, institution_id LIMIT " + paging.size() + " OFFSET " + paging.offset();
        String count = "SELECT count(*) AS total FROM supervision_institution" + where;

        Mono<List<SupervisedInstitution>> items = PositionalBinds.bind(db.sql(select), binds).map(this::toItem).all().collectList();
        Mono<Long> total = PositionalBinds.bind(db.sql(count), binds).map(row -> row.get("total", Long.class)).one();
        return Mono.zip(items, total).map(t -> new Page<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
    }

    private SupervisedInstitution toItem(Readable row) {
        String zone = row.get("zone_id", String.class);
        Map<String, Integer> places = new LinkedHashMap<>();
        places.put("INFANT", row.get("places_infant", Integer.class));
        places.put("YOUNG_TODDLER", row.get("places_young_toddler", Integer.class));
        places.put("OLDER_TODDLER", row.get("places_older_toddler", Integer.class));
        places.put("MIXED", row.get("places_mixed", Integer.class));
        return new SupervisedInstitution(row.get("institution_id", String.class), row.get("name", String.class),
                row.get("credit_code", String.class), Boolean.TRUE.equals(row.get("credit_code_checksum_valid", Boolean.class)),
                row.get("division_code", String.class), row.get("institution_type", String.class),
                row.get("status", String.class), Boolean.TRUE.equals(row.get("puhui", Boolean.class)),
                row.get("filing_number", String.class), places, row.get("total_places", Integer.class),
                row.get("open_classes", Integer.class), instant(row.get("submitted_at", OffsetDateTime.class)),
                instant(row.get("filed_at", OffsetDateTime.class)), instant(row.get("last_changed_at", OffsetDateTime.class)),
                zone, zones.nameOf(zone));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
