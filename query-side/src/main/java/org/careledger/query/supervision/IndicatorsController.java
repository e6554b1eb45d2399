package org.careledger.query.supervision;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.stereotype.WebAdapter;
import org.careledger.kernel.value.InputRules;
import org.careledger.query.licence.LicenceAlertsQueries;
import org.careledger.kernel.value.ClassType;
import org.careledger.query.institution.CareRecord;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The supervision indicators of a jurisdiction (docs/domain.md, rule V1): places per
 * 1,000 population and children under three (with reference data), 普惠 and under-2 shares of
 * places, utilisation, certified-staff and medical-agreement rates, health-check coverage, and the
 * institutions with open orders, expired licences, over-capacity classes, ratio breaches and double
 * enrolment attempts. Computed from the current views as of a day (certificate expiry, overdue
 * orders and check coverage are judged on {@code asOf}); shares are rounded to 4 decimals.
 */
@RestController
@WebAdapter
@EnableConfigurationProperties(PopulationReference.class)
public record IndicatorsController(SupervisionQueries queries, LicenceAlertsQueries licences,
                                   ProjectionProgress progress, PopulationReference population) {

    private static final int MAX_SCAN = 20_000;

    public record Indicators(String division, LocalDate asOf, int filedInstitutions, int places, int puhuiPlaces,
                             Double puhuiShare, int placesUnder2, Double under2Share, Double placesPer1000Population,
                             Double placesPer1000ChildrenUnder3, String populationSource, int enrolled,
                             Double enrolmentRate, long attendedDays, long recordedDays, Double attendanceRate,
                             int staff, int certifiedStaff, Double certifiedStaffRate, int withMedicalAgreement,
                             Double medicalAgreementRate, int checkedInSixMonths, Double healthCheckCoverage,
                             int withOpenRectifications, int withExpiredLicence, int withOverCapacityClasses,
                             int withStaffRatioBreaches, int withDoubleEnrolmentAttempts) {
    }

    @GetMapping("/api/v1/supervision/indicators")
    public Mono<Indicators> indicators(Caller caller, @RequestParam(required = false) String division,
                                       @RequestParam(required = false) String asOf,
                                       @RequestParam(required = false) Long minPosition) {
        caller.requireRole(Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        String prefix = org.careledger.query.api.JurisdictionScope.divisionPrefix(caller, division);
        LocalDate day;
        day = asOf == null || asOf.isBlank() ? InputRules.today()
                : org.careledger.kernel.value.InputRules.queryDate("asOf", asOf);
        Mono<List<InstitutionView>> views = queries.filedViews(prefix, MAX_SCAN).collectList();
        Mono<long[]> attendance = queries.attendanceOfFiled(prefix, day.minusDays(29), day);
        Mono<Long> expired = licences.expiredOrFailed(prefix, day);
        return progress.await(SupervisionProjection.NAME, minPosition)
                .then(Mono.zip(views, attendance, expired))
                .map(t -> compute(prefix, day, t.getT1(), t.getT2(), t.getT3().intValue()));
    }

    Indicators compute(String prefix, LocalDate day, List<InstitutionView> views, long[] attendance, int expiredLicences) {
        int places = sum(views, InstitutionView::totalPlaces);
        int puhuiPlaces = sum(views, v -> v.puhui() ? v.totalPlaces() : 0);
        int under2 = sum(views, v -> v.places(ClassType.INFANT) + v.places(ClassType.YOUNG_TODDLER));
        int enrolled = sum(views, v -> v.care().enrolled());
        int staff = sum(views, v -> v.care().staff().size());
        int certified = sum(views, v -> count(v.care().staff().values(), s -> certifiedOn(s, day)));
        int withAgreement = count(views, v -> agreementValidOn(v.care().medicalAgreement(), day));
        int checked = sum(views, v -> count(v.care().enrolments().values(), e -> checkedInSixMonths(v.care(), e, day)));
        int openOrders = count(views, v -> !v.oversight().openOrders().isEmpty());
        List<List<CareRecord.Alert>> alerts = views.stream().map(v -> v.care().alerts(v.classes(), v.type(), day)).toList();
        int overCapacity = count(alerts, a -> a.stream().anyMatch(alert -> alert.type().equals("OVER_CAPACITY")));
        int ratioBreaches = count(alerts, a -> a.stream().anyMatch(alert -> alert.type().equals("STAFF_RATIO_BREACH")));
        int doubleAttempts = count(views, v -> !v.care().doubleEnrolmentAttempts().isEmpty());
        PopulationReference.Population pop = population.population().get(prefix);
        return new Indicators(prefix, day, views.size(), places, puhuiPlaces, Rates.share(puhuiPlaces, places), under2,
                Rates.share(under2, places), pop == null || pop.total() == null ? null : per1000(places, pop.total()),
                pop == null || pop.childrenUnder3() == null ? null : per1000(places, pop.childrenUnder3()),
                pop == null ? null : pop.source(), enrolled, Rates.share(enrolled, places), attendance[0], attendance[1],
                Rates.share(attendance[0], attendance[1]), staff, certified, Rates.share(certified, staff), withAgreement,
                Rates.share(withAgreement, views.size()), checked, Rates.share(checked, enrolled), openOrders, expiredLicences,
                overCapacity, ratioBreaches, doubleAttempts);
    }

    private static <T> int sum(Collection<T> items, ToIntFunction<T> value) {
        return items.stream().mapToInt(value).sum();
    }

    private static <T> int count(Collection<T> items, Predicate<T> test) {
        return (int) items.stream().filter(test).count();
    }

    /** A qualification that has not expired by {@code day}. */
    private static boolean certifiedOn(CareRecord.StaffMember s, LocalDate day) {
        return s.qualification() != null && (s.qualificationExpiresOn() == null || !s.qualificationExpiresOn().isBefore(day));
    }

    private static boolean agreementValidOn(CareRecord.MedicalAgreement agreement, LocalDate day) {
        return agreement != null && (agreement.validUntil() == null || !agreement.validUntil().isBefore(day));
    }

    /** A health check (the last, or else the entry check) in the six months up to {@code day}. */
    private static boolean checkedInSixMonths(CareRecord care, CareRecord.EnrolledChild child, LocalDate day) {
        CareRecord.HealthRecord h = care.health().get(child.childRef());
        LocalDate last = h == null ? null : h.lastCheckOn() != null ? h.lastCheckOn() : h.entryCheckOn();
        return last != null && !last.isBefore(day.minusMonths(6)) && !last.isAfter(day);
    }

    private static Double per1000(long places, long people) {
        return people <= 0 ? null : Math.round(places * 1000.0 * 100 / people) / 100.0;
    }
}
