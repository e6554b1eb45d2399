package org.careledger.query.whitelist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.careledger.query.institution.InstitutionView;

/**
 * An institution on the white-list, as the public sees it: the JSON the white-list projection
 * stores with each document and the public search answers. In the API contract its schema keeps
 * the name {@code PublicInstitution}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicEntry(String filingNumber, String status, String name, String creditCode, String division,
                          String address, GeoPoint location, InstitutionType institutionType, boolean puhui,
                          LocalDate puhuiSince, List<PublicClass> classes, Set<ClassType> classTypes,
                          int totalPlaces, Set<ServiceType> serviceTypes, List<Fee> fees, Instant filedAt,
                          Instant lastChangedAt, String certificateNumber, int vacancies,
                          String medicalAgreementPartner, LocalDate latestInspectionOn,
                          String latestInspectionOutcome, List<PublicRectification> openRectifications,
                          Instant statusChangedAt, Double distanceKm) {

    /** Sets keep enum order, however the entry was read (a stored entry comes back as hash sets). */
    public PublicEntry {
        classTypes = classTypes == null ? null : java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(classTypes));
        serviceTypes = serviceTypes == null ? null
                : java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(serviceTypes));
    }

    /** A class as the public sees it. */
    public record PublicClass(String name, ClassType classType, int places, int vacancies) {
    }

    /**
     * A rectification order of an inspection, still open, as the public sees it: what kind of
     * finding it follows and by when it must be done. The inspector's free text stays out (it may
     * name people).
     */
    public record PublicRectification(org.careledger.kernel.inspection.FindingCategory category,
                                      org.careledger.kernel.inspection.FindingSeverity severity, LocalDate deadline) {
    }

    /** What the public may see of an institution's view (no child, staff or personal data). */
    static PublicEntry of(InstitutionView v) {
        List<PublicClass> classes = v.classes().entrySet().stream().filter(c -> c.getValue().open())
                .map(c -> new PublicClass(c.getValue().name(), c.getValue().classType(), c.getValue().places(),
                        v.vacancies(c.getKey()))).toList();
        Set<ClassType> types = new java.util.TreeSet<>();
        classes.forEach(c -> types.add(c.classType()));
        org.careledger.query.institution.CommissionRecord.LatestInspection latest = v.oversight().latestInspection();
        return new PublicEntry(v.filingNumber(), v.status().name(), v.name(), v.creditCode(), v.division(),
                v.address(), v.location(), v.type(), v.puhui(), v.puhuiSince(), classes, types, v.totalPlaces(),
                new java.util.TreeSet<>(v.serviceTypes()), v.fees(), v.filedAt(), v.lastChangedAt(), v.certificateNumber(),
                v.totalVacancies(), v.care().medicalAgreement() == null ? null : v.care().medicalAgreement().partnerName(),
                latest == null ? null : latest.inspectedOn(), latest == null ? null : latest.outcome().name(),
                openRectificationsOf(v), v.statusChangedAt(), null);
    }

    /** Open orders, earliest deadline first (then category and severity, so a rebuild writes the same bytes). */
    static List<PublicRectification> openRectificationsOf(InstitutionView v) {
        return v.oversight().openOrders().values().stream()
                .map(o -> new PublicRectification(o.category(), o.severity(), o.deadline()))
                .sorted(java.util.Comparator.comparing(PublicRectification::deadline)
                        .thenComparing(PublicRectification::category).thenComparing(PublicRectification::severity))
                .toList();
    }
}
