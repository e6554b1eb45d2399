package org.careledger.query.supervision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.stereotype.WebAdapter;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.InputRules;
import org.careledger.query.api.Page;
import org.careledger.query.api.Paging;
import org.careledger.query.institution.CareRecord;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Care supervision: occupancy and staff ratios per class, supervision alerts, and utilisation
 * (enrolled ÷ places, attended days ÷ recorded days) per institution and per division. Operators
 * see their own institution; inspectors and officers their division; administrators everything.
 * Children and staff appear only by opaque reference.
 */
@RestController
@WebAdapter
@RequestMapping("/api/v1/supervision")
public record CareSupervisionController(SupervisionQueries queries, ProjectionProgress progress) {

    /** Institutions whose alerts one request computes at most (alerts are paged over them). */
    private static final int MAX_SCAN = 5_000;

    public record ClassOccupancy(String classId, String name, String classType, boolean open, int places, int enrolled,
                                 int vacancies, int carers, Integer childrenPerCarer, boolean ratioMet) {
    }

    public record CareSummary(String institutionId, String name, String division, String status, LocalDate asOf,
                              int places, int enrolled, int vacancies, int staff, CareRecord.MedicalAgreement medicalAgreement,
                              List<ClassOccupancy> classes, List<CareRecord.Alert> alerts) {
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
        LocalDate day = day("asOf", asOf, InputRules.today());
        return progress.await(SupervisionProjection.NAME, minPosition)
                .then(queries.view(institution))
                .switchIfEmpty(Mono.error(new DomainException(ErrorCode.INSTITUTION_NOT_FOUND, "No such institution")))
                .map(v -> {
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
        String prefix = org.careledger.query.api.JurisdictionScope.divisionPrefix(caller, division);
        Paging paging = Paging.of(page, size);
        LocalDate today = InputRules.today();
        return progress.await(SupervisionProjection.NAME, minPosition)
                .thenMany(queries.views(prefix, MAX_SCAN))
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
        String prefix = org.careledger.query.api.JurisdictionScope.divisionPrefix(caller, division);
        LocalDate today = InputRules.today();
        LocalDate end = day("to", to, today);
        LocalDate start = day("from", from, end.withDayOfMonth(1));
        if (start.isAfter(end)) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "from must not be after to");
        }
        Mono<java.util.Map<String, long[]>> days = queries.attendanceByInstitution(prefix, start, end);
        return progress.await(SupervisionProjection.NAME, minPosition)
                .then(progress.await(UtilisationProjection.NAME, minPosition))
                .then(Mono.zip(queries.views(prefix, MAX_SCAN).filter(InstitutionView::everFiled).collectList(), days))
                .map(t -> {
                    List<InstitutionUtilisation> rows = new ArrayList<>();
                    int places = 0;
                    int enrolled = 0;
                    long attended = 0;
                    long recorded = 0;
                    for (InstitutionView v : t.getT1()) {
                        long[] d = t.getT2().getOrDefault(v.institutionId(), new long[2]);
                        rows.add(new InstitutionUtilisation(v.institutionId(), v.name(), v.division(), v.totalPlaces(),
                                v.care().enrolled(), Rates.share(v.care().enrolled(), v.totalPlaces()), d[0], d[1],
                                Rates.share(d[0], d[1])));
                        places += v.totalPlaces();
                        enrolled += v.care().enrolled();
                        attended += d[0];
                        recorded += d[1];
                    }
                    return new Utilisation(prefix, start, end, places, enrolled, Rates.share(enrolled, places), attended,
                            recorded, Rates.share(attended, recorded), rows);
                });
    }

    static CareSummary summary(InstitutionView v, LocalDate day) {
        CareRecord care = v.care();
        List<ClassOccupancy> classes = new ArrayList<>();
        v.classes().forEach((classId, c) -> {
            int enrolled = care.enrolledIn(classId);
            int perCarer = CareRecord.childrenPerCarer(c.classType());
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
    static List<CareRecord.Alert> alertsOf(InstitutionView v, LocalDate day) {
        List<CareRecord.Alert> alerts = new ArrayList<>(v.care().alerts(v.classes(), v.type(), day));
        alerts.addAll(v.oversight().alerts(day));
        return alerts;
    }

    private static LocalDate day(String field, String raw, LocalDate fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return org.careledger.kernel.value.InputRules.queryDate(field, raw);
    }

    private static InstitutionId institutionId(String raw) {
        return org.careledger.kernel.id.Identifiers.inPath(raw, InstitutionId::new, "institution id");
    }

}
