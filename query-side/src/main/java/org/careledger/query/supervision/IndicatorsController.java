package org.careledger.query.supervision;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.stereotype.WebAdapter;
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
public class IndicatorsController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int MAX_SCAN = 20_000;

    private final SupervisionQueries queries;
    private final LicenceAlertsQueries licences;
    private final ProjectionProgress progress;
    private final PopulationReference population;

    public IndicatorsController(SupervisionQueries queries, LicenceAlertsQueries licences, ProjectionProgress progress,
                                PopulationReference population) {
        this.queries = queries;
        this.licences = licences;
        this.progress = progress;
        this.population = population;
    }

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
        day = asOf == null || asOf.isBlank() ? LocalDate.now(CHINA)
                : org.careledger.kernel.value.InputRules.queryDate("asOf", asOf);
        Mono<List<InstitutionView>> views = queries.filedViews(prefix, MAX_SCAN).collectList();
        Mono<long[]> attendance = queries.attendanceOfFiled(prefix, day.minusDays(29), day);
        Mono<Long> expired = licences.expiredOrFailed(prefix, day);
        return progress.await(SupervisionProjection.NAME, minPosition)
                .then(Mono.zip(views, attendance, expired))
                .map(t -> compute(prefix, day, t.getT1(), t.getT2(), t.getT3().intValue()));
    }

    Indicators compute(String prefix, LocalDate day, List<InstitutionView> views, long[] attendance, int expiredLicences) {
        int places = 0;
        int puhuiPlaces = 0;
        int under2 = 0;
        int enrolled = 0;
        int staff = 0;
        int certified = 0;
        int withAgreement = 0;
        int checked = 0;
        int openOrders = 0;
        int overCapacity = 0;
        int ratioBreaches = 0;
        int doubleAttempts = 0;
        for (InstitutionView v : views) {
            int p = v.totalPlaces();
            places += p;
            puhuiPlaces += v.puhui() ? p : 0;
            under2 += v.places(ClassType.INFANT) + v.places(ClassType.YOUNG_TODDLER);
            CareRecord care = v.care();
            enrolled += care.enrolled();
            for (CareRecord.StaffMember s : care.staff().values()) {
                staff++;
                if (s.qualification() != null && (s.qualificationExpiresOn() == null || !s.qualificationExpiresOn().isBefore(day))) {
                    certified++;
                }
            }
            CareRecord.MedicalAgreement agreement = care.medicalAgreement();
            if (agreement != null && (agreement.validUntil() == null || !agreement.validUntil().isBefore(day))) {
                withAgreement++;
            }
            for (CareRecord.EnrolledChild e : care.enrolments().values()) {
                CareRecord.HealthRecord h = care.health().get(e.childRef());
                LocalDate last = h == null ? null : h.lastCheckOn() != null ? h.lastCheckOn() : h.entryCheckOn();
                if (last != null && !last.isBefore(day.minusMonths(6)) && !last.isAfter(day)) {
                    checked++;
                }
            }
            if (!v.oversight().openOrders().isEmpty()) {
                openOrders++;
            }
            List<CareRecord.Alert> alerts = care.alerts(v.classes(), v.type(), day);
            if (alerts.stream().anyMatch(a -> a.type().equals("OVER_CAPACITY"))) {
                overCapacity++;
            }
            if (alerts.stream().anyMatch(a -> a.type().equals("STAFF_RATIO_BREACH"))) {
                ratioBreaches++;
            }
            if (!care.doubleEnrolmentAttempts().isEmpty()) {
                doubleAttempts++;
            }
        }
        PopulationReference.Population pop = population.population().get(prefix);
        return new Indicators(prefix, day, views.size(), places, puhuiPlaces, Rates.share(puhuiPlaces, places), under2,
                Rates.share(under2, places), pop == null || pop.total() == null ? null : per1000(places, pop.total()),
                pop == null || pop.childrenUnder3() == null ? null : per1000(places, pop.childrenUnder3()),
                pop == null ? null : pop.source(), enrolled, Rates.share(enrolled, places), attendance[0], attendance[1],
                Rates.share(attendance[0], attendance[1]), staff, certified, Rates.share(certified, staff), withAgreement,
                Rates.share(withAgreement, views.size()), checked, Rates.share(checked, enrolled), openOrders, expiredLicences,
                overCapacity, ratioBreaches, doubleAttempts);
    }

    private static Double per1000(long places, long people) {
        return people <= 0 ? null : Math.round(places * 1000.0 * 100 / people) / 100.0;
    }
}
