package org.careledger.query.supervision;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.query.api.Page;
import org.careledger.query.api.Paging;
import org.careledger.query.institution.Care;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewJson;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Care supervision: occupancy and staff ratios per class, supervision alerts, and utilisation
 * (enrolled ÷ places, attended days ÷ recorded days) per institution and per division. Operators
 * see their own institution; inspectors and officers their division; administrators everything.
 * Children and staff appear only by opaque reference.
 */
@RestController
@RequestMapping("/api/v1/supervision")
public class CareSupervisionController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Institutions whose alerts one request computes at most (alerts are paged over them). */
    private static final int MAX_SCAN = 5_000;

    private final DatabaseClient db;
    private final ProjectionProgress progress;
    private final InstitutionViewJson viewJson;

    public CareSupervisionController(DatabaseClient db, ProjectionProgress progress, InstitutionViewJson viewJson) {
        this.db = db;
        this.progress = progress;
        this.viewJson = viewJson;
    }

    public record ClassOccupancy(String classId, String name, String classType, boolean open, int places, int enrolled,
                                 int vacancies, int carers, Integer childrenPerCarer, boolean ratioMet) {
    }

    public record CareSummary(String institutionId, String name, String division, String status, LocalDate asOf,
                              int places, int enrolled, int vacancies, int staff, Care.MedicalAgreement medicalAgreement,
                              List<ClassOccupancy> classes, List<Care.Alert> alerts) {
    }

    public record InstitutionAlert(String institutionId, String institutionName, String division, String type,
                                   String subject, String detail) {
    }

    public record InstitutionUtilisation(String institutionId, String name, String division, int places, int enrolled,
                                         Double enrolmentRate, long attendedDays, long recordedDays,
                                         Double attendanceRate) {
    }

    public record Utilisation(String division, LocalDate from, LocalDate to, int places, int enrolled,
                              Double enrolmentRate, long attendedDays, long recordedDays, Double attendanceRate,
                              List<InstitutionUtilisation> institutions) {
    }

    @GetMapping("/institutions/{id}/care")
    public Mono<CareSummary> care(Caller caller, @PathVariable String id, @RequestParam(required = false) String asOf,
                                  @RequestParam(required = false) Long minPosition) {
        caller.requireRole(Role.OPERATOR, Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        InstitutionId institution = institutionId(id);
        LocalDate day = day("asOf", asOf, LocalDate.now(CHINA));
        return progress.await(SupervisionProjection.NAME, minPosition)
                .then(db.sql("SELECT view::text AS view FROM supervision_institution WHERE institution_id = $1")
                        .bind(0, institution.value()).map(row -> row.get("view", String.class)).one())
                .switchIfEmpty(Mono.error(new DomainException(ErrorCode.INSTITUTION_NOT_FOUND, "No such institution")))
                .map(text -> {
                    InstitutionView v = viewJson.read(text);
                    caller.requireAccess(institution, DivisionCode.parse(v.division()));
                    return summary(v, day);
                });
    }

    @GetMapping("/alerts")
    public Mono<Page<InstitutionAlert>> alerts(Caller caller, @RequestParam(required = false) String division,
                                               @RequestParam(required = false) String type,
                                               @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size,
                                               @RequestParam(required = false) Long minPosition) {
        caller.requireRole(Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        String prefix = org.careledger.query.api.Scopes.divisionPrefix(caller, division);
        Paging paging = Paging.of(page, size);
        LocalDate today = LocalDate.now(CHINA);
        return progress.await(SupervisionProjection.NAME, minPosition)
                .thenMany(views(prefix))
                .flatMapIterable(v -> alertsOf(v, today).stream()
                        .filter(a -> type == null || type.isBlank() || a.type().equalsIgnoreCase(type.strip()))
                        .map(a -> new InstitutionAlert(v.institutionId(), v.name(), v.division(), a.type(), a.subject(),
                                a.detail())).toList())
                .collectList()
                .map(all -> new Page<>(all.stream().skip(paging.offset()).limit(paging.size()).toList(), paging.page(),
                        paging.size(), all.size()));
    }

    @GetMapping("/utilisation")
    public Mono<Utilisation> utilisation(Caller caller, @RequestParam(required = false) String division,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(required = false) Long minPosition) {
        caller.requireRole(Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        String prefix = org.careledger.query.api.Scopes.divisionPrefix(caller, division);
        LocalDate today = LocalDate.now(CHINA);
        LocalDate end = day("to", to, today);
        LocalDate start = day("from", from, end.withDayOfMonth(1));
        if (start.isAfter(end)) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "from must not be after to");
        }
        Mono<java.util.Map<String, long[]>> days = db.sql("""
                        SELECT a.institution_id, sum(a.attended) AS attended, sum(a.recorded) AS recorded
                        FROM attendance_day a JOIN supervision_institution s ON s.institution_id = a.institution_id
                        WHERE s.division_code LIKE $1 AND a.day BETWEEN $2 AND $3
                        GROUP BY a.institution_id""")
                .bind(0, prefix + "%").bind(1, start).bind(2, end)
                .map(row -> new Object[] {row.get("institution_id", String.class),
                        new long[] {row.get("attended", Long.class), row.get("recorded", Long.class)}})
                .all()
                .collectMap(r -> (String) r[0], r -> (long[]) r[1]);
        return progress.await(SupervisionProjection.NAME, minPosition)
                .then(progress.await(UtilisationProjection.NAME, minPosition))
                .then(Mono.zip(views(prefix).filter(InstitutionView::everFiled).collectList(), days))
                .map(t -> {
                    List<InstitutionUtilisation> rows = new ArrayList<>();
                    int places = 0;
                    int enrolled = 0;
                    long attended = 0;
                    long recorded = 0;
                    for (InstitutionView v : t.getT1()) {
                        long[] d = t.getT2().getOrDefault(v.institutionId(), new long[2]);
                        rows.add(new InstitutionUtilisation(v.institutionId(), v.name(), v.division(), v.totalPlaces(),
                                v.care().enrolled(), ratio(v.care().enrolled(), v.totalPlaces()), d[0], d[1],
                                ratio(d[0], d[1])));
                        places += v.totalPlaces();
                        enrolled += v.care().enrolled();
                        attended += d[0];
                        recorded += d[1];
                    }
                    return new Utilisation(prefix, start, end, places, enrolled, ratio(enrolled, places), attended,
                            recorded, ratio(attended, recorded), rows);
                });
    }

    private Flux<InstitutionView> views(String prefix) {
        return db.sql("SELECT view::text AS view FROM supervision_institution WHERE division_code LIKE $1 "
                        + "ORDER BY division_code, name, institution_id LIMIT " + MAX_SCAN)
                .bind(0, prefix + "%")
                .map(row -> row.get("view", String.class)).all()
                .map(viewJson::read);
    }

    static CareSummary summary(InstitutionView v, LocalDate day) {
        Care care = v.care();
        List<ClassOccupancy> classes = new ArrayList<>();
        v.classes().forEach((classId, c) -> {
            int enrolled = care.enrolledIn(classId);
            int perCarer = Care.childrenPerCarer(c.classType());
            int carers = care.carersIn(classId);
            classes.add(new ClassOccupancy(classId, c.name(), c.classType().name(), c.open(), c.places(), enrolled,
                    v.vacancies(classId), carers, perCarer == 0 ? null : perCarer,
                    perCarer == 0 || enrolled <= carers * perCarer));
        });
        return new CareSummary(v.institutionId(), v.name(), v.division(), v.status().name(), day, v.totalPlaces(),
                care.enrolled(), v.totalVacancies(), care.staff().size(), care.medicalAgreement(), classes,
                alertsOf(v, day));
    }

    /** Care alerts and overdue rectification orders of an institution as of a day. */
    static List<Care.Alert> alertsOf(InstitutionView v, LocalDate day) {
        List<Care.Alert> alerts = new ArrayList<>(v.care().alerts(v.classes(), v.type(), day));
        alerts.addAll(v.oversight().alerts(day));
        return alerts;
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    private static LocalDate day(String field, String raw, LocalDate fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return org.careledger.kernel.value.InputRules.queryDate(field, raw);
    }

    private static InstitutionId institutionId(String raw) {
        return org.careledger.kernel.id.Identifiers.inPath(raw, InstitutionId::of, "institution id");
    }

}
