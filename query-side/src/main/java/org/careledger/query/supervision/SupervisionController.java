package org.careledger.query.supervision;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.Jurisdiction;
import org.careledger.query.api.Page;
import org.careledger.query.api.Paging;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The supervision list of institutions for inspectors and officers, limited to their
 * jurisdiction; administrators see every division. Read through R2DBC.
 */
@RestController
@RequestMapping("/api/v1/supervision")
public class SupervisionController {

    private final DatabaseClient db;
    private final ProjectionProgress progress;

    public SupervisionController(DatabaseClient db, ProjectionProgress progress) {
        this.db = db;
        this.progress = progress;
    }

    /** One institution as supervision sees it. */
    public record SupervisedInstitution(String institutionId, String name, String creditCode,
                                        boolean creditCodeChecksumValid, String division, String type, String status,
                                        boolean puhui, String filingNumber, Map<String, Integer> places,
                                        int totalPlaces, int openClasses, Instant submittedAt, Instant filedAt,
                                        Instant lastChangedAt) {
    }

    @GetMapping("/institutions")
    public Mono<Page<SupervisedInstitution>> institutions(Caller caller,
                                                          @RequestParam(required = false) String status,
                                                          @RequestParam(required = false) String type,
                                                          @RequestParam(required = false) String division,
                                                          @RequestParam(required = false) Integer page,
                                                          @RequestParam(required = false) Integer size,
                                                          @RequestParam(required = false) Long minPosition) {
        caller.requireRole(Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        Violations v = new Violations();
        FilingStatus st = parseEnum(v, "status", status, FilingStatus.class);
        InstitutionType ty = parseEnum(v, "type", type, InstitutionType.class);
        Jurisdiction area = division == null || division.isBlank() ? null : v.parse("division", () -> Jurisdiction.requested(division));
        if (!v.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "Invalid query parameters", v.list());
        }
        Paging paging = Paging.of(page, size);
        String prefix = org.careledger.query.api.Scopes.divisionPrefix(caller, area);

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
        String select = "SELECT * FROM supervision_institution" + where
                + " ORDER BY division_code, name, institution_id LIMIT " + paging.size() + " OFFSET " + paging.offset();
        String count = "SELECT count(*) AS total FROM supervision_institution" + where;

        Mono<List<SupervisedInstitution>> items = org.careledger.query.api.Scopes.bind(db.sql(select), binds).map(SupervisionController::toItem).all().collectList();
        Mono<Long> total = org.careledger.query.api.Scopes.bind(db.sql(count), binds).map(row -> row.get("total", Long.class)).one();
        return progress.await(SupervisionProjection.NAME, minPosition)
                .then(Mono.zip(items, total))
                .map(t -> new Page<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
    }

    private static <E extends Enum<E>> E parseEnum(Violations v, String field, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.add(field, "UNKNOWN_VALUE", field + " must be one of " + java.util.EnumSet.allOf(type));
            return null;
        }
    }

    private static SupervisedInstitution toItem(Readable row) {
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
                instant(row.get("filed_at", OffsetDateTime.class)), instant(row.get("last_changed_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
